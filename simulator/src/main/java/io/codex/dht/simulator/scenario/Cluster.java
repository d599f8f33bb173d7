package io.codex.dht.simulator.scenario;

import io.codex.dht.discv5.Discv5Node;
import io.codex.dht.discv5.NodeConfig;
import io.codex.dht.discv5.VerifiedRecords;
import io.codex.dht.session.LegacyCodexProfile;
import io.codex.dht.session.WireProfile;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.RecordFormat;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * The nodes of a simulation and the clock they run on: {@link MemoryCluster} on the in-memory
 * network in virtual time, or {@link UdpCluster} on loopback sockets in real time. Scenarios are
 * written once against this class.
 *
 * <p>Every node is the production {@link Discv5Node} with the default configuration, except for its
 * address, its bootstrap records (up to {@link #BOOTSTRAPS} random live nodes), a seeded random
 * source, the shared metrics registry and a shared memo of verified records.
 *
 * <p>Thread safety: in memory mode everything runs on the caller's thread. In UDP mode node
 * callbacks arrive on pool threads, so the membership lists are guarded by this object's lock.
 */
public abstract class Cluster implements AutoCloseable {
  /** Bootstrap records given to a new node. */
  public static final int BOOTSTRAPS = 3;

  final SimConfig config;
  private final Random keys;
  private final Random choices;
  private final NodeMetricsSink metrics = new NodeMetricsSink();
  private final VerifiedRecords verified;
  private final List<SimNode> all = new ArrayList<>();
  private final List<SimNode> live = new ArrayList<>();
  private long failedStarts;
  private final LongAdder legacyRefused = new LongAdder();

  Cluster(SimConfig config) {
    this.config = config;
    this.keys = new Random(Seeds.derive(config.seed(), "keys"));
    this.choices = new Random(Seeds.derive(config.seed(), "bootstrap"));
    // Every node would reach the same verdict on the same signed bytes: each distinct record is
    // verified once per run instead of once per node that receives it (handshakes stay per node).
    this.verified = new VerifiedRecords(Math.max(1024, 2 * config.nodes()));
  }

  // ---- time

  /** Nanoseconds since the cluster was made: virtual in memory mode, real in UDP mode. */
  public abstract long nowNanos();

  /** Runs {@code task} at {@code atNanos} (see {@link #nowNanos()}), on the driving thread. */
  public abstract void at(long atNanos, Runnable task);

  /**
   * Runs the network until {@code done} holds or the clock reaches {@code deadlineNanos}; calls
   * {@code tick} now and then (for progress). Returns whether {@code done} holds.
   */
  public abstract boolean runUntil(BooleanSupplier done, long deadlineNanos, Runnable tick);

  /** Runs the network for {@code duration}. */
  public void runFor(Duration duration, Runnable tick) {
    runUntil(() -> false, nowNanos() + duration.toNanos(), tick);
  }

  // ---- network

  /** Sets the share of packets dropped from now on. */
  public abstract void setLossRate(double rate);

  /** The share of packets dropped. */
  public abstract double lossRate();

  /** Packets sent by all nodes (dropped ones included). */
  public abstract long packetsSent();

  /** Bytes sent by all nodes (dropped ones included). */
  public abstract long bytesSent();

  /** Packets the network dropped (loss, unreachable or stopped destinations). */
  public abstract long packetsDropped();

  /** The nodes' message counters summed over the network, by kind. */
  public Map<String, Long> messagesSent() {
    return metrics.counts("discv5.messages.out");
  }

  /** A counter summed over the network, by the value of its one tag (e.g. withheld by reason). */
  public Map<String, Long> counts(String name) {
    return metrics.counts(name);
  }

  /** The nodes' request timeouts summed over the network, by request kind. */
  public Map<String, Long> requestTimeouts() {
    return metrics.counts("discv5.requests.timeouts");
  }

  // ---- nodes

  /** The bind address of the next node (memory: a fresh public-looking address). */
  abstract InetSocketAddress nextBindAddress();

  /** The wire profile of the node with {@code key}. */
  abstract WireProfile<SignedPeerRecord> profileFor(PrivateKey key);

  /** Makes the node for {@code config} on this cluster's transport and scheduler. */
  abstract Discv5Node newNode(NodeConfig config);

  /** Stops {@code node}'s node and releases its transport. */
  abstract void shutdown(SimNode node);

  /**
   * Creates a node with a fresh key and address, bootstrapping from up to {@link #BOOTSTRAPS}
   * random live nodes, and starts it; it becomes live when the start completes.
   */
  public SimNode startNode() {
    PrivateKey key = PrivateKey.generate(keys);
    boolean legacy;
    synchronized (this) {
      legacy = isLegacy(all.size());
    }
    NodeConfig.Builder b =
        NodeConfig.builder(key)
            .bind(nextBindAddress())
            .random(new Random(keys.nextLong()))
            .meterRegistry(metrics.registry())
            .verifiedRecords(verified);
    if (legacy) {
      b.wireProfile(new LegacyCodexProfile(profileFor(key), legacyRefused))
          .recordFormat(RecordFormat.PEER_RECORD);
    } else {
      b.wireProfile(profileFor(key)).recordFormat(config.recordFormat());
    }
    for (SimNode peer : randomLive(BOOTSTRAPS, choices, null)) {
      // A Codex node refuses a bootstrap record it cannot read; ours take either form.
      b.bootstrap(legacy ? peer.node().plainRecord() : peer.node().localRecord());
    }
    SimNode node;
    synchronized (this) {
      node = new SimNode(all.size(), newNode(b.build()), legacy);
      all.add(node);
    }
    node.node()
        .start()
        .whenComplete(
            (ok, error) -> {
              synchronized (this) {
                if (error != null) {
                  failedStarts++;
                } else if (!node.isStopped()) {
                  node.markLive();
                  live.add(node);
                }
              }
            });
    return node;
  }

  /** Stops {@code node}: it leaves the network without a word, as nodes do. */
  public void stopNode(SimNode node) {
    synchronized (this) {
      if (node.isStopped()) {
        return;
      }
      node.markStopped();
      live.remove(node);
    }
    shutdown(node);
  }

  /**
   * Whether the node created {@code index}-th is a stand-in for a deployed Codex node: exactly
   * {@code legacyShare} of every prefix of the nodes, spread evenly (with 0.5, every second node).
   */
  boolean isLegacy(int index) {
    double share = config.legacyShare();
    return Math.floor((index + 1) * share) > Math.floor(index * share);
  }

  /**
   * Messages and handshake records the Codex stand-ins could not decode (a mixed network must keep
   * this at 0).
   */
  public long legacyRefused() {
    return legacyRefused.sum();
  }

  /** Nodes created so far, live or not, in order of creation. */
  public synchronized List<SimNode> allNodes() {
    return List.copyOf(all);
  }

  /** The live nodes, in the order they became live. */
  public synchronized List<SimNode> liveNodes() {
    return List.copyOf(live);
  }

  /** How many nodes are live. */
  public synchronized int liveCount() {
    return live.size();
  }

  /** Starts that failed (for example a port that could not be bound). */
  public synchronized long failedStarts() {
    return failedStarts;
  }

  /** A random live node other than {@code except} (may be null), or null if there is none. */
  public synchronized SimNode randomLive(Random random, SimNode except) {
    int n = live.size();
    if (n == 0 || (n == 1 && live.get(0) == except)) {
      return null;
    }
    while (true) {
      SimNode pick = live.get(random.nextInt(n));
      if (pick != except) {
        return pick;
      }
    }
  }

  /** Up to {@code count} distinct random live nodes other than {@code except}. */
  public synchronized List<SimNode> randomLive(int count, Random random, SimNode except) {
    List<SimNode> out = new ArrayList<>(count);
    int available = live.size() - (except != null && live.contains(except) ? 1 : 0);
    int want = Math.min(count, available);
    while (out.size() < want) {
      SimNode pick = randomLive(random, except);
      if (!out.contains(pick)) {
        out.add(pick);
      }
    }
    return out;
  }

  /** The routing-table sizes of the live nodes, in the order they became live. */
  public int[] tableSizes() {
    List<SimNode> nodes = liveNodes();
    int[] out = new int[nodes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = nodes.get(i).node().tableSize();
    }
    return out;
  }

  @Override
  public abstract void close();
}
