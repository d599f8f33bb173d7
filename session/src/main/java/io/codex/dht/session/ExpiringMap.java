package io.codex.dht.session;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A bounded map whose entries expire a fixed time after insertion. With one TTL and a monotonic
 * clock, insertion order is expiry order, so expired entries are always at the head and purging
 * costs O(1) per expired entry, never a sweep of the map.
 */
final class ExpiringMap<K, V> {
  private record Entry<V>(V value, long deadline) {}

  private final LinkedHashMap<K, Entry<V>> map = new LinkedHashMap<>();
  private final long ttlNanos;
  private final int capacity;
  // A lower bound of the head's deadline, so that most calls of expire() return without touching
  // the map. Insertions go behind the head and removals only move the real deadline later.
  private long earliestDeadline;
  // Entries looked at by expire(): one per expired entry plus one live head per call that got
  // past earliestDeadline. Tests use it to show that expiry costs O(1) per call, amortised.
  private long work;

  ExpiringMap(long ttlNanos, int capacity) {
    this.ttlNanos = ttlNanos;
    this.capacity = capacity;
  }

  /** The live value of {@code key}, or {@code null}. */
  V get(K key, long now) {
    Entry<V> e = map.get(key);
    return e == null || e.deadline - now <= 0 ? null : e.value;
  }

  /** Removes and returns the live value of {@code key}, or {@code null}. */
  V remove(K key, long now) {
    Entry<V> e = map.remove(key);
    return e == null || e.deadline - now <= 0 ? null : e.value;
  }

  /** Removes {@code key}, live or not. */
  void remove(K key) {
    map.remove(key);
  }

  /** Whether a new key would exceed the bound. */
  boolean isFull() {
    return map.size() >= capacity;
  }

  /**
   * Inserts {@code key} (replacing and re-timing an existing entry); when the map is full the
   * oldest entry is forgotten first.
   */
  void put(K key, V value, long now) {
    if (map.remove(key) == null && map.size() >= capacity) {
      Iterator<K> eldest = map.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
    long deadline = now + ttlNanos;
    if (map.isEmpty()) {
      earliestDeadline = deadline;
    }
    map.put(key, new Entry<>(value, deadline));
  }

  /**
   * Removes the entries expired at {@code now}, oldest first, calling {@code onExpired} (if not
   * null) after each removal; the callback may modify the map.
   */
  void expire(long now, BiConsumer<K, V> onExpired) {
    if (earliestDeadline - now > 0) {
      return;
    }
    while (!map.isEmpty()) {
      Map.Entry<K, Entry<V>> head = map.entrySet().iterator().next();
      work++;
      if (head.getValue().deadline - now > 0) {
        earliestDeadline = head.getValue().deadline;
        return;
      }
      map.remove(head.getKey());
      if (onExpired != null) {
        onExpired.accept(head.getKey(), head.getValue().value);
      }
    }
  }

  int size() {
    return map.size();
  }

  /** Entries looked at by {@link #expire} so far. */
  long work() {
    return work;
  }

  void clear() {
    map.clear();
  }
}
