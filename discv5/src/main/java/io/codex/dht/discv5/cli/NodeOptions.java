package io.codex.dht.discv5.cli;

import io.codex.dht.discv5.RecordFormatOption;
import io.codex.dht.routing.LookupConfig;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every long-running node takes: data dir, addresses, bootstrap nodes, logging. */
final class NodeOptions {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Where the node keeps its key and what it stores; created if missing (required).")
  Path dataDir;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      split = ",",
      defaultValue = "0.0.0.0:8090",
      description =
          "UDP address to listen on; one IPv4 and/or one IPv6, port 0 picks one"
              + " (default: ${DEFAULT-VALUE}).")
  List<String> listen = new ArrayList<>();

  @Option(
      names = "--announce",
      paramLabel = "HOST:PORT",
      split = ",",
      description =
          "Address to put in the node's record instead of the listening one (repeatable);"
              + " pinned, never replaced by what other nodes observe.")
  List<String> announce = new ArrayList<>();

  @Option(
      names = "--bootstrap-node",
      paramLabel = "SPR",
      split = ",",
      description = "Record (spr:...) of a node to join through (repeatable).")
  List<String> bootstrapNodes = new ArrayList<>();

  @Option(
      names = "--status-interval",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "Seconds between status lines in the log; 0 turns them off (default: 60).")
  int statusIntervalSeconds;

  @Option(
      names = "--lookup-paths",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Disjoint paths per lookup, 1 to 8: 3 resists eclipse attacks better at about 3 times"
              + " the queries (default: ${DEFAULT-VALUE}).")
  int lookupPaths;

  @Option(
      names = "--record-format",
      paramLabel = "auto|peer-record|logos",
      defaultValue = "auto",
      description =
          "Record payload format: auto publishes a Logos Routing Record only while services are"
              + " advertised, else the plain PeerRecord Codex nodes read; peer-record never carries"
              + " services. Codex nodes always get the plain form (default: ${DEFAULT-VALUE}).")
  String recordFormat;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Properties file of option values (key = option name, e.g. data-dir=...).")
  Path config;

  @Mixin LogOptions log = new LogOptions();

  @Mixin CryptoOption crypto = new CryptoOption();

  /** The record format option; a usage error when unknown. */
  RecordFormatOption recordFormat() {
    return parseFormat(recordFormat);
  }

  /** Parses a {@code --record-format} value; a usage error when unknown. */
  static RecordFormatOption parseFormat(String text) {
    try {
      return RecordFormatOption.parse(text);
    } catch (IllegalArgumentException e) {
      throw new Main.UserException("--record-format: " + e.getMessage());
    }
  }

  /** The data dir; a usage error when missing. */
  Path requireDataDir() {
    if (dataDir == null) {
      throw new Main.UserException(
          "--data-dir is required (or DISCV5_DATA_DIR, or data-dir= in the config file)");
    }
    return dataDir;
  }

  List<InetSocketAddress> listenAddresses() {
    if (listen.isEmpty() || listen.size() > 2) {
      throw new Main.UserException("--listen takes one IPv4 and/or one IPv6 address");
    }
    List<InetSocketAddress> out = new ArrayList<>();
    for (String l : listen) {
      out.add(HostPort.parse(l, "--listen"));
    }
    return out;
  }

  List<InetSocketAddress> announceAddresses() {
    List<InetSocketAddress> out = new ArrayList<>();
    for (String a : announce) {
      out.add(HostPort.parseAnnounced(a, "--announce"));
    }
    return out;
  }

  List<SignedPeerRecord> bootstrapRecords() throws DecodeException {
    return parseRecords(bootstrapNodes);
  }

  Duration statusInterval() {
    if (statusIntervalSeconds < 0) {
      throw new Main.UserException("--status-interval must not be negative");
    }
    return Duration.ofSeconds(statusIntervalSeconds);
  }

  int lookupPaths() {
    if (lookupPaths < 1 || lookupPaths > LookupConfig.MAX_PATHS) {
      throw new Main.UserException("--lookup-paths must be 1 to " + LookupConfig.MAX_PATHS);
    }
    return lookupPaths;
  }

  /** Parses {@code spr:} texts, naming the bad one in the error. */
  static List<SignedPeerRecord> parseRecords(List<String> texts) throws DecodeException {
    List<SignedPeerRecord> out = new ArrayList<>();
    for (String t : texts) {
      String s = t.strip();
      try {
        out.add(SignedPeerRecord.fromText(s));
      } catch (DecodeException e) {
        throw new DecodeException(
            e.reason(),
            "--bootstrap-node '"
                + (s.length() > 24 ? s.substring(0, 24) + "..." : s)
                + "': "
                + e.getMessage());
      }
    }
    return out;
  }
}
