package io.codex.dht.simulator.net;

import java.net.InetSocketAddress;
import java.util.SplittableRandom;

/** A fixed base latency plus uniform per-datagram jitter. */
record UniformLatency(long baseNanos, long jitterNanos) implements LatencyModel {
  @Override
  public long latencyNanos(InetSocketAddress from, InetSocketAddress to, SplittableRandom random) {
    return jitterNanos == 0 ? baseNanos : baseNanos + random.nextLong(jitterNanos + 1);
  }
}
