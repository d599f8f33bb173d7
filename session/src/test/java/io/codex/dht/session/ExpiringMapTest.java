package io.codex.dht.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expiry in insertion order, the bound, and re-entrant callbacks. */
class ExpiringMapTest {
  @Test
  void entriesExpireOldestFirstAndAreDeadOnceDue() {
    ExpiringMap<String, Integer> map = new ExpiringMap<>(100, 10);
    map.put("a", 1, 0);
    map.put("b", 2, 50);
    assertEquals(1, map.get("a", 99));
    assertNull(map.get("a", 100)); // due: dead even before it is purged
    List<String> expired = new ArrayList<>();
    map.expire(120, (k, v) -> expired.add(k));
    assertEquals(List.of("a"), expired);
    assertEquals(1, map.size());
    map.expire(150, (k, v) -> expired.add(k));
    assertEquals(List.of("a", "b"), expired);
    assertEquals(0, map.size());
  }

  @Test
  void replacingAnEntryRestartsItsClockAndKeepsTheOrder() {
    ExpiringMap<String, Integer> map = new ExpiringMap<>(100, 10);
    map.put("a", 1, 0);
    map.put("b", 2, 10);
    map.put("a", 3, 20); // moves behind b
    List<String> expired = new ArrayList<>();
    map.expire(115, (k, v) -> expired.add(k + v));
    assertEquals(List.of("b2"), expired);
    assertEquals(3, map.remove("a", 115));
    assertNull(map.remove("a", 115));
  }

  @Test
  void aFullMapForgetsItsOldestEntry() {
    ExpiringMap<Integer, Integer> map = new ExpiringMap<>(100, 3);
    for (int i = 0; i < 3; i++) {
      map.put(i, i, i);
    }
    assertTrue(map.isFull());
    map.put(3, 3, 3);
    assertEquals(3, map.size());
    assertNull(map.get(0, 3));
    assertEquals(1, map.get(1, 3));
    map.remove(1);
    assertFalse(map.isFull());
  }

  @Test
  void callbacksMayAddEntries() {
    ExpiringMap<Integer, Integer> map = new ExpiringMap<>(100, 10);
    map.put(1, 1, 0);
    map.put(2, 2, 0);
    map.expire(100, (k, v) -> map.put(k + 10, v, 100));
    assertEquals(2, map.size());
    assertEquals(1, map.get(11, 150));
  }
}
