package org.sparknn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparknn.data.FeatureScaling;
import org.sparknn.optim.OptimizerSpec;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.Shape;
import org.sparknn.spec.SpecException;

class JobConfigTest {
  private static final String MLP = "../conf/fashion-mnist-mlp.conf"; // Maven runs tests in the module directory
  private static final String CNN = "../conf/fashion-mnist-cnn.conf";
  private static final String MINIMAL = """
      model { input = 4, loss = mean_squared_error, layers = [{ type = dense, units = 1 }] }
      optimizer { type = sgd }
      training { }
      data { train = /tmp/train }
      """;

  private static JobConfig parse(String file, String... overrides) throws IOException {
    return JobConfig.parse(Files.readString(Path.of(file), StandardCharsets.UTF_8), file, List.of(overrides));
  }

  private static SpecException reject(String text, String... overrides) {
    return assertThrows(SpecException.class, () -> JobConfig.parse(text, "job.conf", List.of(overrides)));
  }

  private static void assertMentions(SpecException e, String key, String... fragments) {
    assertEquals(key, e.key(), e.getMessage());
    for (String f : fragments) assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
  }

  @Test
  void parsesTheExampleMlp() throws IOException {
    JobConfig job = parse(MLP);
    assertEquals(Shape.vector(784), job.model().input());
    assertEquals(5, job.model().layers().size()); // three dense layers, two of them with a relu
    assertEquals(new OptimizerSpec.Adam(1e-3f, 0.9f, 0.999f, 1e-8f, 0f, null), job.optimizer());
    assertEquals(new TrainSettings(10, 64, 42, true), job.training());
    assertEquals(new DataSettings("/usr/share/datasets/fashion-mnist/train", "/usr/share/datasets/fashion-mnist/t10k",
        0.1f, FeatureScaling.UNIT, null), job.data());
    assertEquals("runs/fashion-mnist-mlp", job.output());
  }

  @Test
  void parsesTheExampleCnn() throws IOException {
    JobConfig job = parse(CNN);
    assertEquals(new Shape(1, 28, 28), job.model().input());
    assertEquals(new LayerSpec.Conv2D(32, 3, 1, 0), job.model().layers().get(0));
    assertEquals(10, job.model().outputSize());
    assertEquals(new OptimizerSpec.Adam(1e-3f, 0.9f, 0.999f, 1e-8f, 0f, null), job.optimizer());
    assertEquals(new TrainSettings(10, 64, 42, true), job.training());
    assertEquals("runs/fashion-mnist-cnn", job.output());
  }

  @Test
  void omittedSettingsTakeTheirDefaults() {
    JobConfig job = JobConfig.parse(MINIMAL, "job.conf", List.of());
    assertEquals(new TrainSettings(10, 64, 42, true), job.training());
    assertEquals(new DataSettings("/tmp/train", null, 0f, FeatureScaling.UNIT, null), job.data());
    assertEquals("runs/sparknn", job.output());
  }

  @Test
  void overridesWin() throws IOException {
    JobConfig job = parse(MLP, "training.epochs=2", "optimizer.lr=0.01", "data.scaling=none", "data.test=null",
        "output=runs/quick");
    assertEquals(2, job.training().epochs());
    assertEquals(0.01f, job.optimizer().lr());
    assertEquals(FeatureScaling.NONE, job.data().scaling());
    assertNull(job.data().test());
    assertEquals("runs/quick", job.output());
    assertEquals(2, job.source().getInt("training.epochs"));
  }

  @Test
  void laterOverridesWinOverEarlierOnes() throws IOException {
    assertEquals(3, parse(MLP, "training.epochs=2", "training.epochs=3").training().epochs());
  }

  @Test
  void typoInTrainingSuggestsEpochs() throws IOException {
    SpecException e = assertThrows(SpecException.class, () -> parse(MLP, "training.epoch=2"));
    assertEquals("training.epoch: not a key of training settings (did you mean 'epochs'?); valid keys: epochs, "
        + "batch_size, seed, shuffle, shards, partitions, sync, checkpoint_every, deterministic, hash_every", e.getMessage());
  }

