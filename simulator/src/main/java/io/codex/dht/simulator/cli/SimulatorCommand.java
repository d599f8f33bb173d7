package io.codex.dht.simulator.cli;

import io.codex.dht.discv5.RecordFormatOption;
import io.codex.dht.simulator.report.ConsoleSummary;
import io.codex.dht.simulator.report.HtmlReport;
import io.codex.dht.simulator.report.JsonReport;
import io.codex.dht.simulator.report.RunReport;
import io.codex.dht.simulator.scenario.Progress;
import io.codex.dht.simulator.scenario.Scenario;
import io.codex.dht.simulator.scenario.SimConfig;
import io.codex.dht.simulator.scenario.Simulation;
import io.codex.dht.spr.CurveBackend;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code simulator} command line: forms a network of real Codex DHT nodes in one JVM, runs the
 * chosen scenarios, prints a summary table and optionally writes a JSON summary and an HTML report.
 */
@Command(
    name = "simulator",
    mixinStandardHelpOptions = true,
    version = "Codex DHT simulator 0.1.0",
    sortOptions = false,
    description = {
      "Runs thousands of real Codex DHT nodes (real crypto and codecs) in one JVM, on an"
          + " in-memory network in virtual time (reproducible for a seed) or on loopback UDP, and"
          + " measures lookups, content routing and service discovery, also under loss and churn.",
      ""
    },
    footer = {
      "",
      "Durations: 90s, 2m, 1h, 500ms, plain seconds (90) or ISO-8601 (PT90S).",
      "Exit codes: 0 done, 1 lookup success below --min-success, 2 bad options, 3 the run failed."
    })
public final class SimulatorCommand implements Callable<Integer> {
  /** Exit code when the lookup success rate is below {@code --min-success}. */
  public static final int EXIT_BELOW_TARGET = 1;

  /** Exit code when the run itself failed. */
  public static final int EXIT_FAILED = 3;

  @Option(
      names = "--nodes",
      paramLabel = "N",
      description = "Nodes in the network (default: ${DEFAULT-VALUE}).")
  int nodes = 200;

  @Option(
      names = "--transport",
      paramLabel = "memory|udp",
      description =
          "memory: in-memory network, virtual time, deterministic; udp: sockets on 127.0.0.1,"
              + " real time (default: ${DEFAULT-VALUE}).")
  String transport = "memory";

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(
      names = "--scenario",
      paramLabel = "NAME",
      split = ",",
      description =
          "all, lookup, providers, services, churn or loss; comma-separated for several"
              + " (default: all). The network always joins first. Attack scenarios, run only"
              + " when named (memory transport): eclipse (security test E4; E4 means --nodes"
              + " 1000) and provider-spam (G2). Also run only when named: records (application"
              + " records put and got, --cids of them).")
  List<String> scenarios = List.of("all");

  @Option(
      names = "--loss",
      paramLabel = "P[,P...]",
      split = ",",
      description =
          "Share of packets dropped, 0 to 1. One rate: dropped during the whole run (default: 0),"
              + " and the loss scenario uses it, or 0.1 when it is lower. Several rates (e.g."
              + " 0.05,0.1,0.3): the loss scenario measures each in turn, one row and one CDF"
              + " line per rate, and the rest of the run is lossless.")
  List<Double> loss = List.of();

  @Option(
      names = "--latency",
      paramLabel = "MS",
      description = "One-way packet latency in ms (default: ${DEFAULT-VALUE}).")
  long latencyMs = 20;

  @Option(
      names = "--jitter",
      paramLabel = "MS",
      description = "Extra random delay per packet, 0 to MS (default: half the latency).")
  Long jitterMs;

  @Option(
      names = "--churn",
      paramLabel = "PCT_PER_MIN",
      description =
          "Churn scenario: percent of the nodes that leave, and join, per minute"
              + " (default: ${DEFAULT-VALUE}).")
  double churn = 10;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How long the churn scenario lasts (default: 60s).")
  Duration duration = Duration.ofSeconds(60);

