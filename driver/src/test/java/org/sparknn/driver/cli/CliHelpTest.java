package org.sparknn.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** What the command line says about itself: defaults in every --help, suggestions for mistyped names. */
class CliHelpTest {
  record Output(int code, String out, String err) {}

  static Output run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Output(code, out.toString(), err.toString());
  }

  @Test
  void everyOptionThatMayBeLeftOutSaysItsDefault() {
    // Flags (no value) are off unless given; every other optional option says what happens without it.
    Map<String, CommandLine> commands = Main.commandLine().getSubcommands();
    assertTrue(commands.keySet().containsAll(java.util.List.of("train", "evaluate", "predict", "inspect", "report",
        "verify")), commands::toString);
    for (Map.Entry<String, CommandLine> c : commands.entrySet()) {
      String usage = c.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF);
      for (OptionSpec o : c.getValue().getCommandSpec().options()) {
        if (o.required() || o.usageHelp() || o.versionHelp() || o.arity().max() == 0) continue;
        String text = String.join(" ", o.description()).toLowerCase(Locale.ROOT);
        assertTrue(text.contains("default"), c.getKey() + " " + o.longestName() + ": no default in " + text);
        assertTrue(usage.contains(o.longestName()), c.getKey() + " --help lacks " + o.longestName());
      }
    }
    Output help = run("train", "--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("(default: auto)"), "the default value filled in:\n" + help.out());
  }

  @Test
  void aMistypedOptionGetsTheClosestOne() {
    Output o = run("train", "job.conf", "--maste", "local[2]");
    assertEquals(2, o.code(), o::toString);
    assertTrue(o.err().contains("Unknown options: '--maste'"), o.err());
    assertTrue(o.err().contains("Possible solutions: --master"), o.err());
  }

  @Test
  void aMistypedCommandGetsTheClosestOne() {
    Output o = run("trian", "job.conf");
    assertEquals(2, o.code(), o::toString);
    assertTrue(o.err().contains("Did you mean: sparknn train"), o.err());
    Output r = run("reprot", "runs/x");
    assertTrue(r.err().contains("Did you mean: sparknn report"), r.err());
  }

  @Test
  void aBadProgressModeIsNamed() {
    Output o = run("train", "job.conf", "--progress", "fancy");
    assertEquals(2, o.code(), o::toString);
    assertTrue(o.err().contains("unknown progress mode 'fancy'; expected auto, bar or lines"), o.err());
  }
}
