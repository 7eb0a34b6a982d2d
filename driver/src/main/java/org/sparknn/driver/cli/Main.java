package org.sparknn.driver.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sparknn} command line: {@code train} (more commands join it as they are built). */
@Command(name = "sparknn", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Data-parallel neural-network training on Apache Spark.",
    subcommands = {TrainCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured parser: errors print "error: ..." and exit 2; unknown options suggest the closest. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new Failures());
    return cli;
  }
}