  @Option(
      names = "--lookups",
      paramLabel = "N",
      description = "Lookups per lookup, loss and churn scenario (default: ${DEFAULT-VALUE}).")
  int lookups = 1000;

  @Option(
      names = "--cids",
      paramLabel = "N",
      description =
          "CIDs announced and found in the providers scenario, and records put and got in the"
              + " records scenario (default: ${DEFAULT-VALUE}).")
  int cids = 100;

  @Option(
      names = "--services",
      paramLabel = "N",
      description = "Services advertised in the services scenario (default: ${DEFAULT-VALUE}).")
  int services = 5;

  @Option(
      names = "--advertisers",
      paramLabel = "N",
      description = "Nodes advertising each service (default: ${DEFAULT-VALUE}).")
  int advertisers = 10;

  @Option(
      names = "--rate",
      paramLabel = "OPS_PER_S",
      description =
          "Pace of measured operations, per second (default: 50 in memory mode, 10 with udp,"
              + " where every node shares this machine's cores in real time).")
  Double rate;

  @Option(
      names = "--join-rate",
      paramLabel = "NODES_PER_S",
      description =
          "Nodes started per second while the network forms (default: 100 in memory mode, 10"
              + " with udp).")
  Double joinRate;

  @Option(
      names = "--settle",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Time the network runs after the last start, before measuring (default: 30s).")
  Duration settle = Duration.ofSeconds(30);

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "A measured operation slower than this counts as failed (default: 60s).")
  Duration timeout = Duration.ofSeconds(60);

  @Option(
      names = "--crypto-threads",
      paramLabel = "N",
      description =
          "Memory mode: threads that compute handshake cryptography ahead of the event loop; they"
              + " change the speed of a run, never its results (default: one per core but one;"
              + " 0: none).")
  Integer cryptoThreads;

  @Option(
      names = "--crypto",
      paramLabel = "auto|native|bouncycastle",
      description =
          "secp256k1 implementation: auto (libsecp256k1 when it loads, else BouncyCastle),"
              + " native (libsecp256k1 or exit 3), bouncycastle (default: auto).")
  String crypto = "auto";

  @Option(
      names = "--legacy-share",
      paramLabel = "SHARE",
      description =
          "Share of the nodes, 0 to 1, that behave as deployed Codex nodes (nim-codex-dht v0.5:"
              + " PeerRecords only, a whole message dropped for one record they cannot read);"
              + " the mixed scenario measures across the two kinds (default: 0).")
  double legacyShare;

  @Option(
      names = "--record-format",
      paramLabel = "auto|peer-record|logos",
      description = "Record format of our nodes (default: auto).")
  String recordFormat = "auto";

