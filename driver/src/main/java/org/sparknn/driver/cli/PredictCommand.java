package org.sparknn.driver.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.sparknn.driver.data.BlockPlan;
import org.sparknn.driver.data.BlockSet;
import org.sparknn.driver.data.DataLoader;
import org.sparknn.driver.data.DataSpec;
import org.sparknn.driver.predict.ModelInput;
import org.sparknn.driver.predict.Predictions;
import org.sparknn.driver.predict.SavedModels;
import org.sparknn.io.SavedModel;
import org.sparknn.spec.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparknn predict --model DIR --input PATH --output DIR}: one CSV line of predictions per input sample. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Writes a saved model's predictions for a data set, one CSV line per sample, in input order.",
        "Columns, no header line:",
        "  softmax classifier:  predicted class, then each class's probability",
        "  sigmoid outputs:     each output's 0/1 label (probability >= 0.5), then",
        "                       each output's probability",
        "  mean squared error:  the raw outputs",
        "The output is a Spark text output directory, which must not exist yet: its files part-00000, "
            + "part-00001, ... hold the lines in input order when read in name order (cat OUTPUT/part-*).",
        "The readers need a label for every sample: the IDX labels file, CSV's first column, LibSVM's leading "
            + "number, Parquet's label column. Labels are ignored (any number will do, e.g. 0); unlabelled CSV "
            + "is not supported: add a dummy first column."})
final class PredictCommand implements Callable<Integer> {
  @Mixin
  ModelOptions options;

  @Option(names = "--input", required = true, order = 2, paramLabel = "PATH",
      description = "The samples: an IDX prefix (.../t10k), or a CSV, LibSVM or Parquet file, directory or glob "
          + "(any Hadoop path).")
  String input;

  @Option(names = "--output", required = true, order = 3, paramLabel = "DIR",
      description = "The output directory to create (any Hadoop path).")
  String output;

  @Spec
  CommandSpec command;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = command.commandLine().getOut();
    try (Sessions session = Sessions.open("sparknn predict " + input, options.master)) {
      Path target = new Path(output);
      if (target.getFileSystem(session.sc.hadoopConfiguration()).exists(target)) {
        throw new SpecException("--output", output + " already exists; choose another output directory or remove it");
      }
      SavedModels.Loaded loaded = SavedModels.load(session.sc.hadoopConfiguration(), options.model);
      SavedModel model = loaded.model();
      out.printf("model: %s (loss %s, %d outputs)%n", loaded.path(), model.spec().loss().configName(),
          model.spec().outputSize());
      DataSpec spec = ModelInput.spec(model, input, options.format, options.scaling, false);
      session.sc.setJobDescription("sparknn: predicting " + input);
      BlockSet set = new DataLoader(session.spark).load(spec, BlockPlan.over(session.sc.defaultParallelism()));
      try {
        Predictions.write(session.sc, set.blocks(), model.spec(), model.state(), output);
        out.printf("wrote %,d predictions (%s, scaling %s) to %s%n", set.samples(), spec.format().configName(),
            spec.scaling().configName(), output);
      } finally {
        set.unpersist();
      }
    }
    out.flush();
    return 0;
  }
}
