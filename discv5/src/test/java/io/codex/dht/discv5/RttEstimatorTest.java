package io.codex.dht.discv5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.NodeId;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link RttEstimator}: RFC 6298 smoothing, per peer with a node-wide fallback, bounded. */
class RttEstimatorTest {
  private static final long MS = 1_000_000L;
  private static final RttConfig CONFIG = new RttConfig(1_000, 50, 1_000, 4, 20, 0.5);
  private final SplittableRandom random = new SplittableRandom(19);

  @Test
  void beforeAnySampleTheEstimateIsTheInitialValue() {
    RttEstimator e = new RttEstimator(CONFIG);
    assertEquals(1_000, e.timeoutMillis(NodeId.random(random)));
    assertFalse(e.nodeSmoothedMicros().isPresent());
  }

  @Test
  void convergesOnAStableRoundTrip() {
    RttEstimator e = new RttEstimator(CONFIG);
    NodeId peer = NodeId.random(random);
    for (int i = 0; i < 50; i++) {
      e.sample(peer, 80 * MS);
    }
    // srtt = 80 ms and rttvar decays to almost 0: the estimate comes down to about the round trip.
    assertEquals(80_000, e.smoothedMicros(peer).getAsLong());
    long estimate = e.timeoutMillis(peer);
    assertTrue(estimate >= 80 && estimate <= 82, "estimate " + estimate);
  }

  @Test
  void theFirstSampleGivesThreeTimesTheRoundTrip() {
    RttEstimator e = new RttEstimator(CONFIG);
    NodeId peer = NodeId.random(random);
    e.sample(peer, 100 * MS);
    assertEquals(300, e.timeoutMillis(peer)); // srtt R + 4 x rttvar R/2
  }

  @Test
  void reactsToAStepAndSettlesOnTheNewRoundTrip() {
    RttEstimator e = new RttEstimator(CONFIG);
    NodeId peer = NodeId.random(random);
    for (int i = 0; i < 50; i++) {
      e.sample(peer, 60 * MS);
    }
    long before = e.timeoutMillis(peer);
    e.sample(peer, 200 * MS);
    long afterOne = e.timeoutMillis(peer);
    assertTrue(afterOne > before + 100, "one slow sample widens the estimate: " + afterOne);
    for (int i = 0; i < 60; i++) {
      e.sample(peer, 200 * MS);
    }
    long settled = e.timeoutMillis(peer);
    assertTrue(settled >= 200 && settled <= 205, "settles on the new round trip: " + settled);
    for (int i = 0; i < 60; i++) {
      e.sample(peer, 60 * MS);
    }
    long back = e.timeoutMillis(peer);
    assertTrue(back >= 60 && back <= 66, "and back after a step down: " + back);
  }

  @Test
  void boundedByTheFloorAndTheCeiling() {
    RttEstimator e = new RttEstimator(CONFIG);
    NodeId fast = NodeId.random(random);
    NodeId slow = NodeId.random(random);
    for (int i = 0; i < 50; i++) {
      e.sample(fast, MS / 10);
      e.sample(slow, 5_000 * MS);
    }
    assertEquals(50, e.timeoutMillis(fast));
    assertEquals(1_000, e.timeoutMillis(slow));
  }

  @Test
  void aPeerWithoutSamplesGetsTheNodeEstimate() {
    RttEstimator e = new RttEstimator(CONFIG);
    NodeId a = NodeId.random(random);
    NodeId b = NodeId.random(random);
    for (int i = 0; i < 50; i++) {
      e.sample(a, 120 * MS);
    }
    NodeId unknown = NodeId.random(random);
    assertFalse(e.smoothedMicros(unknown).isPresent());
    assertEquals(e.timeoutMillis(a), e.timeoutMillis(unknown));
    for (int i = 0; i < 50; i++) {
      e.sample(b, 400 * MS);
    }
    long node = e.timeoutMillis(NodeId.random(random));
    assertTrue(node > e.timeoutMillis(a) && node < 1_000, "the node mixes both: " + node);
  }

  @Test
  void keepsAtMostMaxPeersDroppingTheLeastRecentlyMeasured() {
    RttEstimator e = new RttEstimator(CONFIG);
    NodeId first = NodeId.random(random);
    e.sample(first, 10 * MS);
    for (int i = 0; i < 100; i++) {
      e.sample(NodeId.random(random), 70 * MS);
    }
    assertEquals(4, e.peerCount());
    assertFalse(e.smoothedMicros(first).isPresent());
  }

  @Test
  void partGraceIsAShareOfTheEstimateWithAFloor() {
    RttEstimator e = new RttEstimator(CONFIG);
    NodeId peer = NodeId.random(random);
    assertEquals(500, e.partGraceMillis(peer)); // half the initial 1 s
    for (int i = 0; i < 50; i++) {
      e.sample(peer, 10 * MS);
    }
    assertEquals(25, e.partGraceMillis(peer)); // half the 50 ms floor of the estimate
    RttEstimator floorOnly = new RttEstimator(new RttConfig(1_000, 50, 1_000, 4, 20, 0));
    assertEquals(20, floorOnly.partGraceMillis(peer));
  }
}
