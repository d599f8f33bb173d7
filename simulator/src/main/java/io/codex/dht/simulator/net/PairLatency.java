package io.codex.dht.simulator.net;

import java.net.InetSocketAddress;
import java.util.SplittableRandom;

/**
 * A symmetric per-pair base latency hashed from a seed and the two addresses, plus uniform
 * per-datagram jitter.
 *
 * <p>Implementation notes: the base is recomputed for every datagram (a few multiplications) rather
 * than cached, so memory does not grow with the number of pairs that ever talked. The address key
 * is {@link InetSocketAddress#hashCode()}, which is deterministic (for IPv4, the address plus the
 * port) and never allocates, unlike {@code InetAddress.getAddress()}; a collision merely gives two
 * pairs the same base.
 */
record PairLatency(long minNanos, long maxNanos, long jitterNanos, long seed)
    implements LatencyModel {
  @Override
  public long latencyNanos(InetSocketAddress from, InetSocketAddress to, SplittableRandom random) {
    long base = baseNanos(from, to);
    return jitterNanos == 0 ? base : base + random.nextLong(jitterNanos + 1);
  }

  /** The pair's base latency, the same in both directions. */
  long baseNanos(InetSocketAddress a, InetSocketAddress b) {
    long range = maxNanos - minNanos;
    if (range == 0) {
      return minNanos;
    }
    long ka = key(a);
    long kb = key(b);
    long lo = Math.min(ka, kb);
    long hi = Math.max(ka, kb);
    long h = mix(seed ^ mix(lo * 0x9E3779B97F4A7C15L + hi));
    return minNanos + Long.remainderUnsigned(h, range + 1);
  }

  private static long key(InetSocketAddress a) {
    return a.hashCode() & 0xFFFF_FFFFL;
  }

  /** The SplitMix64 finalizer. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
