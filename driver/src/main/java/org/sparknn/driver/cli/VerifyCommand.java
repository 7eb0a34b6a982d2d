package org.sparknn.driver.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sparknn.driver.run.RunHashes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sparknn verify RUN_A RUN_B}: the first epoch (or logged step) where two runs' parameters differ. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Compares two runs' parameter hashes (params_sha256 in metrics.jsonl: every epoch, and every "
        + "training.hash_every steps when set) and reports the first epoch or step where they differ.",
        "Runs with the same seed, configuration, logical shard count (training.shards) and backend, trained with "
            + "training.deterministic = true, must agree bit for bit whatever their partitions, executors, local or "
            + "cluster mode and task retries.",
        "Exit status: 0 identical, 1 different, 2 a metrics file missing or without hashes."})
final class VerifyCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN_A", description = "A run directory (holding metrics.jsonl) or the file.")
  String runA;

  @Parameters(index = "1", paramLabel = "RUN_B", description = "The run to compare with, likewise.")
  String runB;

  @Spec
  CommandSpec command;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    RunHashes a;
    RunHashes b;
    try {
      a = RunHashes.read(runA);
      b = RunHashes.read(runB);
    } catch (IllegalArgumentException e) {
      err.println("sparknn verify: " + e.getMessage());
      err.flush();
      return 2;
    }
    int compared = 0;
    for (Map.Entry<RunHashes.Point, String> e : a.hashes().entrySet()) {
      String other = b.hashes().get(e.getKey());
      if (other == null) continue;
      compared++;
      if (!other.equals(e.getValue())) {
        out.printf("runs differ first at %s:%n  %s %s%n  %s %s%n", e.getKey(), runA, e.getValue(), runB, other);
        out.flush();
        return 1;
      }
    }
    if (compared == 0) {
      err.println("sparknn verify: the runs have no epoch or step hash in common to compare");
      err.flush();
      return 2;
    }
    out.printf("identical: %d hashes compared (%s: %d, %s: %d), last at %s%n", compared, runA, a.hashes().size(),
        runB, b.hashes().size(), lastCommon(a, b));
    out.flush();
    return 0;
  }

  private static RunHashes.Point lastCommon(RunHashes a, RunHashes b) {
    RunHashes.Point last = null;
    for (RunHashes.Point p : a.hashes().keySet()) if (b.hashes().containsKey(p)) last = p;
    return last;
  }
}
