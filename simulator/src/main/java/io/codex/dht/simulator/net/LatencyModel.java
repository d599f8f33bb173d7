package io.codex.dht.simulator.net;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.SplittableRandom;

/** How long a datagram takes from one address to another on a {@link SimNetwork}. */
@FunctionalInterface
public interface LatencyModel {
  /**
   * The one-way delay in nanoseconds of one datagram (negative counts as zero); random draws must
   * come from {@code random} (the network's seeded generator) so that runs are reproducible.
   */
  long latencyNanos(InetSocketAddress from, InetSocketAddress to, SplittableRandom random);

  /** Every datagram takes exactly {@code latency}. */
  static LatencyModel constant(Duration latency) {
    return uniform(latency, Duration.ZERO);
  }

  /** {@code base} plus a uniform jitter in [0, {@code jitter}] drawn for every datagram. */
  static LatencyModel uniform(Duration base, Duration jitter) {
    return new UniformLatency(nonNegative(base), nonNegative(jitter));
  }

  /**
   * A base latency per pair of addresses, uniform in [{@code minBase}, {@code maxBase}] and the
   * same in both directions (a function of {@code seed} and the two addresses: a crude geography),
   * plus a uniform jitter in [0, {@code jitter}] drawn for every datagram.
   */
  static LatencyModel perLink(Duration minBase, Duration maxBase, Duration jitter, long seed) {
    long min = nonNegative(minBase);
    long max = nonNegative(maxBase);
    if (max < min) {
      throw new IllegalArgumentException("maxBase < minBase");
    }
    return new PairLatency(min, max, nonNegative(jitter), seed);
  }

  private static long nonNegative(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("negative duration: " + d);
    }
    return d.toNanos();
  }
}
