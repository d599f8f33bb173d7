package io.codex.dht.discv5.cli;

import io.codex.dht.spr.DecodeException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code discv5} command line: node entrypoints and record tooling. */
@Command(
    name = "discv5",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Codex DHT (discv5-style discovery and content routing) node and tools.",
    subcommands = {KeygenCommand.class, SprCommand.class})
public final class Main implements Runnable {
  /** Exit code for bad input: a malformed record, key, address or option. */
  public static final int EXIT_BAD_INPUT = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line with the given streams; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter w = commandLine.getErr();
          if (e instanceof DecodeException d) {
            w.println("error: " + d.getMessage());
          } else if (e instanceof UserException || e instanceof IllegalArgumentException) {
            w.println("error: " + e.getMessage());
          } else {
            throw e;
          }
          w.flush();
          return EXIT_BAD_INPUT;
        });
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A mistake by the user, reported as one line on stderr with exit code 2. */
  public static final class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserException(String message) {
      super(message);
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"discv5 " + (v == null ? "development build" : v)};
    }
  }
}
