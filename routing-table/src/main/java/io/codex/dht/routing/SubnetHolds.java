package io.codex.dht.routing;

import java.util.ArrayDeque;

/**
 * Subnet slots that stay counted against the table's per-subnet limit for a while after an entry
 * that never answered was dropped, so that a subnet full of dead records (a reflection attack
 * pointing learned records at one victim IP) cannot refill its slots as fast as they fail.
 *
 * <p>Implementation notes: every hold lasts the same time and the clock only moves forward, so
 * holds expire in the order they were made and a FIFO expires them in O(1) each. At most {@code
 * capacity} holds are kept; beyond that the oldest is released early.
 */
final class SubnetHolds {
  private record Hold(long key, long untilMillis) {}

  private final long holdMillis;
  private final int capacity;
  private final ArrayDeque<Hold> fifo = new ArrayDeque<>();
  private final SubnetCounter counts = new SubnetCounter();

  SubnetHolds(long holdMillis, int capacity) {
    this.holdMillis = holdMillis;
    this.capacity = capacity;
  }

  /** Holds a slot of {@code key} until {@code holdMillis} after {@code nowMillis}. */
  void hold(long key, long nowMillis) {
    if (key == SubnetKeys.NONE || holdMillis <= 0 || capacity == 0) {
      return;
    }
    if (fifo.size() >= capacity) {
      release(fifo.poll());
    }
    fifo.add(new Hold(key, saturatedAdd(nowMillis, holdMillis)));
    counts.increment(key);
  }

  /** Releases the holds that ended at or before {@code nowMillis}. */
  void expire(long nowMillis) {
    while (!fifo.isEmpty() && fifo.peek().untilMillis() <= nowMillis) {
      release(fifo.poll());
    }
  }

  /** The slots of {@code key} held now. */
  int count(long key) {
    return counts.count(key);
  }

  /** All holds. */
  int size() {
    return fifo.size();
  }

  private void release(Hold h) {
    counts.decrement(h.key());
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }
}
