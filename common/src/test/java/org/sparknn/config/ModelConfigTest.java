package org.sparknn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparknn.spec.ActivationKind;
import org.sparknn.spec.InitKind;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.LossKind;
import org.sparknn.spec.ModelSpec;
import org.sparknn.spec.Shape;
import org.sparknn.spec.SpecException;

class ModelConfigTest {
  private static final String CNN = """
      model {
        input = [1, 28, 28]
        loss = softmax_cross_entropy
        init = he_normal
        layers = [
          { type = conv2d, filters = 32, kernel = 3, stride = 1, padding = 0, activation = relu }
          { type = maxpool2d, size = 2 }
          { type = flatten }
          { type = dense, units = 128, activation = relu }
          { type = dropout, rate = 0.5 }
          { type = batchnorm }
          { type = relu }
          { type = dense, units = 10 }
        ]
      }
      """;
  private static final String MLP = """
      model {
        input = 784
        loss = softmax_cross_entropy
        layers = [
          { type = dense, units = 256, activation = tanh }
          { type = dense, units = 10 }
        ]
      }
      """;

  private static final LayerSpec RELU = new LayerSpec.Activation(ActivationKind.RELU);

  private static ModelSpec parse(String hocon) {
    return ModelConfig.parse(ConfigFactory.parseString(hocon).getConfig("model"), "model");
  }

  /** A model with {@code layers} (HOCON list items) on a 784 vector input. */
  private static String model(String loss, String... layers) {
    return "model { input = 784, loss = " + loss + ", layers = [" + String.join("\n", layers) + "] }";
  }

  private static SpecException rejection(String hocon) {
    return assertThrows(SpecException.class, () -> parse(hocon));
  }

  @Test
  void parsesCnnWithDefaultsAndActivationSugar() {
    ModelSpec spec = parse(CNN);
    assertEquals(new Shape(1, 28, 28), spec.input());
    assertEquals(LossKind.SOFTMAX_CROSS_ENTROPY, spec.loss());
    assertEquals(InitKind.HE_NORMAL, spec.init());
    assertEquals(List.of(new LayerSpec.Conv2D(32, 3, 1, 0), RELU, new LayerSpec.MaxPool2D(2, 2),
        new LayerSpec.Flatten(), new LayerSpec.Dense(128), RELU, new LayerSpec.Dropout(0.5f),
        new LayerSpec.BatchNorm(0.1f, 1e-5f), RELU, new LayerSpec.Dense(10)), spec.layers());
    assertEquals(10, spec.outputSize());
  }

  @Test
  void parsesMlpWithVectorInputAndAutoInit() {
    ModelSpec spec = parse(MLP);
    assertEquals(Shape.vector(784), spec.input());
    assertEquals(InitKind.AUTO, spec.init());
    assertEquals(List.of(new LayerSpec.Dense(256), new LayerSpec.Activation(ActivationKind.TANH),
        new LayerSpec.Dense(10)), spec.layers());
  }

  @Test
  void renderParsesBackToAnEqualSpec() {
    ModelSpec odd = new ModelSpec(new Shape(3, 8, 8), List.of(new LayerSpec.Conv2D(4, 3, 2, 1),
        new LayerSpec.BatchNorm(0.3f, 1.2345e-7f), new LayerSpec.Activation(ActivationKind.SIGMOID),
        new LayerSpec.MaxPool2D(2, 1), new LayerSpec.Dropout(0.1f), new LayerSpec.Dense(5),
        new LayerSpec.Activation(ActivationKind.SOFTMAX)), LossKind.MEAN_SQUARED_ERROR, InitKind.XAVIER_UNIFORM);
    for (ModelSpec spec : List.of(parse(CNN), parse(MLP), odd)) {
      String text = ModelConfig.render(spec);
      assertEquals(spec, parse(text), text);
    }
  }

  @Test
  void renderIsReadable() {
    String text = ModelConfig.render(parse(MLP));
    assertTrue(text.contains("input = 784\n"), text);
    assertTrue(text.contains("{ type = dense, units = 256 }\n    { type = tanh }"), text);
  }

  @Test
  void emptyPathGivesBareKeys() {
    SpecException e = assertThrows(SpecException.class, () -> ModelConfig.parse(
        ConfigFactory.parseString("input = 4, loss = mean_squared_error, layers = [{ type = dense, units = -1 }]"), ""));
    assertEquals("layers[0].units", e.key());
  }

  @Test
  void rejectsZeroUnits() {
    SpecException e = rejection(model("softmax_cross_entropy", "{ type = dense, units = 0 }"));
    assertEquals("model.layers[0].units: expected a positive integer, got 0", e.getMessage());
  }

  @Test
  void rejectsUnknownLayerTypeWithSuggestion() {
    SpecException e = rejection(model("softmax_cross_entropy", "{ type = dense, units = 10 }", "{ type = dens }"));
    assertEquals("model.layers[1].type", e.key());
    assertTrue(e.getMessage().contains("unknown layer type 'dens' (did you mean 'dense'?)"), e.getMessage());
    assertTrue(e.getMessage().contains("expected one of dense, conv2d, maxpool2d, flatten, dropout, batchnorm, relu, "
        + "sigmoid, tanh, softmax"), e.getMessage());
  }

