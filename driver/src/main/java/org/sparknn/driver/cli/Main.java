package org.sparknn.driver.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sparknn} command line: {@code train}, {@code evaluate}, {@code predict}, {@code inspect},
 * {@code report}.
 */
@Command(name = "sparknn", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Data-parallel neural-network training on Apache Spark.",
    subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, InspectCommand.class,
        ReportCommand.class, VerifyCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The configured parser. Failures while running print "error: ..." (exit 2 for configuration, 1 for data, 3 for
   * divergence); picocli reports bad arguments itself, suggesting the closest option (exit 2).
   */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new Failures());
    return cli;
  }
}
