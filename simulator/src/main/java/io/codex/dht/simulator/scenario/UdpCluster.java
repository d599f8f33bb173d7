package io.codex.dht.simulator.scenario;

import io.codex.dht.discv5.Discv5Node;
import io.codex.dht.discv5.NodeConfig;
import io.codex.dht.discv5.exec.SharedPool;
import io.codex.dht.discv5.transport.NettyUdpTransport;
import io.codex.dht.session.CodexProfile;
import io.codex.dht.session.WireProfile;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster on real UDP sockets on 127.0.0.1 in real time: every node's socket on one shared netty
 * event loop group, every node's tasks on one shared pool with a thread per core, no thread of its
 * own. Runs are not reproducible: thread timing decides the order of events.
 */
public final class UdpCluster extends Cluster {
  private static final Logger LOG = LoggerFactory.getLogger(UdpCluster.class);
  private static final long POLL_MILLIS = 20;

  private final long origin = System.nanoTime();
  private final EventLoopGroup group = new NioEventLoopGroup(1);
  private final SharedPool pool = SharedPool.forMachine("sim-node");
  private final ScheduledExecutorService driver =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "sim-driver");
            t.setDaemon(true);
            return t;
          });
  private final ShapedTransport.Conditions conditions;

  /** A cluster for {@code config} (no node is started yet). */
  public UdpCluster(SimConfig config) {
    super(config);
    conditions =
        new ShapedTransport.Conditions(
            config.loss(), config.latency().toNanos(), config.jitter().toNanos(), driver);
  }

  @Override
  public long nowNanos() {
    return System.nanoTime() - origin;
  }

  @Override
  public void at(long atNanos, Runnable task) {
    driver.schedule(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            LOG.warn("simulation task failed", e);
          }
        },
        Math.max(0, atNanos - nowNanos()),
        TimeUnit.NANOSECONDS);
  }

  @Override
  public boolean runUntil(BooleanSupplier done, long deadlineNanos, Runnable tick) {
    while (true) {
      tick.run();
      if (done.getAsBoolean()) {
        return true;
      }
      long left = deadlineNanos - nowNanos();
      if (left <= 0) {
        return false;
      }
      try {
        Thread.sleep(Math.max(1, Math.min(POLL_MILLIS, left / 1_000_000L)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return done.getAsBoolean();
      }
    }
  }

  @Override
  public void setLossRate(double rate) {
    conditions.lossRate = rate;
  }

  @Override
  public double lossRate() {
    return conditions.lossRate;
  }

  @Override
  public long packetsSent() {
    return conditions.packets.get();
  }

  @Override
  public long bytesSent() {
    return conditions.bytes.get();
  }

  @Override
  public long packetsDropped() {
    return conditions.dropped.get();
  }

  @Override
  InetSocketAddress nextBindAddress() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  @Override
  WireProfile<SignedPeerRecord> profileFor(PrivateKey key) {
    return CodexProfile.INSTANCE; // the nodes' threads already use every core
  }

  @Override
  Discv5Node newNode(NodeConfig config) {
    NettyUdpTransport udp = new NettyUdpTransport(config.bindAddresses(), group);
    return Discv5Node.create(
        config,
        new ShapedTransport(udp, conditions),
        pool.newScheduler(config.maxQueuedDatagrams()));
  }

  @Override
  void shutdown(SimNode node) {
    node.node().stop();
  }

  @Override
  public void close() {
    List<CompletableFuture<Void>> stops = new ArrayList<>();
    for (SimNode n : allNodes()) {
      if (!n.isStopped()) {
        n.markStopped();
        stops.add(n.node().stop());
      }
    }
    try {
      CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      LOG.warn("not every node stopped cleanly", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    driver.shutdownNow();
    pool.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