  @Test
  void checkpointEveryIsReadAndMustNotBeNegative() throws IOException {
    assertEquals(25, parse(MLP, "training.checkpoint_every=25").training().checkpointEvery());
    assertEquals(0, parse(MLP).training().checkpointEvery());
    assertMentions(assertThrows(SpecException.class, () -> parse(MLP, "training.checkpoint_every=-1")),
        "training.checkpoint_every", "-1");
  }

  @Test
  void unknownTopLevelKeyIsRejectedWithASuggestion() throws IOException {
    SpecException lost = assertThrows(SpecException.class, () -> parse(MLP, "epochs=2"));
    assertMentions(lost, "epochs", "not a key of job files", "did you mean 'training.epochs'?",
        "valid keys: model, optimizer, training, data, output");
    assertMentions(reject(MINIMAL + "trainig { epochs = 2 }"), "trainig", "did you mean 'training'?");
    assertMentions(reject(MINIMAL + "colour = blue"), "colour", "not a key of job files");
    assertTrue(!reject(MINIMAL + "colour = blue").getMessage().contains("did you mean"));
  }

  @Test
  void integersAreStrict() throws IOException {
    SpecException e = assertThrows(SpecException.class, () -> parse(MLP, "training.epochs=2.5"));
    assertEquals("training.epochs: expected an integer, got 2.5", e.getMessage());
    assertMentions(reject(MINIMAL + "training.batch_size = 64.5"), "training.batch_size", "expected an integer");
    assertMentions(reject(MINIMAL + "training.shuffle = maybe"), "training.shuffle", "expected true or false");
  }

  @Test
  void malformedOverrideIsRejectedNamingIt() throws IOException {
    SpecException noValue = assertThrows(SpecException.class, () -> parse(MLP, "training.epochs"));
    assertMentions(noValue, "", "override 'training.epochs' must look like key=value");
    SpecException noKey = assertThrows(SpecException.class, () -> parse(MLP, "=3"));
    assertMentions(noKey, "", "override '=3' must look like key=value");
    SpecException bad = assertThrows(SpecException.class, () -> parse(MLP, "training.epochs=[2"));
    assertMentions(bad, "training.epochs", "cannot parse override 'training.epochs=[2'");
  }

  @Test
  void syntaxErrorNamesTheFile() {
    SpecException e = reject("model {\n  input = 784\n  layers = [\n");
    assertEquals("", e.key());
    assertTrue(e.getMessage().startsWith("job.conf: "), e.getMessage());
    assertTrue(!e.getMessage().startsWith("job.conf: job.conf"), e.getMessage());
  }

  @Test
  void unresolvedSubstitutionIsASpecException() {
    assertTrue(reject(MINIMAL + "output = ${nowhere}").getMessage().contains("nowhere"));
  }

  @Test
  void validationSplitOutOfRangeNamesItsKey() throws IOException {
    SpecException e = assertThrows(SpecException.class, () -> parse(MLP, "data.validation_split=1.5"));
    assertMentions(e, "data.validation_split", "1.5");
    assertMentions(reject(MINIMAL + "data.validation_split = -0.1"), "data.validation_split");
  }

  @Test
  void missingOrMistypedSectionsAreNamed() {
    assertEquals("training: missing; every job needs a training section",
        reject(MINIMAL.replace("training { }", "")).getMessage());
    assertMentions(reject(MINIMAL, "training=5"), "training", "expected an object, got 5");
    assertMentions(reject(MINIMAL.replace("data { train = /tmp/train }", "data { }")), "data.train");
  }

  @Test
  void errorsInsideSectionsCarryTheirPrefix() {
    assertMentions(reject(MINIMAL, "model.layers=[{ type = dense, units = 1.5 }]"), "model.layers[0].units",
        "expected an integer, got 1.5");
    assertMentions(reject(MINIMAL, "optimizer.lr=fast"), "optimizer.lr", "expected a number, got \"fast\"");
    assertMentions(reject(MINIMAL, "data.scaling=unti"), "data.scaling", "did you mean 'unit'?");
  }
}
