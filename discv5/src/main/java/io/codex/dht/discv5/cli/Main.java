package io.codex.dht.discv5.cli;

import io.codex.dht.spr.DecodeException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code discv5} command line: node entrypoints ({@code bootstrap}, {@code node}, {@code
 * lookup}) and record tooling ({@code keygen}, {@code spr}).
 *
 * <p>Option values come from the command line, then the environment ({@code DISCV5_*}), then a
 * config file ({@code --config FILE}), then the built-in defaults; see {@link ConfigDefaults}.
 */
@Command(
    name = "discv5",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Codex DHT (discv5-style discovery and content routing) node and tools.",
    footer = {
      "",
      "Every option can also be set as DISCV5_<OPTION> in the environment (DISCV5_DATA_DIR for"
          + " --data-dir) or in a properties file given by --config FILE or DISCV5_CONFIG"
          + " (data-dir=...). The command line wins over the environment, which wins over the"
          + " file. Only lookup's target and --listen come from its command line alone.",
      "Exit codes: 0 ok, 1 lookup found nothing, 2 bad input, 3 the node cannot start."
    },
    subcommands = {
      BootstrapCommand.class,
      NodeCommand.class,
      LookupCommand.class,
      KeygenCommand.class,
      SprCommand.class
    })
public final class Main implements Runnable {
  /** Exit code for bad input: a malformed record, key, address, option or config file. */
  public static final int EXIT_BAD_INPUT = 2;

  /** Exit code for a node that cannot start: data dir in use or damaged, port taken. */
  public static final int EXIT_CANNOT_START = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line with the given streams; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, System.getenv(), out, err);
  }

  /** Runs the command line with the given environment and streams; returns the exit code. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    CommandLine cli = commandLine(out, err);
    try {
      ConfigDefaults defaults = ConfigDefaults.load(args, env);
      defaults.checkKeys(cli);
      cli.setDefaultValueProvider(defaults);
    } catch (UserException e) {
      cli.getErr().println("error: " + e.getMessage());
      cli.getErr().flush();
      return EXIT_BAD_INPUT;
    }
    return cli.execute(args);
  }

  /** The command line with its streams and error handling, without defaults from outside. */
  static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter w = commandLine.getErr();
          int code;
          if (e instanceof DecodeException
              || e instanceof UserException
              || e instanceof IllegalArgumentException) {
            code = EXIT_BAD_INPUT;
          } else if (e instanceof StartException) {
            code = EXIT_CANNOT_START;
          } else {
            throw e;
          }
          w.println("error: " + e.getMessage());
          w.flush();
          return code;
        });
    return cli;
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
