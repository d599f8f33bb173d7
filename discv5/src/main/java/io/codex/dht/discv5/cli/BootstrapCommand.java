package io.codex.dht.discv5.cli;

import io.codex.dht.discv5.http.ApiServer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bootstrap}: a node others join through; prints its {@code spr:} line, then logs. */
@Command(
    name = "bootstrap",
    mixinStandardHelpOptions = true,
    description = {
      "Run a bootstrap node: a long-lived node that others join through.",
      "The first line on stdout is the node's spr: text; logs go to stderr, with a status line"
          + " every minute. The key is created in the data dir on first start and kept after."
          + " SIGTERM stops it cleanly."
    })
final class BootstrapCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin NodeOptions node = new NodeOptions();

  @Option(
      names = "--metrics",
      paramLabel = "HOST:PORT",
      description =
          "Serve GET /metrics (Prometheus), GET /health, the status page (GET /ui) and the"
              + " read-only API here (default: off).")
  String metrics;

  @Override
  public Integer call() throws Exception {
    node.crypto.apply(); // before any key or record is parsed
    InetSocketAddress metricsAddress =
        metrics == null ? null : HostPort.parse(metrics, "--metrics");
    NodeHost.Settings settings =
        new NodeHost.Settings(
            node.requireDataDir(),
            node.listenAddresses(),
            node.announceAddresses(),
            node.bootstrapRecords(),
            List.of(),
            node.recordFormat(),
            false,
            node.statusInterval(),
            node.lookupPaths());
    node.log.apply(null); // after validation, before anything logs
    try (MetricsSetup registry = MetricsSetup.prometheus()) {
      Serve.Listener listener =
          metricsAddress == null
              ? null
              : host ->
                  ApiServer.probes(metricsAddress, new SidecarBackend(host, registry::scrape));
      return Serve.run(settings, registry, listener, metricsAddress, spec.commandLine().getOut());
    }
  }
}
