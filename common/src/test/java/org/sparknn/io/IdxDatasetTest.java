package org.sparknn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.sparknn.io.IdxBytes.gzip;
import static org.sparknn.io.IdxBytes.idx;
import static org.sparknn.io.IdxBytes.ubytes;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparknn.data.Dataset;
import org.sparknn.data.FashionMnist;
import org.sparknn.data.FeatureScaling;

class IdxDatasetTest {
  /** Three 2x2 images and their labels. */
  private static final byte[] IMAGES = ubytes(new int[] {3, 2, 2}, 0, 255, 51, 102, 1, 2, 3, 4, 10, 20, 30, 40);
  private static final byte[] LABELS = ubytes(new int[] {3}, 0, 2, 1);

  private static Dataset load(byte[] images, byte[] labels, FeatureScaling scaling) throws IOException {
    return IdxDataset.load(new ByteArrayInputStream(images), "imgs.idx", new ByteArrayInputStream(labels), "lbls.idx",
        scaling);
  }

  private static String failure(byte[] images, byte[] labels) {
    return assertThrows(IdxFormatException.class, () -> load(images, labels, FeatureScaling.NONE)).getMessage();
  }

  @Test
  void loadsImagesAsRowsOfFeaturesAndLabelsAsClassIndices() throws IOException {
    Dataset d = load(IMAGES, LABELS, FeatureScaling.NONE);
    assertEquals(3, d.size());
    assertEquals(4, d.features());
    assertEquals(1, d.samples().labelWidth());
    assertEquals(3, d.classes());
    assertEquals(List.of(), d.classNames());
    assertArrayEquals(new float[] {0, 255, 51, 102, 1, 2, 3, 4, 10, 20, 30, 40}, d.samples().x());
    assertArrayEquals(new float[] {0, 2, 1}, d.samples().y());
  }

  @Test
  void unitScalingDividesBy255() throws IOException {
    float[] x = load(IMAGES, LABELS, FeatureScaling.UNIT).samples().x();
    assertEquals(0f, x[0]);
    assertEquals(1f, x[1]);
    assertEquals(51f / 255f, x[2]);
    assertEquals(0.4f, x[3], 1e-7f);
  }

  @Test
  void rejectsCountMismatchNamingBothFiles() {
    assertEquals("imgs.idx: holds 3 images but lbls.idx holds 2 labels; expected the same count",
        failure(IMAGES, ubytes(new int[] {2}, 0, 1)));
  }

  @Test
  void rejectsWrongRanks() {
    String images = failure(ubytes(new int[] {3, 4}, new int[12]), LABELS);
    assertEquals("imgs.idx: expected images of rank 3 (count, rows, columns), found rank 2 [3, 4]", images);
    String labels = failure(IMAGES, ubytes(new int[] {3, 1}, 0, 1, 2));
    assertEquals("lbls.idx: expected labels of rank 1 (count), found rank 2 [3, 1]", labels);
  }

  @Test
  void rejectsLabelsThatAreNotClassIndices() {
    String negative = failure(IMAGES, idx(0x09, new int[] {3}, new byte[] {0, -1, 1}));
    assertTrue(negative.startsWith("lbls.idx: label -1.0 at index 1 is not a class index"), negative);
    byte[] fractional = ByteBuffer.allocate(12).putFloat(0).putFloat(1).putFloat(1.5f).array();
    String m = failure(IMAGES, idx(0x0D, new int[] {3}, fractional));
    assertTrue(m.startsWith("lbls.idx: label 1.5 at index 2"), m);
  }

  @Test
  void loadPrefixFindsPlainAndGzippedFiles(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("set-images-idx3-ubyte.gz"), gzip(IMAGES));
    Files.write(dir.resolve("set-labels-idx1-ubyte"), LABELS);
    Dataset d = IdxDataset.loadPrefix(dir.resolve("set"), FeatureScaling.NONE);
    assertEquals(3, d.size());
    assertArrayEquals(new float[] {0, 2, 1}, d.samples().y());
  }

  @Test
  void loadPrefixNamesBothCandidatesWhenMissing(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("set-images-idx3-ubyte"), IMAGES);
    FileNotFoundException e = assertThrows(FileNotFoundException.class,
        () -> IdxDataset.loadPrefix(dir.resolve("set"), FeatureScaling.NONE));
    assertTrue(e.getMessage().contains(dir.resolve("set-labels-idx1-ubyte") + " nor "
        + dir.resolve("set-labels-idx1-ubyte.gz")), e.getMessage());
  }

  @Test
  void loadPrefixErrorsNameTheFile(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("set-images-idx3-ubyte"), IMAGES);
    Files.write(dir.resolve("set-labels-idx1-ubyte"), Arrays.copyOf(LABELS, LABELS.length - 1));
    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> IdxDataset.loadPrefix(dir.resolve("set"), FeatureScaling.NONE));
    assertTrue(e.getMessage().startsWith(dir.resolve("set-labels-idx1-ubyte") + ": truncated"), e.getMessage());
  }

  @Test
  void loadsRealFashionMnist() throws IOException {
    Path dir = Path.of(FashionMnist.DEFAULT_DIR);
    for (String file : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
      assumeTrue(Files.isRegularFile(dir.resolve(file)),
          "Fashion-MNIST not installed: " + dir.resolve(file) + " is missing, so the real-data test is skipped");
    }
    checkFashionMnist(IdxDataset.loadPrefix(dir.resolve(FashionMnist.TRAIN_PREFIX), FeatureScaling.UNIT), 60000);
    checkFashionMnist(IdxDataset.loadPrefix(dir.resolve(FashionMnist.TEST_PREFIX), FeatureScaling.UNIT), 10000);
  }

  private static void checkFashionMnist(Dataset d, int samples) {
    assertEquals(samples, d.size());
    assertEquals(784, d.features());
    assertEquals(10, d.classes());
    int[] perClass = new int[10];
    for (int i = 0; i < samples; i++) perClass[(int) d.samples().y()[i]]++;
    int[] balanced = new int[10];
    Arrays.fill(balanced, samples / 10); // Fashion-MNIST has exactly as many samples of every class
    assertArrayEquals(balanced, perClass);
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (int i = 0; i < samples * 784; i++) {
      min = Math.min(min, d.samples().x()[i]);
      max = Math.max(max, d.samples().x()[i]);
    }
    assertEquals(0f, min);
    assertEquals(1f, max);
    Dataset named = d.withClassNames(FashionMnist.CLASS_NAMES);
    assertEquals("Ankle boot", named.classNames().get(9));
  }
}
