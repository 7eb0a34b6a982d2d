package org.sparknn.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparknn.data.FeatureScaling;
import org.sparknn.driver.data.DataFormat;
import org.sparknn.driver.data.DataSpec;
import org.sparknn.driver.predict.ModelInput;
import org.sparknn.driver.predict.Predictions;
import org.sparknn.driver.predict.SavedModels;
import org.sparknn.init.ParamInitializer;
import org.sparknn.io.ModelFile;
import org.sparknn.io.Provenance;
import org.sparknn.io.SavedModel;
import org.sparknn.config.JobConfig;
import org.sparknn.spec.LossKind;

/** The pieces of evaluate and predict that need no Spark: finding the model, reading options, line format. */
class PredictSupportTest {
  @TempDir
  Path dir;

  static SavedModel model(String loss, int outputs, String data) {
    String text = "model { input = 4, loss = " + loss + ", layers = [{type = dense, units = " + outputs + "}] }\n"
        + "optimizer { type = sgd }\ntraining {}\ndata { train = x" + data + " }";
    JobConfig job = JobConfig.parse(text, "test", List.of());
    return new SavedModel(job.model(), ParamInitializer.initialize(job.model(), 1),
        new Provenance(job.source().root().render(), 1, "dev", "17", "cpu", "cpu", Map.of()));
  }

  @Test
  void findsTheModelOfARunDirectoryADirectoryOrAFile() throws IOException {
    Configuration conf = new Configuration();
    SavedModel m = model("softmax_cross_entropy", 3, "");
    Path run = dir.resolve("run");
    Files.createDirectories(run.resolve("model"));
    ModelFile.save(m, run.resolve("model/model.snn"));
    assertEquals(run + "/model/model.snn", SavedModels.resolve(conf, run.toString()));
    assertEquals(run + "/model/model.snn", SavedModels.resolve(conf, run + "/"));
    assertEquals(run + "/model/model.snn", SavedModels.resolve(conf, run + "/model"));
    assertEquals(run + "/model/model.snn", SavedModels.resolve(conf, run + "/model/model.snn"));
    assertEquals(m.spec(), SavedModels.load(conf, run.toString()).model().spec());

    FileNotFoundException e = assertThrows(FileNotFoundException.class,
        () -> SavedModels.resolve(conf, dir.resolve("empty").toString()));
    assertTrue(e.getMessage().contains(dir.resolve("empty/model/model.snn").toString()), e.getMessage());
    assertThrows(FileNotFoundException.class, () -> SavedModels.resolve(conf, run + "/other.snn"));
  }

  @Test
  void dataIsReadAsTheModelWasTrained() {
    SavedModel unit = model("softmax_cross_entropy", 3, "");
    SavedModel none = model("softmax_cross_entropy", 3, ", scaling = none");
    assertEquals(FeatureScaling.UNIT, ModelInput.trainedScaling(unit));
    assertEquals(FeatureScaling.NONE, ModelInput.trainedScaling(none));

    DataSpec evaluation = ModelInput.spec(none, "/d/test.csv", null, null, true);
    assertEquals(DataFormat.CSV, evaluation.format());
    assertEquals(4, evaluation.features());
    assertEquals(3, evaluation.classes());
    assertEquals(FeatureScaling.NONE, evaluation.scaling());
    DataSpec prediction = ModelInput.spec(none, "/d/test", DataFormat.LIBSVM, FeatureScaling.UNIT, false);
    assertEquals(DataFormat.LIBSVM, prediction.format());
    assertEquals(0, prediction.classes());
    assertEquals(FeatureScaling.UNIT, prediction.scaling());
  }

  @Test
  void linesHoldTheClassAndProbabilitiesOrTheOutputs() {
    float[] out = {9f, 0.1f, 0.7f, 0.2f};
    assertEquals("1,0.1,0.7,0.2", line(LossKind.SOFTMAX_CROSS_ENTROPY, out, 3));
    assertEquals("0,1,0,0.1,0.7,0.2", line(LossKind.SIGMOID_BINARY_CROSS_ENTROPY, out, 3));
    assertEquals("0.1,0.7,0.2", line(LossKind.MEAN_SQUARED_ERROR, out, 3));
    assertEquals("0,0.5,0.5", line(LossKind.SOFTMAX_CROSS_ENTROPY, new float[] {9f, 0.5f, 0.5f}, 2));
  }

  private static String line(LossKind loss, float[] out, int outputs) {
    StringBuilder b = new StringBuilder();
    Predictions.format(loss, out, 1, outputs, b);
    return b.toString();
  }
}
