package io.codex.dht.discv5;

import io.codex.dht.discv5.exec.NodeScheduler;
import io.codex.dht.discv5.exec.SharedPool;
import io.codex.dht.discv5.transport.NettyUdpTransport;
import io.codex.dht.spr.PrivateKey;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Real nodes on 127.0.0.1 sharing one event loop group and one thread pool. Their clocks run with
 * the system clock plus a skew the test can move forward ({@link #skipAhead}), so a test can let a
 * TTL pass without waiting for it (timers still fire after their real delay).
 */
final class LoopbackCluster implements AutoCloseable {
  final NioEventLoopGroup group = new NioEventLoopGroup(1);
  final SharedPool pool = new SharedPool(2, "test-node");
  final List<Discv5Node> nodes = new ArrayList<>();
  private final Random random;
  private final AtomicLong skewNanos = new AtomicLong();

  LoopbackCluster(long seed) {
    this.random = new Random(seed);
  }

  /** Starts a node on an ephemeral loopback port, configured by {@code tweak}. */
  Discv5Node start(Consumer<NodeConfig.Builder> tweak) {
    NodeConfig.Builder b =
        NodeConfig.builder(PrivateKey.generate(random))
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .random(new Random(random.nextLong()));
    tweak.accept(b);
    NodeConfig config = b.build();
    Discv5Node node =
        Discv5Node.create(
            config,
            new NettyUdpTransport(config.bindAddresses(), group),
            new SkewedScheduler(pool.newScheduler(config.maxQueuedDatagrams()), skewNanos));
    join(node.start());
    nodes.add(node);
    return node;
  }

  /** Moves every node's clocks (monotonic and wall) forward by {@code millis} at once. */
  void skipAhead(long millis) {
    skewNanos.addAndGet(millis * 1_000_000L);
  }

  /** Runs {@code action} on {@code node}'s thread and returns its result. */
  static <T> T onNode(Discv5Node node, java.util.function.Supplier<T> action) {
    CompletableFuture<T> f = new CompletableFuture<>();
    node.scheduler().execute(() -> f.complete(action.get()));
    return join(f);
  }

  static <T> T join(CompletableFuture<T> f) {
    try {
      return f.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future failed: " + e, e);
    }
  }

  @Override
  public void close() {
    for (Discv5Node n : nodes) {
      n.stop().orTimeout(10, TimeUnit.SECONDS).join();
    }
    pool.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** A node scheduler whose clocks read {@code skew} ahead of {@code inner}'s. */
  private record SkewedScheduler(NodeScheduler inner, AtomicLong skew) implements NodeScheduler {
    @Override
    public long nanoTime() {
      return inner.nanoTime() + skew.get();
    }

    @Override
    public long currentTimeMillis() {
      return inner.currentTimeMillis() + skew.get() / 1_000_000L;
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
      return inner.schedule(task, delayMillis);
    }

    @Override
    public boolean inNodeThread() {
      return inner.inNodeThread();
    }

    @Override
    public boolean offer(Runnable task) {
      return inner.offer(task);
    }

    @Override
    public void execute(Runnable task) {
      inner.execute(task);
    }
  }
}