  @Mixin AttackOptions attack = new AttackOptions();

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Write the summary as one JSON object to FILE.")
  Path json;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description = "Write PNG charts and an index.html showing them into DIR.")
  Path report;

  @Option(
      names = "--min-success",
      paramLabel = "RATE",
      description = "Exit with code 1 when the lookup success rate is below RATE (0 to 1).")
  Double minSuccess;

  @Option(names = "--no-progress", description = "No progress output on stderr.")
  boolean noProgress;

  private final PrintStream out;
  private final PrintStream err;

  SimulatorCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs the simulator and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line with the given streams; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    System.setProperty("java.awt.headless", "true");
    CommandLine cli = new CommandLine(new SimulatorCommand(out, err));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof IllegalArgumentException) {
            commandLine.getErr().println("error: " + e.getMessage());
            return commandLine.getCommandSpec().exitCodeOnInvalidInput();
          }
          commandLine.getErr().println("error: the run failed: " + e);
          e.printStackTrace(commandLine.getErr());
          return EXIT_FAILED;
        });
    return cli.execute(args);
  }

  @Override
  public Integer call() throws IOException {
    SimConfig config = config();
    try {
      CurveBackend.select(CurveBackend.Choice.parse(crypto));
    } catch (CurveBackend.UnavailableException e) {
      err.println("error: " + e.getMessage());
      return EXIT_FAILED;
    }
    err.println("secp256k1: " + CurveBackend.describe());
    Progress progress =
        noProgress
            ? Progress.NONE
            : new ProgressBar(err, System.console() != null, System::nanoTime);
    RunReport result;
    try {
      result = Simulation.run(config, progress);
    } finally {
      progress.finish();
    }
    ConsoleSummary.print(result, out);
    if (json != null) {
      JsonReport.write(result, json);
      out.println("JSON summary: " + json);
    }
    if (report != null) {
      HtmlReport.write(result, report);
      out.println("report: " + report.resolve("index.html"));
    }
    out.flush();
    if (minSuccess != null
        && (result.lookup() == null || !(result.lookup().successRate() >= minSuccess))) {
      err.printf(
          Locale.ROOT,
          "lookup success %s is below --min-success %s%n",
          result.lookup() == null ? "(no lookup scenario)" : result.lookup().successRate(),
          minSuccess);
      return EXIT_BELOW_TARGET;
    }
    return 0;
  }

  /** The run's configuration from the options; throws IllegalArgumentException for bad values. */
  SimConfig config() {
    SimConfig.Transport t =
        switch (transport.toLowerCase(Locale.ROOT)) {
          case "memory" -> SimConfig.Transport.MEMORY;
          case "udp" -> SimConfig.Transport.UDP;
          default ->
              throw new IllegalArgumentException("--transport is memory or udp, not " + transport);
        };
    if (latencyMs < 0 || (jitterMs != null && jitterMs < 0)) {
      throw new IllegalArgumentException("--latency and --jitter must not be negative");
    }
    long jitter = jitterMs != null ? jitterMs : latencyMs / 2;
    Set<Scenario> chosen = scenarios();
    if (chosen.contains(Scenario.MIXED) && !(legacyShare > 0 && legacyShare < 1)) {
      throw new IllegalArgumentException("the mixed scenario needs --legacy-share between 0 and 1");
    }
    for (double p : loss) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("--loss rates are 0 to 1: " + p);
      }
    }
    double runLoss = loss.size() == 1 ? loss.get(0) : 0;
    List<Double> lossRates = loss.size() > 1 ? loss : List.of(Math.max(runLoss, 0.10));
    if (t == SimConfig.Transport.UDP && chosen.stream().anyMatch(Scenario::isAttack)) {
      throw new IllegalArgumentException("eclipse and provider-spam need --transport memory");
    }
    return SimConfig.defaults().toBuilder()
        .nodes(nodes)
        .transport(t)
        .seed(seed)
        .scenarios(chosen)
        .loss(runLoss)
        .lossScenarioRates(lossRates)
        .latency(Duration.ofMillis(latencyMs), Duration.ofMillis(jitter))
        .churnPerMinute(churn)
        .churnDuration(duration)
        .lookups(lookups)
        .cids(cids)
        .services(services, advertisers)
        .opsPerSecond(rate != null ? rate : t == SimConfig.Transport.UDP ? 10 : 50)
        .joinRate(joinRate != null ? joinRate : t == SimConfig.Transport.UDP ? 10 : 100)
        .settle(settle)
        .opTimeout(timeout)
        .attacks(attack.config())
        .cryptoThreads(cryptoThreads != null ? cryptoThreads : SimConfig.defaults().cryptoThreads())
        .legacyShare(legacyShare)
        .recordFormat(RecordFormatOption.parse(recordFormat))
        .build();
  }

  private Set<Scenario> scenarios() {
    EnumSet<Scenario> out = EnumSet.noneOf(Scenario.class);
    for (String name : scenarios) {
      String n = name.trim().toLowerCase(Locale.ROOT);
      if (n.equals("all")) {
        out.addAll(Scenario.all());
        continue;
      }
      Scenario match = null;
      for (Scenario s : Scenario.values()) {
        if (s.label().equals(n)) {
          match = s;
        }
      }
      if (match == null) {
        throw new IllegalArgumentException(
            "unknown scenario '"
                + name
                + "': all, lookup, providers, services, churn, loss, mixed, eclipse,"
                + " provider-spam or records");
      }
      out.add(match);
    }
    return out;
  }
}
