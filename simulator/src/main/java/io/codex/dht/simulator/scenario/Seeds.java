package io.codex.dht.simulator.scenario;

import java.nio.charset.StandardCharsets;

/** Derives independent seeds from the run's seed, one per purpose, so streams do not interfere. */
final class Seeds {
  private Seeds() {}

  /**
   * A seed for {@code purpose}: the run's seed mixed with a hash of the name (SplitMix64's
   * finaliser), so adding a random draw for one purpose shifts no other purpose's draws.
   */
  static long derive(long seed, String purpose) {
    long h = 0x9E3779B97F4A7C15L;
    for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ b) * 0x100000001B3L;
    }
    return mix(seed ^ mix(h));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
