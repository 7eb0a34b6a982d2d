package org.sparknn.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sparknn.config.ModelConfig;

/** The summary table's rows, shapes and totals, checked against counts computed here from the formulas. */
class ModelSummaryTest {
  @Test
  void mlpRowsAndTotal() {
    ModelSpec spec = new ModelSpec(Shape.vector(784), List.of(new LayerSpec.Dense(128),
        new LayerSpec.Activation(ActivationKind.RELU), new LayerSpec.Dense(64),
        new LayerSpec.Activation(ActivationKind.RELU), new LayerSpec.Dense(10)), LossKind.SOFTMAX_CROSS_ENTROPY);
    String s = ModelSummary.render(spec);
    assertTrue(row(s, 0).matches("0\\s+dense 128\\s+128\\s+100,480"), s);
    assertTrue(row(s, 1).matches("1\\s+relu\\s+128\\s+0"), s);
    assertTrue(row(s, 2).matches("2\\s+dense 64\\s+64\\s+8,256"), s);
    assertTrue(row(s, 4).matches("4\\s+dense 10\\s+10\\s+650"), s);
    assertEquals(784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10, 109_386);
    assertTrue(s.contains("total trainable parameters: 109,386"), s);
    assertTrue(s.contains("input: 784"), s);
    assertTrue(s.contains("loss: softmax_cross_entropy"), s);
    assertTrue(s.contains("buffers (non-trainable running statistics): 0"), s);
  }

  @Test
  void fashionMnistCnnShapesAndTotal() throws Exception {
    Path conf = Path.of("..", "conf", "fashion-mnist-cnn.conf");
    ModelSpec spec = ModelConfig.parse(ConfigFactory.parseString(Files.readString(conf)).getConfig("model"), "model");
    String s = ModelSummary.render(spec);
    // 28 -conv3-> 26 -pool2-> 13 -conv3-> 11 -pool2-> 5
    int conv1 = 32 * 1 * 3 * 3 + 32;
    int conv2 = 64 * 32 * 3 * 3 + 64;
    int flat = 64 * 5 * 5;
    int dense1 = flat * 512 + 512;
    int dense2 = 512 * 10 + 10;
    int total = conv1 + conv2 + dense1 + dense2;
    assertTrue(s.contains(String.format(java.util.Locale.ROOT, "total trainable parameters: %,d%n", total)), s);
    assertTrue(Pattern.compile("conv2d 32 3x3 s1 p0\\s+32x26x26\\s+320\\n").matcher(s).find(), s);
    assertTrue(Pattern.compile("maxpool2d 2\\s+32x13x13\\s+0\\n").matcher(s).find(), s);
    assertTrue(Pattern.compile("conv2d 64 3x3 s1 p0\\s+64x11x11\\s+18,496\\n").matcher(s).find(), s);
    assertTrue(Pattern.compile("maxpool2d 2\\s+64x5x5\\s+0\\n").matcher(s).find(), s);
    assertTrue(Pattern.compile("flatten\\s+1600\\s+0\\n").matcher(s).find(), s);
    assertTrue(Pattern.compile("dense 512\\s+512\\s+819,712\\n").matcher(s).find(), s);
    assertEquals(spec.layers().size(), countRows(s), s);
    assertTrue(s.contains("input: 1x28x28"), s);
  }

  @Test
  void batchNormParamsCountedAndBuffersListed() {
    ModelSpec spec = new ModelSpec(new Shape(1, 8, 8), List.of(new LayerSpec.Conv2D(4, 3, 1, 1),
        new LayerSpec.BatchNorm(0.1f, 1e-5f), new LayerSpec.Activation(ActivationKind.RELU),
        new LayerSpec.Dropout(0.5f), new LayerSpec.Flatten(), new LayerSpec.Dense(16),
        new LayerSpec.BatchNorm(0.1f, 1e-5f), new LayerSpec.Dense(3)), LossKind.SOFTMAX_CROSS_ENTROPY);
    String s = ModelSummary.render(spec);
    int conv = 4 * 9 + 4;
    int bn1 = 2 * 4;
    int dense1 = 4 * 8 * 8 * 16 + 16;
    int bn2 = 2 * 16;
    int dense2 = 16 * 3 + 3;
    assertTrue(s.contains(String.format(java.util.Locale.ROOT, "total trainable parameters: %,d%n",
        conv + bn1 + dense1 + bn2 + dense2)), s);
    assertTrue(row(s, 1).matches("1\\s+batchnorm.*\\s+4x8x8\\s+8\\s+8"), s);
    assertTrue(row(s, 3).matches("3\\s+dropout 0.5\\s+4x8x8\\s+0\\s+0"), s);
    assertTrue(row(s, 6).matches("6\\s+batchnorm.*\\s+16\\s+32\\s+32"), s);
    assertTrue(s.contains("buffers (non-trainable running statistics): 40"), s);
  }

  /** The table row of layer {@code i}, trimmed. */
  private static String row(String summary, int i) {
    for (String line : summary.split("\n")) {
      if (line.trim().startsWith(i + " ")) return line.trim();
    }
    throw new AssertionError("no row " + i + " in\n" + summary);
  }

  private static int countRows(String summary) {
    Matcher m = Pattern.compile("(?m)^\\s*\\d+  ").matcher(summary);
    int n = 0;
    while (m.find()) n++;
    return n;
  }
}
