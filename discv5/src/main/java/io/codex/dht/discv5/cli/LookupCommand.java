package io.codex.dht.discv5.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codex.dht.discv5.Discv5Node;
import io.codex.dht.discv5.NodeConfig;
import io.codex.dht.discv5.ServicePeer;
import io.codex.dht.discv5.providers.Cid;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lookup}: joins through a bootstrap node with a throw-away key, as a client, finds one
 * thing, prints it as JSON, and exits 0 when something was found, 1 when not.
 */
@Command(
    name = "lookup",
    mixinStandardHelpOptions = true,
    description = {
      "Join the network as a short-lived client and look up a node, a CID's providers, a"
          + " service's peers or an application record. Prints the result as JSON on stdout; exits 0 when something was"
          + " found, 1 when not (or on timeout), 2 on bad input."
    })
final class LookupCommand implements Callable<Integer> {
  /** Exit code when nothing was found. */
  static final int EXIT_NOT_FOUND = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Spec CommandSpec spec;

  @Option(
      names = "--bootstrap-node",
      paramLabel = "SPR",
      split = ",",
      description = "Record (spr:...) of a node to join through (repeatable; at least one).")
  List<String> bootstrapNodes = new ArrayList<>();

  @Option(names = "--node-id", paramLabel = "HEX", description = "Find this node's record.")
  String nodeId;

  @Option(names = "--cid", paramLabel = "CID", description = "Find the providers of this CID.")
  String cid;

  @Option(names = "--service", paramLabel = "ID", description = "Find peers offering a service.")
  String service;

  @Option(
      names = "--record",
      paramLabel = "KEY",
      description = "Get the best application record of this key (/<namespace>/<id>...).")
  String record;

  @Option(
      names = "--timeout",
      paramLabel = "S",
      defaultValue = "30",
      description = "Give up after this many seconds (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--max",
      paramLabel = "N",
      defaultValue = "20",
      description = "Most providers or peers to return (default: ${DEFAULT-VALUE}).")
  int max;

  @Option(
      names = "--trace",
      description =
          "Also print the lookup's trace: its rounds, who was asked, who answered with how many"
              + " records, who timed out, how the closest distance fell, and the final set.")
  boolean trace;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      defaultValue = "0.0.0.0:0",
      description = "Local UDP address (default: ${DEFAULT-VALUE}, any free port).")
  String listen;

  @Option(
      names = "--record-format",
      paramLabel = "auto|peer-record|logos",
      defaultValue = "auto",
      description =
          "Record format of the throw-away node: auto (no services: the plain PeerRecord Codex"
              + " nodes read), peer-record or logos (default: ${DEFAULT-VALUE}).")
  String recordFormat;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Properties file of option values (key = option name).")
  java.nio.file.Path config;

  @Mixin LogOptions log = new LogOptions();

  @Mixin CryptoOption crypto = new CryptoOption();

  @Override
  public Integer call() throws Exception {
    crypto.apply(); // before any key or record is parsed
    int targets =
        (nodeId != null ? 1 : 0)
            + (cid != null ? 1 : 0)
            + (service != null ? 1 : 0)
            + (record != null ? 1 : 0);
    if (targets != 1) {
      throw new Main.UserException("give exactly one of --node-id, --cid, --service, --record");
    }
    if (record != null) {
      RecordLookup.check(record);
    }
    if (bootstrapNodes.isEmpty()) {
      throw new Main.UserException("--bootstrap-node is required");
    }
    if (timeoutSeconds < 1 || max < 1 || max > 1000) {
      throw new Main.UserException("--timeout must be at least 1, --max from 1 to 1000");
    }
    NodeId targetId = nodeId == null ? null : NodeId.fromHex(nodeId);
    Cid targetCid = cid == null ? null : Cid.parse(cid);
    if (service != null && service.isEmpty()) {
      throw new Main.UserException("--service needs an id");
    }
    NodeConfig config =
        NodeConfig.builder(PrivateKey.generate(new SecureRandom()))
            .bind(HostPort.parse(listen, "--listen"))
            .bootstrap(NodeOptions.parseRecords(bootstrapNodes))
            .clientMode(true)
            .recordFormat(NodeOptions.parseFormat(recordFormat))
            .build();
    log.apply(LogOptions.Level.warn); // after validation, before anything logs
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    ObjectNode out = MAPPER.createObjectNode().put("found", false);
    boolean found;
    try (Discv5Node node = Discv5Node.udp(config)) {
      await(node.start(), deadline);
      await(node.lookup(node.nodeId()), deadline);
      if (targetId != null) {
        found = byId(node, targetId, deadline, out);
      } else if (targetCid != null) {
        found = byCid(node, targetCid, deadline, out);
      } else if (record != null) {
        found = RecordLookup.get(node, record, await(node.getRecord(record), deadline), out);
      } else {
        found = byService(node, service, deadline, out);
      }
      if (trace) {
        NodeId key =
            targetId != null
                ? targetId
                : targetCid != null ? targetCid.dhtKey() : Discv5Node.serviceKey(service);
        await(node.lookupTraced(key), deadline)
            .trace()
            .ifPresent(t -> out.set("trace", TraceJson.toNode(t)));
      }
    } catch (TimeoutException e) {
      out.put("timedOut", true);
      print(out);
      spec.commandLine().getErr().println("error: no answer within " + timeoutSeconds + " s");
      return EXIT_NOT_FOUND;
    } catch (ExecutionException e) {
      Throwable c = e.getCause() == null ? e : e.getCause();
      print(out);
      spec.commandLine().getErr().println("error: the lookup failed: " + c.getMessage());
      return EXIT_NOT_FOUND;
    }
    out.put("found", found);
    print(out);
    return found ? 0 : EXIT_NOT_FOUND;
  }

  private boolean byId(Discv5Node node, NodeId id, long deadline, ObjectNode out) throws Exception {
    out.put("nodeId", id.toHex());
    Optional<SignedPeerRecord> r = await(node.resolve(id), deadline);
    r.ifPresent(rec -> out.set("record", RecordJson.toNodeWithText(rec)));
    return r.isPresent();
  }

  private boolean byCid(Discv5Node node, Cid c, long deadline, ObjectNode out) throws Exception {
    out.put("cid", c.toString()).put("key", c.dhtKey().toHex());
    List<SignedPeerRecord> providers = await(node.getProviders(c, max), deadline);
    ArrayNode a = out.putArray("providers");
    providers.forEach(p -> a.add(RecordJson.toNodeWithText(p)));
    return !providers.isEmpty();
  }

  private boolean byService(Discv5Node node, String id, long deadline, ObjectNode out)
      throws Exception {
    out.put("service", id);
    List<ServicePeer> peers = await(node.findPeers(id, max), deadline);
    ArrayNode a = out.putArray("peers");
    peers.forEach(p -> a.add(RecordJson.toNode(p)));
    return !peers.isEmpty();
  }

  private void print(ObjectNode out) {
    PrintWriter w = spec.commandLine().getOut();
    w.println(out.toPrettyString());
    w.flush();
  }

  private static <T> T await(CompletableFuture<T> f, long deadlineNanos)
      throws TimeoutException, InterruptedException, ExecutionException {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      throw new TimeoutException();
    }
    return f.get(left, TimeUnit.NANOSECONDS);
  }
}
