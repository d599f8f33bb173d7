package io.codex.dht.discv5.cli;

import io.codex.dht.discv5.RecordFormatOption;
import io.codex.dht.discv5.http.ApiServer;
import io.codex.dht.spr.ServiceInfo;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code node}: the storage node's sidecar, a DHT node with an HTTP API. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = {
      "Run the DHT as a sidecar of a storage node, controlled through an HTTP API.",
      "The first line on stdout is the node's spr: text; logs go to stderr. The API (JSON) is"
          + " described by GET /api/v1/openapi.yaml; GET /health answers 200 once the node has"
          + " joined. SIGTERM stops it cleanly."
    })
final class NodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin NodeOptions node = new NodeOptions();

  @Option(
      names = "--api",
      paramLabel = "HOST:PORT",
      defaultValue = "127.0.0.1:8080",
      description = "Where the HTTP API listens (default: ${DEFAULT-VALUE}).")
  String api;

  @Option(
      names = "--service",
      paramLabel = "ID[=HEX]",
      split = ",",
      description =
          "A service to advertise, with optional hex data (repeatable). Without any, the services"
              + " of the last run (as set by PUT /api/v1/services) are kept.")
  List<String> services = new ArrayList<>();

  @Option(
      names = "--client-mode",
      description = "Run as a client: look up and announce, but stay out of others' tables.")
  boolean clientMode;

  @Override
  public Integer call() throws Exception {
    node.crypto.apply(); // before any key or record is parsed
    InetSocketAddress apiAddress = HostPort.parse(api, "--api");
    RecordFormatOption format = node.recordFormat();
    List<ServiceInfo> parsed = new ArrayList<>();
    for (String s : services) {
      parsed.add(ServiceArgs.parse(s.strip()));
    }
    if (format == RecordFormatOption.PEER_RECORD && !parsed.isEmpty()) {
      throw new Main.UserException("--record-format peer-record carries no services");
    }
    NodeHost.Settings settings =
        new NodeHost.Settings(
            node.requireDataDir(),
            node.listenAddresses(),
            node.announceAddresses(),
            node.bootstrapRecords(),
            parsed.isEmpty() ? null : parsed,
            format,
            clientMode,
            node.statusInterval(),
            node.lookupPaths());
    node.log.apply(null); // after validation, before anything logs
    try (MetricsSetup registry = MetricsSetup.prometheus()) {
      return Serve.run(
          settings,
          registry,
          host ->
              ApiServer.sidecar(
                  apiAddress,
                  new SidecarBackend(host, registry::scrape),
                  ApiServer.DEFAULT_TIMEOUT),
          apiAddress,
          spec.commandLine().getOut());
    }
  }
}
