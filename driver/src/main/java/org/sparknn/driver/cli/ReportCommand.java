package org.sparknn.driver.cli;

import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.sparknn.driver.report.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sparknn report RUN_DIR}: (re)writes a training run's report.html and charts, without Spark. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Writes a training run's report from its output directory, without starting Spark.",
        "Reads RUN_DIR/metrics.jsonl (required) and RUN_DIR/model/model.snn (for the model table, configuration "
            + "and provenance, when present) and writes RUN_DIR/report.html, a self-contained page that needs no "
            + "network, and the charts it shows as RUN_DIR/charts/*.png. train writes the same at its end; this "
            + "redraws it, e.g. for a run that stopped early."})
final class ReportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A training run's output directory (any Hadoop "
      + "path).")
  String runDir;

  @Spec
  CommandSpec command;

  @Override
  public Integer call() throws Exception {
    command.commandLine().getOut().println("report written to " + RunReport.write(new Configuration(), runDir));
    command.commandLine().getOut().flush();
    return 0;
  }
}
