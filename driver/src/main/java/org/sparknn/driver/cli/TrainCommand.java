package org.sparknn.driver.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.sparknn.config.JobConfig;
import org.sparknn.driver.report.ProgressMode;
import org.sparknn.driver.run.TrainRun;
import org.sparknn.spec.SpecException;
import org.sparknn.worker.EvalStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code sparknn train CONFIG}: trains the configured model on Spark. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Trains the model of a job configuration (HOCON, see conf/) data-parallel on Spark, then "
        + "evaluates it on the test set, saves it to <output>/model/model.snn and writes <output>/report.html.")
final class TrainCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "CONFIG", description = "Job configuration file (any Hadoop path).")
  String config;

  @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto", converter = ProgressConverter.class,
      description = "bar: a progress bar per epoch (steps, running loss, samples/s, time left); lines: one line per "
          + "epoch, for logs; auto: bar when on a terminal, else lines (default: ${DEFAULT-VALUE}).")
  ProgressMode progress;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a configuration key, e.g. "
      + "--set training.epochs=2 (repeatable; later ones win; default: the file's values).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: the one spark-submit "
      + "gives, else local[*], Spark embedded in this JVM).")
  String master;

  @Option(names = "--output", paramLabel = "DIR", description = "Output directory (default: the configuration's "
      + "output key).")
  String output;

  @Option(names = "--resume", description = "Continue from the newest checkpoint in the output directory (epoch "
      + "or, with training.checkpoint_every, mid-epoch). Refused when the checkpoint's model or configuration differs;"
      + " training.epochs, training.partitions, training.checkpoint_every, data.test, backend, the master and "
      + "optimizer.lr may change.")
  boolean resume;

  @Option(names = "--executor-timeout", paramLabel = "SECONDS", defaultValue = "120", description = "On a cluster, "
      + "fail after this long without any executor instead of waiting for one forever (0: wait). Default: "
      + "${DEFAULT-VALUE}.")
  long executorTimeout;

  @Override
  public Integer call() throws Exception {
    List<String> all = new ArrayList<>(overrides);
    if (output != null) all.add("output=\"" + output.replace("\"", "\\\"") + "\"");
    JobConfig job = JobConfig.parse(read(config), config, all);
    if (executorTimeout < 0) {
      throw new SpecException("--executor-timeout", "expected 0 or more seconds, got " + executorTimeout);
    }
    EvalStats test = TrainRun.run(job, master, resume, progress, executorTimeout);
    return test == null || Double.isFinite(test.meanLoss()) ? 0 : 1;
  }

  static final class ProgressConverter implements ITypeConverter<ProgressMode> {
    @Override
    public ProgressMode convert(String value) {
      for (ProgressMode m : ProgressMode.values()) {
        if (m.name().equalsIgnoreCase(value.trim())) return m;
      }
      throw new TypeConversionException("unknown progress mode '" + value + "'; expected auto, bar or lines");
    }
  }

  private static String read(String file) {
    Path path = new Path(file);
    try (var in = path.getFileSystem(new Configuration()).open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.FileNotFoundException e) {
      throw new SpecException("CONFIG", file + ": no such configuration file");
    } catch (java.io.IOException e) {
      throw new SpecException("CONFIG", file + ": cannot read: " + e.getMessage());
    }
  }
}
