package io.codex.dht.routing;

import java.util.HashMap;
import java.util.Map;

/** Counts entries per subnet key (see {@link SubnetKeys}); keys equal to NONE are not counted. */
final class SubnetCounter {
  private final Map<Long, Integer> counts = new HashMap<>();

  /** The number of entries counted for {@code key}; 0 for {@link SubnetKeys#NONE}. */
  int count(long key) {
    if (key == SubnetKeys.NONE) {
      return 0;
    }
    Integer n = counts.get(key);
    return n == null ? 0 : n;
  }

  void increment(long key) {
    if (key != SubnetKeys.NONE) {
      counts.merge(key, 1, Integer::sum);
    }
  }

  void decrement(long key) {
    if (key == SubnetKeys.NONE) {
      return;
    }
    Integer n = counts.get(key);
    if (n == null) {
      throw new IllegalStateException("subnet count below zero for key " + key);
    }
    if (n == 1) {
      counts.remove(key);
    } else {
      counts.put(key, n - 1);
    }
  }

  /** The number of subnets with a non-zero count. */
  int subnets() {
    return counts.size();
  }

  /** A copy of the non-zero counts, for invariant checks. */
  Map<Long, Integer> snapshot() {
    return Map.copyOf(counts);
  }
}
