package io.codex.dht.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.NodeId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The stall rule of {@link Lookup}: a query past its stall time frees its slot once, leaves the
 * window, still has its late answer used, and fails at the timeout; stalled queries are bounded.
 */
class LookupStallTest {
  /** Every peer's timeout estimate is 100 ms; stall = max(50, 1.0 x 100) = 100 ms. */
  private static final Lookup.RttSource RTT = peer -> 100;

  private static final LookupConfig CONFIG =
      LookupConfig.DEFAULT
          .withCompletion(false)
          .withStallFloorMillis(50)
          .withStallFactor(1.0)
          .withMaxStalled(3)
          .withPerPeerTimeoutMillis(1_000);

  private final SplittableRandom random = new SplittableRandom(19);
  private final NodeId local = NodeId.random(random);
  private final NodeId target = NodeId.random(random);
  private int ipCounter;

  private TestRecord node() {
    return new TestRecord(NodeId.random(random), 1, TestRecord.uniqueIp(ipCounter++));
  }

  private List<TestRecord> nodes(int n) {
    List<TestRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(node());
    }
    out.sort(Comparator.comparing(TestRecord::id, target::compareDistance));
    return out;
  }

  private Lookup<TestRecord> lookup(List<TestRecord> seeds, LookupConfig config) {
    return new Lookup<>(target, local, seeds, TestRecord.VIEW, config, RTT);
  }

  private static List<NodeId> ids(List<QueryRequest<TestRecord>> qs) {
    return qs.stream().map(QueryRequest::peerId).toList();
  }

  @Test
  void aStalledQueryFreesItsSlotExactlyOnce() {
    List<TestRecord> seeds = nodes(12);
    Lookup<TestRecord> lookup = lookup(seeds, CONFIG);
    List<QueryRequest<TestRecord>> first = lookup.poll(0);
    assertEquals(3, first.size());
    assertEquals(100, lookup.nextDeadlineMillis(), "the first stall time");
    assertEquals(List.of(), lookup.poll(99));
    List<QueryRequest<TestRecord>> second = lookup.poll(100);
    assertEquals(3, second.size(), "each stalled query frees its slot");
    assertEquals(3, lookup.stalled());
    assertEquals(6, lookup.inFlight());
    assertEquals(List.of(), lookup.poll(150), "a stalled query frees its slot once");
    // Three are stalled, the most allowed: the next three keep their slots past their stall time.
    assertEquals(List.of(), lookup.poll(200));
    assertEquals(1_000, lookup.nextDeadlineMillis(), "no stall due while the bound is reached");
    assertEquals(3, lookup.stalled());
    // A late answer ends one stalled query: the oldest overdue query stalls in its place.
    assertTrue(lookup.onResponse(first.get(0).peerId(), List.of()));
    assertEquals(2, lookup.stalled());
    List<QueryRequest<TestRecord>> third = lookup.poll(201);
    assertEquals(1, third.size());
    assertEquals(3, lookup.stalled());
    assertEquals(6, lookup.inFlight());
    assertEquals(4, lookup.stats().stalls());
    assertEquals(1, lookup.stats().lateResponses());
    assertEquals(List.of(), lookup.poll(202), "no slot freed twice");
  }

  @Test
  void aLateAnswerIsUsed() {
    List<TestRecord> seeds = nodes(6);
    Lookup<TestRecord> lookup = lookup(seeds, CONFIG);
    List<QueryRequest<TestRecord>> first = lookup.poll(0);
    NodeId slow = first.get(0).peerId();
    assertTrue(lookup.onResponse(first.get(1).peerId(), List.of()));
    assertTrue(lookup.onResponse(first.get(2).peerId(), List.of()));
    for (QueryRequest<TestRecord> q : lookup.poll(1)) {
      assertTrue(lookup.onResponse(q.peerId(), List.of()));
    }
    List<QueryRequest<TestRecord>> freed = lookup.poll(100); // the sixth seed takes the slot
    assertEquals(1, freed.size());
    assertTrue(lookup.onResponse(freed.get(0).peerId(), List.of()));
    assertEquals(1, lookup.stalled());
    assertEquals(1, lookup.inFlight());
    // The slow peer answers late with a node closer to the target than every seed.
    TestRecord closer = closerThan(seeds.get(0));
    assertTrue(lookup.onResponse(slow, List.of(closer)));
    assertEquals(1, lookup.stats().lateResponses());
    assertTrue(lookup.found(closer.id()).isPresent());
    List<NodeId> next = ids(lookup.poll(120));
    assertTrue(next.contains(closer.id()), "the record of the late answer is asked next");
    assertTrue(lookup.onResponse(closer.id(), List.of()));
    answerAll(lookup, 130);
    assertTrue(lookup.isFinished());
    List<NodeId> result = lookup.result().stream().map(TestRecord::id).toList();
    assertEquals(closer.id(), result.get(0));
    assertTrue(result.contains(slow), "the late peer answered, so it is in the result");
  }

  @Test
  void theFinalTimeoutMarksFailure() {
    List<TestRecord> seeds = nodes(6);
    Lookup<TestRecord> lookup = lookup(seeds, CONFIG);
    List<QueryRequest<TestRecord>> first = lookup.poll(0);
    NodeId a = first.get(0).peerId();
    NodeId b = first.get(1).peerId();
    assertTrue(lookup.onResponse(first.get(2).peerId(), List.of()));
    for (QueryRequest<TestRecord> q : lookup.poll(100)) { // a and b stall, the others are asked
      assertTrue(lookup.onResponse(q.peerId(), List.of()));
    }
    assertEquals(2, lookup.stalled());
    assertTrue(lookup.onFailure(b), "the node's response timeout");
    assertEquals(1, lookup.stalled());
    lookup.poll(1_000); // a reaches the per-peer timeout
    assertEquals(0, lookup.stalled());
    assertEquals(1, lookup.stats().timeouts());
    assertEquals(2, lookup.stats().failures());
    assertFalse(lookup.onResponse(a, List.of()), "a failed query takes no answer");
    answerAll(lookup, 1_001);
    List<NodeId> result = lookup.result().stream().map(TestRecord::id).toList();
    assertFalse(result.contains(a));
    assertFalse(result.contains(b));
  }

  @Test
  void endsWithStalledQueriesPendingOnlyWhenTheWindowIsFull() {
    // 20 seeds: the window (16) fills with peers that answered while the closest one is stalled.
    Lookup<TestRecord> full = lookup(nodes(20), CONFIG);
    List<QueryRequest<TestRecord>> first = full.poll(0);
    NodeId silent = first.get(0).peerId();
    assertTrue(full.onResponse(first.get(1).peerId(), List.of()));
    assertTrue(full.onResponse(first.get(2).peerId(), List.of()));
    long now = 0;
    while (!full.isFinished() && now < 1_000) {
      for (QueryRequest<TestRecord> q : full.poll(now)) {
        if (!q.peerId().equals(silent)) {
          assertTrue(full.onResponse(q.peerId(), List.of()));
        }
      }
      now += 10;
    }
    assertTrue(full.isFinished());
    assertTrue(now < 1_000, "ended before the timeout: " + now);
    assertEquals(1, full.inFlight(), "the stalled query is still pending");
    assertEquals(16, full.result().size());
    assertFalse(full.result().stream().anyMatch(r -> r.id().equals(silent)));

    // Four seeds: the window cannot fill, so the lookup waits for its stalled query.
    Lookup<TestRecord> small = lookup(nodes(4), CONFIG);
    List<QueryRequest<TestRecord>> start = small.poll(0);
    NodeId slow = start.get(0).peerId();
    small.onResponse(start.get(1).peerId(), List.of());
    small.onResponse(start.get(2).peerId(), List.of());
    for (long t = 0; t < 900; t += 10) {
      for (QueryRequest<TestRecord> q : small.poll(t)) {
        if (!q.peerId().equals(slow)) {
          small.onResponse(q.peerId(), List.of());
        }
      }
    }
    assertFalse(small.isFinished(), "a window that is not full waits for its stalled query");
    assertTrue(small.onResponse(slow, List.of()));
    small.poll(900);
    assertTrue(small.isFinished());
    assertEquals(4, small.result().size());
  }

  @Test
  void withoutAnEstimateOrWithStallsOffNothingStalls() {
    Lookup<TestRecord> noEstimate = new Lookup<>(target, local, nodes(10), TestRecord.VIEW, CONFIG);
    noEstimate.poll(0);
    assertEquals(1_000, noEstimate.nextDeadlineMillis());
    assertEquals(List.of(), noEstimate.poll(999));
    Lookup<TestRecord> off = lookup(nodes(10), CONFIG.withMaxStalled(0));
    off.poll(0);
    assertEquals(1_000, off.nextDeadlineMillis());
    assertEquals(List.of(), off.poll(999));
    assertEquals(0, off.stalled());
  }

  @Test
  void theStallTimeFollowsTheEstimateBetweenTheFloorAndTheTimeout() {
    List<TestRecord> seeds = nodes(3);
    long[] estimate = {10};
    Lookup<TestRecord> lookup =
        new Lookup<>(
            target, local, seeds, TestRecord.VIEW, CONFIG.withStallFactor(2), p -> estimate[0]);
    lookup.poll(0);
    assertEquals(50, lookup.nextDeadlineMillis(), "2 x 10 ms is below the 50 ms floor");
    estimate[0] = 300;
    Lookup<TestRecord> slow =
        new Lookup<>(
            target, local, seeds, TestRecord.VIEW, CONFIG.withStallFactor(2), p -> estimate[0]);
    slow.poll(0);
    assertEquals(600, slow.nextDeadlineMillis());
    estimate[0] = 900;
    Lookup<TestRecord> capped =
        new Lookup<>(
            target, local, seeds, TestRecord.VIEW, CONFIG.withStallFactor(2), p -> estimate[0]);
    capped.poll(0);
    assertEquals(1_000, capped.nextDeadlineMillis(), "never beyond the per-peer timeout");
  }

  @Test
  void lateMessagesOfAnAnswerAreReadUpToTheBound() {
    List<TestRecord> seeds = nodes(3);
    Lookup<TestRecord> lookup = lookup(seeds, CONFIG.withMaxNodesPerResponse(4));
    List<QueryRequest<TestRecord>> first = lookup.poll(0);
    NodeId peer = first.get(0).peerId();
    assertFalse(lookup.onMoreNodes(peer, nodes(1)), "no answer yet");
    assertTrue(lookup.onResponse(peer, nodes(3)));
    List<TestRecord> late = nodes(3);
    assertTrue(lookup.onMoreNodes(peer, late));
    assertTrue(lookup.found(late.get(0).id()).isPresent(), "the fourth record is read");
    assertFalse(lookup.found(late.get(1).id()).isPresent(), "the fifth is past the bound");
    assertFalse(lookup.onMoreNodes(first.get(1).peerId(), late), "that peer has not answered");
  }

  /**
   * A synthetic network of 2,000 nodes, a fifth silent and a fifth slow (answers after 150 to 600
   * ms, past the 100 ms stall time): never more than alpha + maxStalled queries in flight, at most
   * maxStalled of them stalled, and the lookups still find their targets.
   */
  @Test
  void neverMoreThanAlphaPlusTheStalledBoundInFlight() {
    SyntheticNetwork net = new SyntheticNetwork(2_000, 0.2, 5);
    SplittableRandom r = new SplittableRandom(7);
    boolean[] slow = new boolean[net.size()];
    for (int i = 0; i < slow.length; i++) {
      slow[i] = r.nextDouble() < 0.25;
    }
    LookupConfig config = LookupConfig.DEFAULT.withStallFloorMillis(50).withMaxStalled(2);
    int found = 0;
    int runs = 100;
    int maxStalled = 0;
    for (int run = 0; run < runs; run++) {
      int from;
      int to;
      do {
        from = r.nextInt(net.size());
        to = r.nextInt(net.size());
      } while (from == to || !net.alive[to]);
      NodeId target = net.records[to].id();
      Lookup<TestRecord> lookup =
          new Lookup<>(
              target,
              net.records[from].id(),
              net.table(from, null).closest(target, 16),
              TestRecord.VIEW,
              config,
              peer -> 100);
      record Answer(long at, NodeId peer, List<TestRecord> nodes) {}
      PriorityQueue<Answer> pending = new PriorityQueue<>(Comparator.comparingLong(Answer::at));
      long now = 0;
      for (int steps = 0; !lookup.isFinished(); steps++) {
        assertTrue(steps < 100_000, "the lookup ends");
        for (QueryRequest<TestRecord> q : lookup.poll(now)) {
          int peer = net.indexOf(q.peerId());
          if (net.alive[peer]) {
            long delay = slow[peer] ? 150 + r.nextInt(450) : 20 + r.nextInt(40);
            pending.add(new Answer(now + delay, q.peerId(), net.findNode(peer, q.distances())));
          }
        }
        assertTrue(lookup.stalled() <= 2, "stalled " + lookup.stalled());
        assertTrue(lookup.inFlight() <= 3 + 2, "in flight " + lookup.inFlight());
        maxStalled = Math.max(maxStalled, lookup.stalled());
        long next =
            Math.min(
                lookup.nextDeadlineMillis(),
                pending.isEmpty() ? Long.MAX_VALUE : pending.peek().at());
        if (next == Long.MAX_VALUE) {
          break;
        }
        now = Math.max(now, next);
        while (!pending.isEmpty() && pending.peek().at() <= now) {
          Answer a = pending.poll();
          lookup.onResponse(a.peer(), a.nodes());
        }
      }
      if (lookup.found(target).isPresent()) {
        found++;
      }
    }
    assertEquals(2, maxStalled, "the bound was reached");
    assertTrue(found >= 95, "found " + found + " of " + runs);
  }

  private TestRecord closerThan(TestRecord ref) {
    while (true) {
      TestRecord t = node();
      if (target.compareDistance(t.id(), ref.id()) < 0) {
        return t;
      }
    }
  }

  private static void answerAll(Lookup<TestRecord> lookup, long now) {
    for (int i = 0; i < 100 && !lookup.isFinished(); i++) {
      for (QueryRequest<TestRecord> q : lookup.poll(now)) {
        lookup.onResponse(q.peerId(), List.of());
      }
      now++;
    }
  }
}
