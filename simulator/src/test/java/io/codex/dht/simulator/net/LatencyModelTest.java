package io.codex.dht.simulator.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyModelTest {
  private static final long MS = 1_000_000L;

  @Test
  void constantIsConstant() {
    LatencyModel m = LatencyModel.constant(Duration.ofMillis(7));
    AddressAllocator alloc = new AddressAllocator(1);
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 100; i++) {
      assertEquals(7 * MS, m.latencyNanos(alloc.next(), alloc.next(), r));
    }
  }

  @Test
  void perLinkBaseIsSymmetricStableAndWithinBounds() {
    PairLatency m =
        (PairLatency)
            LatencyModel.perLink(Duration.ofMillis(10), Duration.ofMillis(200), Duration.ZERO, 9);
    AddressAllocator alloc = new AddressAllocator(4);
    SplittableRandom r = new SplittableRandom(1);
    Set<Long> bases = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      InetSocketAddress a = alloc.next();
      InetSocketAddress b = alloc.next();
      long ab = m.latencyNanos(a, b, r);
      assertEquals(ab, m.latencyNanos(b, a, r));
      assertEquals(ab, m.latencyNanos(a, b, r));
      assertTrue(ab >= 10 * MS && ab <= 200 * MS, "base " + ab);
      bases.add(ab);
    }
    assertTrue(bases.size() > 900, "bases spread: " + bases.size());
  }

  @Test
  void perLinkJitterStaysAboveTheBase() {
    PairLatency m =
        (PairLatency)
            LatencyModel.perLink(
                Duration.ofMillis(10), Duration.ofMillis(200), Duration.ofMillis(5), 9);
    AddressAllocator alloc = new AddressAllocator(4);
    SplittableRandom r = new SplittableRandom(1);
    InetSocketAddress a = alloc.next();
    InetSocketAddress b = alloc.next();
    long base = m.baseNanos(a, b);
    for (int i = 0; i < 1000; i++) {
      long l = m.latencyNanos(a, b, r);
      assertTrue(l >= base && l <= base + 5 * MS);
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> LatencyModel.perLink(Duration.ofMillis(2), Duration.ofMillis(1), Duration.ZERO, 0));
  }
}
