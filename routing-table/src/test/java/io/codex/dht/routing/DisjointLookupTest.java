package io.codex.dht.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.NodeId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Disjoint lookup paths ({@link LookupConfig#paths}): no peer is asked by two paths, a path learns
 * only from the peers it asked, and so a path whose seeds are honest resolves a node id that sybils
 * hide from a single path.
 */
class DisjointLookupTest {
  private static final int NODES = 2_000;
  private static final LookupConfig NO_COMPLETION = LookupConfig.DEFAULT.withCompletion(false);

  /** Drives a lookup to its end; every peer answers at once through {@code answer}. */
  private static List<NodeId> drive(
      Lookup<TestRecord> lookup, Function<QueryRequest<TestRecord>, List<TestRecord>> answer) {
    List<NodeId> asked = new ArrayList<>();
    for (int steps = 0; !lookup.isFinished(); steps++) {
      assertTrue(steps < 10_000, "lookup does not end");
      List<QueryRequest<TestRecord>> queries = lookup.poll(0);
      // A poll may send nothing and end the lookup: it skipped what other paths had asked.
      assertTrue(!queries.isEmpty() || lookup.isFinished(), "idle but not finished");
      for (QueryRequest<TestRecord> q : queries) {
        asked.add(q.peerId());
        assertTrue(lookup.onResponse(q.peerId(), answer.apply(q)));
      }
    }
    return asked;
  }

  private static Function<QueryRequest<TestRecord>, List<TestRecord>> honest(SyntheticNetwork net) {
    return q -> net.findNode(net.indexOf(q.peerId()), q.distances());
  }

  @Test
  void threePathsNeverAskOnePeerTwiceAndStillFindTheTrueClosest() {
    SyntheticNetwork net = new SyntheticNetwork(NODES, 0, 3);
    SplittableRandom random = new SplittableRandom(31);
    int exact = 0;
    int exactOnePath = 0;
    int runs = 100;
    for (int run = 0; run < runs; run++) {
      int local = random.nextInt(NODES);
      NodeId localId = net.records[local].id();
      NodeId target = NodeId.random(random);
      List<TestRecord> seeds = net.table(local, null).closest(target, 16);
      Lookup<TestRecord> lookup =
          new Lookup<>(target, localId, seeds, TestRecord.VIEW, NO_COMPLETION.withPaths(3));
      List<NodeId> asked = drive(lookup, honest(net));
      assertEquals(asked.size(), new HashSet<>(asked).size(), "a peer was asked twice");
      assertEquals(asked.size(), lookup.stats().queries());
      List<NodeId> truth = net.trueClosest(target, 16, localId, false);
      if (truth.equals(lookup.result().stream().map(TestRecord::id).toList())) {
        exact++;
      }
      Lookup<TestRecord> one = new Lookup<>(target, localId, seeds, TestRecord.VIEW, NO_COMPLETION);
      drive(one, honest(net));
      if (truth.equals(one.result().stream().map(TestRecord::id).toList())) {
        exactOnePath++;
      }
    }
    // Without the completion queries one path misses part of the exact 16 (see
    // LookupConfig#completion); three paths cover more of the neighbourhood.
    assertTrue(
        exact >= 95 && exact > exactOnePath,
        "exact results in " + exact + " of " + runs + ", one path " + exactOnePath);
  }

  @Test
  void controlThreeIndependentLookupsAskPeersTwice() {
    SyntheticNetwork net = new SyntheticNetwork(NODES, 0, 3);
    SplittableRandom random = new SplittableRandom(31);
    int local = random.nextInt(NODES);
    NodeId localId = net.records[local].id();
    NodeId target = NodeId.random(random);
    List<TestRecord> seeds = net.table(local, null).closest(target, 16);
    List<NodeId> asked = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      List<TestRecord> share = new ArrayList<>();
      for (int i = p; i < seeds.size(); i += 3) {
        share.add(seeds.get(i));
      }
      asked.addAll(
          drive(new Lookup<>(target, localId, share, TestRecord.VIEW, NO_COMPLETION), honest(net)));
    }
    assertTrue(asked.size() > new HashSet<>(asked).size(), "the paths met, so some peer repeats");
  }

  /**
   * Sybils in 32 /24s, ground closer to an honest target than any other honest node, answer only
   * with each other (2 per /24, so the per-subnet limit does not stop them). Two of nine seeds are
   * sybils, the closest two; dealt in turn, they capture two of three paths.
   */
  @Test
  void aPathWithHonestSeedsResolvesATargetTheSybilsHide() {
    SyntheticNetwork net = new SyntheticNetwork(NODES, 0, 4);
    SplittableRandom random = new SplittableRandom(41);
    int targetIndex = random.nextInt(NODES);
    NodeId target = net.records[targetIndex].id();
    int local = (targetIndex + NODES / 2) % NODES;
    NodeId localId = net.records[local].id();
    int nearest = target.logDistance(net.trueClosest(target, 2, null, false).get(1));
    List<TestRecord> sybils = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      NodeId id = target.randomAtDistance(nearest - 8 - random.nextInt(8), random);
      sybils.add(new TestRecord(id, 1, TestRecord.ip(45, 81, i / 2, 1 + i % 2)));
    }
    sybils.sort(Comparator.comparing(TestRecord::id, target::compareDistance));
    Set<NodeId> sybilIds = new HashSet<>();
    sybils.forEach(s -> sybilIds.add(s.id()));
    Map<NodeId, TestRecord> byId = new HashMap<>();
    sybils.forEach(s -> byId.put(s.id(), s));
    Function<QueryRequest<TestRecord>, List<TestRecord>> answer =
        q ->
            sybilIds.contains(q.peerId())
                ? sybils.subList(0, 16)
                : net.findNode(net.indexOf(q.peerId()), q.distances());
    // The honest seeds are random nodes, far from the target, as in a table with no entry near it.
    List<TestRecord> seeds = new ArrayList<>(sybils.subList(16, 18));
    while (seeds.size() < 9) {
      int i = random.nextInt(NODES);
      if (i != targetIndex && i != local) {
        seeds.add(net.records[i]);
      }
    }

    Lookup<TestRecord> single =
        new Lookup<>(target, localId, seeds, TestRecord.VIEW, LookupConfig.DEFAULT);
    drive(single, answer);
    assertTrue(single.found(target).isEmpty(), "one path is captured: the target stays hidden");
    assertTrue(single.result().stream().allMatch(r -> sybilIds.contains(r.id())));

    Lookup<TestRecord> disjoint =
        new Lookup<>(target, localId, seeds, TestRecord.VIEW, LookupConfig.DEFAULT.withPaths(3));
    drive(disjoint, answer);
    assertTrue(disjoint.found(target).isPresent(), "the path with honest seeds finds the target");
    assertEquals(target, disjoint.result().get(0).id(), "the target answered and is closest");
    // The merged result is closest first: the sybils, ground closer than every other honest node
    // and in 32 /24s, fill the rest of it (the per-subnet limit has room for all 16).
    assertEquals(15, disjoint.result().stream().filter(r -> sybilIds.contains(r.id())).count());
  }

  @Test
  void theMergedResultKeepsThePerSubnetLimit() {
    NodeId target = NodeId.random(new SplittableRandom(5));
    NodeId local = NodeId.random(new SplittableRandom(6));
    SplittableRandom random = new SplittableRandom(7);
    List<TestRecord> seeds = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      // Three seeds per path, all in one /24: each path keeps two, the merge keeps two in all.
      seeds.add(
          new TestRecord(target.randomAtDistance(250, random), 1, TestRecord.ip(45, 1, 1, i)));
    }
    Lookup<TestRecord> lookup =
        new Lookup<>(target, local, seeds, TestRecord.VIEW, NO_COMPLETION.withPaths(3));
    drive(lookup, q -> List.of());
    assertEquals(6, lookup.stats().responses());
    assertEquals(2, lookup.result().size());
  }

  @Test
  void pathsOutsideOneToEightAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> LookupConfig.DEFAULT.withPaths(0));
    assertThrows(IllegalArgumentException.class, () -> LookupConfig.DEFAULT.withPaths(9));
  }
}
