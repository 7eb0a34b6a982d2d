package org.sparknn.driver.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.sparknn.driver.data.BlockPlan;
import org.sparknn.driver.data.BlockSet;
import org.sparknn.driver.data.DataLoader;
import org.sparknn.driver.data.DataSpec;
import org.sparknn.driver.predict.EvaluationReport;
import org.sparknn.driver.predict.ModelInput;
import org.sparknn.driver.predict.SavedModels;
import org.sparknn.io.SavedModel;
import org.sparknn.tensor.ParamLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sparknn evaluate --model DIR --data PATH}: a saved model's loss, accuracy and confusion matrix. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Evaluates a saved model on a labelled data set on Spark.",
        "Prints the loss and accuracy, and for a softmax classifier the confusion matrix (rows: true class, "
            + "columns: predicted), as train prints them for its test set. Labels must be what the model was "
            + "trained on: class indices in [0, classes) for a softmax classifier."})
final class EvaluateCommand implements Callable<Integer> {
  @Mixin
  ModelOptions options;

  @Option(names = "--data", required = true, order = 2, paramLabel = "PATH",
      description = "The labelled data set: an IDX prefix (.../t10k), or a CSV, LibSVM or Parquet file, directory "
          + "or glob (any Hadoop path).")
  String data;

  @Spec
  CommandSpec command;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = command.commandLine().getOut();
    try (Sessions session = Sessions.open("sparknn evaluate " + data, options.master)) {
      SavedModels.Loaded loaded = SavedModels.load(session.sc.hadoopConfiguration(), options.model);
      SavedModel model = loaded.model();
      out.printf("model: %s (%d layers, %,d parameters, loss %s)%n", loaded.path(), model.spec().layers().size(),
          ParamLayout.of(model.spec()).paramSize(), model.spec().loss().configName());
      DataSpec spec = ModelInput.spec(model, data, options.format, options.scaling, true);
      session.sc.setJobDescription("sparknn: evaluating on " + data);
      BlockSet set = new DataLoader(session.spark).load(spec, BlockPlan.over(session.sc.defaultParallelism()));
      try {
        out.printf("data: %s (%s, scaling %s): %,d samples%n", data, spec.format().configName(),
            spec.scaling().configName(), set.samples());
        out.flush();
        EvaluationReport report = EvaluationReport.of(session.sc, set.blocks(), model.spec(), model.state());
        out.println(report.render("test"));
      } finally {
        set.unpersist();
      }
    }
    out.flush();
    return 0;
  }
}
