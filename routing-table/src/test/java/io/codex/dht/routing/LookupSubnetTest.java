package io.codex.dht.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.NodeId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The lookup's per-subnet candidate limit against an eclipse attempt (security.md E4, at the lookup
 * level): sybils in 4 /24s, ground closer to the target than any honest node, answer only with each
 * other; honest nodes answer with the honest nodes closest to the target.
 */
class LookupSubnetTest {
  private static final int HONEST = 300;
  private static final int SYBILS_PER_SUBNET = 100;
  private static final int SUBNETS = 4;

  private final SplittableRandom random = new SplittableRandom(44);
  private final NodeId local = NodeId.random(random);
  private final NodeId target = NodeId.random(random);
  private final List<TestRecord> honest = new ArrayList<>();
  private final List<TestRecord> sybils = new ArrayList<>();

  LookupSubnetTest() {
    for (int i = 0; i < HONEST; i++) {
      // Honest nodes sit at distance 240 or more from the target, sybils at 200 or less.
      honest.add(new TestRecord(target.randomAtDistance(240 + i % 17, random), 1, ip(i)));
    }
    for (int s = 0; s < SUBNETS; s++) {
      for (int h = 0; h < SYBILS_PER_SUBNET; h++) {
        NodeId id = target.randomAtDistance(150 + random.nextInt(50), random);
        sybils.add(new TestRecord(id, 1, TestRecord.ip(45, 80, 10 + s, 1 + h)));
      }
    }
  }

  private static java.net.InetAddress ip(int n) {
    return TestRecord.uniqueIp(n);
  }

  private List<TestRecord> closest(List<TestRecord> from, int n) {
    List<TestRecord> sorted = new ArrayList<>(from);
    sorted.sort(Comparator.comparing(TestRecord::id, target::compareDistance));
    return sorted.subList(0, Math.min(n, sorted.size()));
  }

  /** Runs a lookup seeded with 8 honest nodes and 8 sybils; returns the honest ids found. */
  private Set<NodeId> honestInResult(LookupConfig config) {
    List<TestRecord> seeds = new ArrayList<>(honest.subList(0, 8));
    seeds.addAll(sybils.subList(0, 8));
    Lookup<TestRecord> lookup = new Lookup<>(target, local, seeds, TestRecord.VIEW, config);
    Set<NodeId> sybilIds = new HashSet<>();
    sybils.forEach(s -> sybilIds.add(s.id()));
    List<TestRecord> honestAnswer = closest(honest, 16);
    List<TestRecord> sybilAnswer = closest(sybils, 16);
    long now = 0;
    while (!lookup.isFinished()) {
      List<QueryRequest<TestRecord>> queries = lookup.poll(now++);
      assertTrue(!queries.isEmpty() || lookup.isFinished(), "the lookup makes progress");
      for (QueryRequest<TestRecord> q : queries) {
        lookup.onResponse(q.peerId(), sybilIds.contains(q.peerId()) ? sybilAnswer : honestAnswer);
      }
    }
    Set<NodeId> out = new HashSet<>();
    for (TestRecord r : lookup.result()) {
      if (!sybilIds.contains(r.id())) {
        out.add(r.id());
      }
    }
    return out;
  }

  @Test
  void sybilsFromFourSubnetsTakeAtMostEightPlacesAndTheHonestClosestAreFound() {
    Set<NodeId> found = honestInResult(LookupConfig.DEFAULT);
    Set<NodeId> trueClosest = new HashSet<>();
    closest(honest, 16).forEach(r -> trueClosest.add(r.id()));
    found.retainAll(trueClosest);
    assertEquals(8, found.size(), "honest nodes among the 16 results, all of the true closest");
  }

  @Test
  void controlWithoutTheLimitTheSybilsTakeTheWholeResult() {
    assertEquals(0, honestInResult(LookupConfig.DEFAULT.withMaxPerSubnet(0)).size());
  }

  /**
   * B4 at the lookup level: every honest answer also carries records, closer to the target than any
   * honest node, that all point into one /24 where nothing answers. Returns how many were queried.
   */
  private int deadSubnetQueries(LookupConfig config) {
    List<TestRecord> dead = new ArrayList<>();
    for (int h = 0; h < 50; h++) {
      NodeId id = target.randomAtDistance(150 + random.nextInt(50), random);
      dead.add(new TestRecord(id, 1, TestRecord.ip(198, 51, 100, 1 + h)));
    }
    Set<NodeId> deadIds = new HashSet<>();
    dead.forEach(d -> deadIds.add(d.id()));
    List<TestRecord> answer = new ArrayList<>(closest(honest, 8));
    Lookup<TestRecord> lookup =
        new Lookup<>(target, local, new ArrayList<>(honest.subList(0, 8)), TestRecord.VIEW, config);
    int queried = 0;
    int next = 0;
    long now = 0;
    while (!lookup.isFinished()) {
      List<QueryRequest<TestRecord>> queries = lookup.poll(now++);
      assertTrue(!queries.isEmpty() || lookup.isFinished(), "the lookup makes progress");
      for (QueryRequest<TestRecord> q : queries) {
        if (deadIds.contains(q.peerId())) {
          queried++;
          lookup.onFailure(q.peerId());
        } else {
          List<TestRecord> reply = new ArrayList<>(answer);
          for (int i = 0; i < 8; i++) {
            reply.add(dead.get(next++ % dead.size())); // new dead records in every answer
          }
          lookup.onResponse(q.peerId(), reply);
        }
      }
    }
    return queried;
  }

  @Test
  void recordsPointingIntoOneDeadSubnetCostItAtMostTheSubnetLimitInQueries() {
    assertEquals(LookupConfig.DEFAULT.maxPerSubnet(), deadSubnetQueries(LookupConfig.DEFAULT));
  }

  @Test
  void controlWithoutTheLimitTheDeadSubnetIsQueriedAgainAndAgain() {
    int queried = deadSubnetQueries(LookupConfig.DEFAULT.withMaxPerSubnet(0));
    assertTrue(queried > 10, "queried " + queried);
  }
}
