package io.codex.dht.simulator.scenario;

import io.codex.dht.discv5.Discv5Node;
import io.codex.dht.discv5.NodeConfig;
import io.codex.dht.discv5.providers.ProviderStore;
import io.codex.dht.session.CodexProfile;
import io.codex.dht.session.WireProfile;
import io.codex.dht.simulator.EventLoop;
import io.codex.dht.simulator.VirtualScheduler;
import io.codex.dht.simulator.net.LatencyModel;
import io.codex.dht.simulator.net.SimNetwork;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * A cluster on the in-memory network: one {@link EventLoop} on virtual time runs every node, so a
 * run is a function of its seed.
 *
 * <p>Each node has a {@link PrefetchingProfile}: secp256k1 work known in advance (each handshake's
 * ephemeral key and the ECDH on both sides, the recipient's id-signature check) runs on the
 * machine's other cores while the loop goes on, with the same results.
 *
 * <p>Implementation notes: {@link #runUntil} runs the loop in slices of {@link #SLICE_NANOS} of
 * virtual time so the progress bar can move; slicing does not change the order of events.
 */
public final class MemoryCluster extends Cluster {
  private static final long SLICE_NANOS = 250_000_000L;

  private final EventLoop loop = new EventLoop();
  private final SimNetwork network;
  private final CryptoPrefetch prefetch;
  private final Random ephemeralSeeds;

  /** A cluster for {@code config} (no node is started yet). */
  public MemoryCluster(SimConfig config) {
    super(config);
    prefetch = new CryptoPrefetch(config.cryptoThreads(), CryptoPrefetch.CAPACITY);
    ephemeralSeeds = new Random(Seeds.derive(config.seed(), "ephemeral keys"));
    network = new SimNetwork(loop, Seeds.derive(config.seed(), "network"));
    network.setLatency(LatencyModel.uniform(config.latency(), config.jitter()));
    network.setLossRate(config.loss());
  }

  /** The event loop (for tests). */
  public EventLoop loop() {
    return loop;
  }

  /** The network (for tests). */
  public SimNetwork network() {
    return network;
  }

  @Override
  public long nowNanos() {
    return loop.now();
  }

  @Override
  public void at(long atNanos, Runnable task) {
    loop.scheduleAt(atNanos, task);
  }

  @Override
  public boolean runUntil(BooleanSupplier done, long deadlineNanos, Runnable tick) {
    tick.run();
    while (true) {
      long sliceEnd = Math.min(deadlineNanos, loop.now() + SLICE_NANOS);
      if (loop.runUntil(done, Math.max(sliceEnd, loop.now()))) {
        return true;
      }
      tick.run();
      if (loop.now() >= deadlineNanos) {
        return done.getAsBoolean();
      }
    }
  }

  @Override
  public void setLossRate(double rate) {
    network.setLossRate(rate);
  }

  @Override
  public double lossRate() {
    return network.lossRate();
  }

  @Override
  public long packetsSent() {
    return network.packetsSent();
  }

  @Override
  public long bytesSent() {
    return network.bytesSent();
  }

  @Override
  public long packetsDropped() {
    return network.packetsDropped();
  }

  @Override
  InetSocketAddress nextBindAddress() {
    return network.allocateAddress();
  }

  @Override
  WireProfile<SignedPeerRecord> profileFor(PrivateKey key) {
    prefetch.register(CodexProfile.INSTANCE.nodeId(key.publicKey()), key);
    return new PrefetchingProfile(prefetch, ephemeralSeeds.nextLong());
  }

  /** Handshake results a worker had computed ahead (for tests). */
  long prefetchedResults() {
    return prefetch.taken();
  }

  @Override
  Discv5Node newNode(NodeConfig config) {
    VirtualScheduler scheduler = loop.newScheduler();
    return Discv5Node.create(
        config, network.transport(config.bindAddresses().get(0), scheduler), scheduler);
  }

  /**
   * A node outside the cluster's membership (the victim of an attack scenario) with its own
   * provider store; not started, never chosen as a bootstrap, source or target.
   */
  Discv5Node newOutsider(NodeConfig config, ProviderStore store) {
    VirtualScheduler scheduler = loop.newScheduler();
    return Discv5Node.create(
        config, network.transport(config.bindAddresses().get(0), scheduler), scheduler, store, 0);
  }

  @Override
  void shutdown(SimNode node) {
    // The stop runs as a task of the node; its transport unbinds when it completes.
    node.node().stop();
  }

  /** Events that threw inside node code: a healthy run has none. */
  public long failedEvents() {
    return loop.failedEvents();
  }

  @Override
  public void close() {
    // The loop and the nodes are plain objects; only the prefetch workers are released.
    prefetch.close();
  }
}
