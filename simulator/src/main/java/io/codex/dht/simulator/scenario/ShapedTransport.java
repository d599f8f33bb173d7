package io.codex.dht.simulator.scenario;

import io.codex.dht.discv5.transport.Transport;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP transport with the simulated network's conditions on the sending side: every datagram is
 * counted, dropped with the current loss rate, and held back by the latency plus jitter.
 *
 * <p>Implementation notes: loopback has neither loss nor latency, so they are applied before the
 * socket. Real time and thread timing make UDP runs non-deterministic anyway, so the draws come
 * from {@link ThreadLocalRandom} rather than a seeded stream.
 */
final class ShapedTransport implements Transport {
  /** Conditions and counters shared by every transport of a cluster. */
  static final class Conditions {
    volatile double lossRate;
    final long latencyNanos;
    final long jitterNanos;
    final ScheduledExecutorService delayer;
    final AtomicLong packets = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();

    Conditions(double lossRate, long latencyNanos, long jitterNanos, ScheduledExecutorService d) {
      this.lossRate = lossRate;
      this.latencyNanos = latencyNanos;
      this.jitterNanos = jitterNanos;
      this.delayer = d;
    }
  }

  private final Transport inner;
  private final Conditions conditions;

  ShapedTransport(Transport inner, Conditions conditions) {
    this.inner = inner;
    this.conditions = conditions;
  }

  @Override
  public CompletableFuture<Void> start(DatagramReceiver receiver) {
    return inner.start(receiver);
  }

  @Override
  public void send(InetSocketAddress to, byte[] datagram) {
    conditions.packets.incrementAndGet();
    conditions.bytes.addAndGet(datagram.length);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    double loss = conditions.lossRate;
    if (loss > 0 && random.nextDouble() < loss) {
      conditions.dropped.incrementAndGet();
      return;
    }
    long delay =
        conditions.latencyNanos
            + (conditions.jitterNanos > 0 ? random.nextLong(conditions.jitterNanos + 1) : 0);
    if (delay <= 0) {
      inner.send(to, datagram);
    } else {
      conditions.delayer.schedule(() -> inner.send(to, datagram), delay, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public List<InetSocketAddress> localAddresses() {
    return inner.localAddresses();
  }

  @Override
  public CompletableFuture<Void> stop() {
    return inner.stop();
  }
}
