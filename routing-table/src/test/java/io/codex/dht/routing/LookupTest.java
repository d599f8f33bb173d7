package io.codex.dht.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.NodeId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The {@link Lookup} state machine step by step. */
class LookupTest {
  private final SplittableRandom random = new SplittableRandom(3);
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
    return out;
  }

  private Lookup<TestRecord> lookup(List<TestRecord> seeds, LookupConfig config) {
    return new Lookup<>(target, local, seeds, TestRecord.VIEW, config);
  }

  private List<TestRecord> byDistance(List<TestRecord> rs) {
    List<TestRecord> sorted = new ArrayList<>(rs);
    sorted.sort(Comparator.comparing(TestRecord::id, target::compareDistance));
    return sorted;
  }

  @Test
  void keepsAlphaQueriesInFlightClosestFirstWithTheCodexDistances() {
    List<TestRecord> seeds = nodes(10);
    Lookup<TestRecord> lookup = lookup(seeds, LookupConfig.DEFAULT);
    List<QueryRequest<TestRecord>> first = lookup.poll(0);
    assertEquals(3, first.size());
    assertEquals(byDistance(seeds).subList(0, 3), first.stream().map(QueryRequest::peer).toList());
    for (QueryRequest<TestRecord> q : first) {
      assertEquals(Lookup.lookupDistances(target, q.peerId()), q.distances());
      assertFalse(q.fast());
      assertEquals(target, q.target());
    }
    assertEquals(List.of(), lookup.poll(1), "alpha queries are in flight");
    assertTrue(lookup.onResponse(first.get(1).peerId(), List.of()));
    List<QueryRequest<TestRecord>> next = lookup.poll(2);
    assertEquals(1, next.size());
    assertEquals(byDistance(seeds).get(3), next.get(0).peer());
  }

  @Test
  void fastModeAsksForTheTarget() {
    Lookup<TestRecord> lookup = lookup(nodes(5), LookupConfig.DEFAULT.withFast(true));
    for (QueryRequest<TestRecord> q : lookup.poll(0)) {
      assertTrue(q.fast());
      assertEquals(List.of(), q.distances());
      assertEquals(target, q.target());
    }
  }

  @Test
  void resultHoldsTheClosestPeersThatAnsweredAndFinishes() {
    List<TestRecord> seeds = nodes(20);
    Lookup<TestRecord> lookup = lookup(seeds, LookupConfig.DEFAULT.withCompletion(false));
    TestRecord silent = byDistance(seeds).get(0);
    long now = 0;
    while (!lookup.isFinished()) {
      for (QueryRequest<TestRecord> q : lookup.poll(now)) {
        if (q.peer().equals(silent)) {
          assertTrue(lookup.onFailure(q.peerId()));
        } else {
          assertTrue(lookup.onResponse(q.peerId(), List.of()));
        }
      }
      now++;
    }
    assertEquals(byDistance(seeds).subList(1, 17), lookup.result());
    assertEquals(1, lookup.stats().failures());
    assertEquals(17, lookup.stats().queries());
    assertEquals(1, lookup.stats().rounds());
    assertEquals(Optional.of(silent), lookup.found(silent.id()), "still found");
  }

  @Test
  void timesOutQueriesAtPollAndIgnoresLateAnswers() {
    List<TestRecord> seeds = nodes(5);
    LookupConfig config = LookupConfig.DEFAULT.withPerPeerTimeoutMillis(1_000);
    Lookup<TestRecord> lookup = lookup(seeds, config);
    List<QueryRequest<TestRecord>> first = lookup.poll(100);
    assertEquals(1_100, lookup.nextDeadlineMillis());
    assertEquals(List.of(), lookup.poll(1_099));
    List<QueryRequest<TestRecord>> second = lookup.poll(1_100);
    assertEquals(2, second.size(), "the two remaining seeds replace the three timed out");
    assertEquals(3, lookup.stats().timeouts());
    assertEquals(3, lookup.stats().failures());
    assertFalse(lookup.onResponse(first.get(0).peerId(), nodes(3)), "late answer ignored");
    assertEquals(1, lookup.stats().ignoredResponses());
    assertEquals(5, lookup.stats().nodesSeen());
    lookup.poll(2_100);
    assertTrue(lookup.isFinished());
    assertEquals(List.of(), lookup.result());
    assertEquals(Long.MAX_VALUE, lookup.nextDeadlineMillis());
  }

  @Test
  void neverQueriesTheLocalNodeAndIgnoresUnsolicitedAnswers() {
    TestRecord self = new TestRecord(local, 9, TestRecord.uniqueIp(999));
    List<TestRecord> seeds = new ArrayList<>(nodes(2));
    seeds.add(self);
    Lookup<TestRecord> lookup = lookup(seeds, LookupConfig.DEFAULT);
    List<QueryRequest<TestRecord>> qs = lookup.poll(0);
    assertEquals(2, qs.size());
    TestRecord stranger = node();
    assertFalse(lookup.onResponse(stranger.id(), nodes(5)), "never asked");
    assertFalse(lookup.onFailure(stranger.id()));
    assertFalse(lookup.onResponse(local, nodes(5)));
    assertEquals(2, lookup.stats().nodesSeen());
    assertTrue(lookup.onResponse(qs.get(0).peerId(), List.of(self, node())));
    assertEquals(Optional.empty(), lookup.found(local));
    assertFalse(lookup.onResponse(qs.get(0).peerId(), nodes(5)), "answered once already");
  }

  @Test
  void skipsRecordsWithoutEndpointAndKeepsTheHighestSeq() {
    TestRecord seed = node();
    Lookup<TestRecord> lookup = lookup(List.of(seed), LookupConfig.DEFAULT);
    QueryRequest<TestRecord> q = lookup.poll(0).get(0);
    TestRecord noEndpoint = node().withIp(null);
    TestRecord other = node();
    lookup.onResponse(q.peerId(), List.of(noEndpoint, other, seed.withSeq(5), other.withSeq(0)));
    assertEquals(Optional.empty(), lookup.found(noEndpoint.id()));
    assertEquals(Optional.of(seed.withSeq(5)), lookup.found(seed.id()));
    assertEquals(Optional.of(other), lookup.found(other.id()));
  }

  @Test
  void aHostileAnswerCannotGrowTheLookupWithoutBound() {
    Lookup<TestRecord> lookup = lookup(List.of(node()), LookupConfig.DEFAULT);
    QueryRequest<TestRecord> q = lookup.poll(0).get(0);
    List<TestRecord> flood = nodes(10_000);
    assertTrue(lookup.onResponse(q.peerId(), flood));
    assertEquals(1 + 16, lookup.stats().nodesSeen(), "only maxNodesPerResponse records are read");
    for (TestRecord r : flood.subList(16, 100)) {
      assertEquals(Optional.empty(), lookup.found(r.id()));
    }
  }

  @Test
  void candidatesAreCappedAtTheClosest() {
    LookupConfig config =
        LookupConfig.DEFAULT
            .withCandidateLimit(20)
            .withMaxNodesPerResponse(100)
            .withCompletion(false);
    Lookup<TestRecord> lookup = lookup(List.of(node()), config);
    QueryRequest<TestRecord> q = lookup.poll(0).get(0);
    List<TestRecord> many = nodes(100);
    lookup.onResponse(q.peerId(), many);
    long now = 1;
    List<TestRecord> asked = new ArrayList<>();
    while (!lookup.isFinished()) {
      for (QueryRequest<TestRecord> next : lookup.poll(now++)) {
        asked.add(next.peer());
        lookup.onResponse(next.peerId(), List.of());
      }
    }
    List<TestRecord> closest = byDistance(many).subList(0, 16);
    assertEquals(closest, lookup.result());
    assertTrue(byDistance(many).subList(0, 20).containsAll(asked), "only kept candidates asked");
  }

  @Test
  void stopsAtTheQueryBudget() {
    Lookup<TestRecord> lookup = lookup(nodes(30), LookupConfig.DEFAULT.withMaxQueries(5));
    long now = 0;
    int sent = 0;
    while (!lookup.isFinished()) {
      for (QueryRequest<TestRecord> q : lookup.poll(now++)) {
        sent++;
        lookup.onResponse(q.peerId(), nodes(3));
      }
    }
    assertEquals(5, sent);
    assertEquals(5, lookup.result().size());
  }

  @Test
  void completionQueriesFollowTheWindowAndUseFindNode() {
    List<TestRecord> seeds = nodes(40);
    Lookup<TestRecord> lookup = lookup(seeds, LookupConfig.DEFAULT.withFast(true));
    List<QueryRequest<TestRecord>> completions = new ArrayList<>();
    long now = 0;
    while (!lookup.isFinished()) {
      for (QueryRequest<TestRecord> q : lookup.poll(now++)) {
        if (!q.fast()) {
          completions.add(q);
          assertTrue(q.distances().size() >= 1 && q.distances().size() <= 3);
          assertTrue(q.distances().stream().allMatch(d -> d >= 1 && d <= 256));
        }
        lookup.onResponse(q.peerId(), List.of());
      }
    }
    assertTrue(completions.size() >= 2, "completions " + completions.size());
    assertEquals(completions.size(), lookup.stats().completionQueries());
    assertEquals(16 + completions.size(), lookup.stats().queries());
    assertEquals(byDistance(seeds).subList(0, 16), lookup.result());
  }

  @Test
  void withNoSeedsItIsFinishedAtOnce() {
    Lookup<TestRecord> lookup = lookup(List.of(), LookupConfig.DEFAULT);
    assertTrue(lookup.isFinished());
    assertEquals(List.of(), lookup.poll(0));
    assertEquals(List.of(), lookup.result());
  }

  @Test
  void roundsCountTheLongestChainOfAnswers() {
    TestRecord a = node();
    Lookup<TestRecord> lookup = lookup(List.of(a), LookupConfig.DEFAULT.withCompletion(false));
    TestRecord b = node();
    TestRecord c = node();
    lookup.onResponse(lookup.poll(0).get(0).peerId(), List.of(b));
    lookup.onResponse(lookup.poll(1).get(0).peerId(), List.of(c));
    lookup.onResponse(lookup.poll(2).get(0).peerId(), List.of());
    assertTrue(lookup.isFinished());
    assertEquals(3, lookup.stats().rounds());
    assertEquals(3, lookup.result().size());
  }
}