  @Test
  void rejectsUnknownActivation() {
    SpecException e = rejection(model("softmax_cross_entropy", "{ type = dense, units = 10, activation = rleu }"));
    assertEquals("model.layers[0].activation", e.key());
    assertTrue(e.getMessage().contains("unknown activation 'rleu' (did you mean 'relu'?)"), e.getMessage());
  }

  @Test
  void rejectsUnknownLossAndInit() {
    SpecException loss = rejection(model("softmax_crossentropy", "{ type = dense, units = 10 }"));
    assertEquals("model.loss", loss.key());
    assertTrue(loss.getMessage().contains("did you mean 'softmax_cross_entropy'?"), loss.getMessage());
    SpecException init = rejection("model { input = 4, loss = mean_squared_error, init = glorot, layers = [{ type = flatten }] }");
    assertEquals("model.init", init.key());
    assertTrue(init.getMessage().contains("auto, xavier_uniform, xavier_normal, he_uniform, he_normal"), init.getMessage());
  }

  @Test
  void rejectsKeyNotValidForTheLayerType() {
    SpecException e = rejection("model { input = [1, 28, 28], loss = softmax_cross_entropy, layers = ["
        + "{ type = conv2d, filters = 8, kernel = 3, units = 10 }] }");
    assertEquals("model.layers[0].units: not a key of conv2d layers; valid keys: type, filters, kernel, stride, "
        + "padding, activation", e.getMessage());
    SpecException typo = rejection(model("softmax_cross_entropy", "{ type = dense, unit = 10 }"));
    assertTrue(typo.getMessage().contains("(did you mean 'units'?)"), typo.getMessage());
  }

  @Test
  void rejectsUnknownModelKey() {
    SpecException e = rejection("model { input = 4, loss = mean_squared_error, layer = [] }");
    assertEquals("model.layer", e.key());
    assertTrue(e.getMessage().contains("did you mean 'layers'"), e.getMessage());
  }

  @Test
  void rejectsWrongValueTypes() {
    assertEquals("model.layers[0].units: expected an integer, got \"many\"",
        rejection(model("softmax_cross_entropy", "{ type = dense, units = many }")).getMessage());
    assertEquals("model.layers[0].units: expected an integer, got 1.5",
        rejection(model("softmax_cross_entropy", "{ type = dense, units = 1.5 }")).getMessage());
    assertEquals("model.layers[0].rate: expected a number, got \"half\"",
        rejection(model("softmax_cross_entropy", "{ type = dropout, rate = half }")).getMessage());
    assertEquals("model.layers[0].activation",
        rejection(model("softmax_cross_entropy", "{ type = dense, units = 2, activation = [relu] }")).key());
    assertEquals("model.layers", rejection("model { input = 4, loss = mean_squared_error, layers = 5 }").key());
    assertEquals("model.layers[0]", rejection("model { input = 4, loss = mean_squared_error, layers = [dense] }").key());
    assertEquals("model.input", rejection("model { input = [28, 28], loss = mean_squared_error, layers = [] }").key());
    assertEquals("model.input[1]: expected a positive integer, got 0",
        rejection("model { input = [1, 0, 28], loss = mean_squared_error, layers = [] }").getMessage());
  }

  @Test
  void rejectsMissingValues() {
    assertEquals("model.layers[0].units: missing; a dense layer needs units",
        rejection(model("softmax_cross_entropy", "{ type = dense }")).getMessage());
    assertEquals("model.layers[0].type", rejection(model("softmax_cross_entropy", "{ units = 3 }")).key());
    assertEquals("model.loss", rejection("model { input = 4, layers = [{ type = flatten }] }").key());
    assertEquals("model.input", rejection("model { loss = mean_squared_error, layers = [{ type = flatten }] }").key());
    assertEquals("model.layers: expected at least one layer",
        rejection("model { input = 4, loss = mean_squared_error, layers = [] }").getMessage());
  }

  @Test
  void rejectsShapesThatDoNotFitWithTheConfigIndex() {
    SpecException conv = rejection(model("softmax_cross_entropy", "{ type = conv2d, filters = 4, kernel = 5 }",
        "{ type = flatten }", "{ type = dense, units = 10 }"));
    assertEquals("model.layers[0].kernel", conv.key());
    assertTrue(conv.getMessage().contains("kernel 5 (padding 0) does not fit input 784"), conv.getMessage());
    // activation sugar adds a spec layer, so spec index 2 must be reported as config index 1
    SpecException shifted = rejection(model("softmax_cross_entropy", "{ type = dense, units = 16, activation = relu }",
        "{ type = maxpool2d, size = 2 }"));
    assertEquals("model.layers[1].size", shifted.key());
  }

  @Test
  void rejectsSoftmaxBeforeSoftmaxCrossEntropy() {
    SpecException layer = rejection(model("softmax_cross_entropy", "{ type = dense, units = 10 }", "{ type = softmax }"));
    assertEquals("model.layers[1]", layer.key());
    assertTrue(layer.getMessage().contains("softmax_cross_entropy applies softmax itself"), layer.getMessage());
    SpecException sugar = rejection(model("softmax_cross_entropy", "{ type = dense, units = 10, activation = softmax }"));
    assertEquals("model.layers[0].activation", sugar.key());
  }

  @Test
  void rejectsOneOutputForSoftmaxCrossEntropy() {
    assertEquals("model.loss", rejection(model("softmax_cross_entropy", "{ type = dense, units = 1 }")).key());
  }
}
