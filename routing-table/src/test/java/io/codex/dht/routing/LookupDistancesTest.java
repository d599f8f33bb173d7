package io.codex.dht.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.NodeId;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Lookup#lookupDistances}: the Codex choice of FINDNODE distances. */
class LookupDistancesTest {
  private static final NodeId ZERO = NodeId.ZERO;

  @Test
  void codexVectors() {
    // test_discoveryv5.nim "Calculate lookup distances"
    assertEquals(List.of(0, 1, 2), Lookup.lookupDistances(ZERO, ZERO));
    assertEquals(List.of(1, 2, 3), Lookup.lookupDistances(ZERO, ZERO.atDistance(1)));
  }

  @Test
  void alternatesAroundTheTargetDistance() {
    assertEquals(List.of(2, 3, 1), Lookup.lookupDistances(ZERO, ZERO.atDistance(2)));
    assertEquals(List.of(5, 6, 4), Lookup.lookupDistances(ZERO, ZERO.atDistance(5)));
    assertEquals(List.of(254, 255, 253), Lookup.lookupDistances(ZERO, ZERO.atDistance(254)));
  }

  @Test
  void topDistancesStayBelow257() {
    assertEquals(List.of(256, 255, 254), Lookup.lookupDistances(ZERO, ZERO.atDistance(256)));
    // Codex adds td + i only while it is below 256, so 255 is followed by 254 and 253.
    assertEquals(List.of(255, 254, 253), Lookup.lookupDistances(ZERO, ZERO.atDistance(255)));
  }

  @Test
  void everyDistanceGivesThreeDistinctValuesInRange() {
    SplittableRandom random = new SplittableRandom(4);
    for (int td = 0; td <= 256; td++) {
      NodeId target = NodeId.random(random);
      NodeId dest = target.randomAtDistance(td, random);
      List<Integer> ds = Lookup.lookupDistances(target, dest);
      assertEquals(3, ds.size(), "td=" + td);
      assertEquals(td, ds.get(0));
      assertEquals(3, new HashSet<>(ds).size(), "distinct for td=" + td);
      for (int i = 1; i < 3; i++) {
        assertTrue(ds.get(i) >= 1 && ds.get(i) <= 256, "in 1..256 for td=" + td);
        assertTrue(Math.abs(ds.get(i) - td) <= 2, "near td for td=" + td);
      }
    }
  }
}
