package io.codex.dht.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.discv5.LookupResult;
import io.codex.dht.discv5.LookupTrace;
import io.codex.dht.discv5.LookupTrace.Outcome;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.SignedPeerRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A lookup's trace on the in-memory network, where a quarter of the nodes left silently: its
 * rounds, answers, timeouts and final set match what the lookup did and returned.
 */
class LookupTraceTest {
  private static final int NODES = 40;
  private static final int LEAVING = 10;

  private static <T> T await(MemoryCluster cluster, CompletableFuture<T> f) {
    assertTrue(cluster.runUntil(f::isDone, cluster.nowNanos() + 120_000_000_000L, () -> {}));
    return f.join();
  }

  @Test
  void theTraceShowsWhoWasAskedWhoAnsweredWhoTimedOutAndTheFinalSet() {
    SimConfig config =
        SimConfig.defaults().toBuilder()
            .nodes(NODES)
            .seed(18)
            .scenarios(Set.of())
            .settle(Duration.ofSeconds(5))
            .cryptoThreads(0)
            .build();
    try (MemoryCluster cluster = new MemoryCluster(config)) {
      JoinPhase.run(cluster, config, Progress.NONE);
      assertEquals(NODES, cluster.liveCount());
      List<SimNode> all = cluster.allNodes();
      Set<NodeId> gone = new HashSet<>();
      for (SimNode n : all.subList(NODES - LEAVING, NODES)) {
        gone.add(n.id());
        cluster.stopNode(n);
      }
      // Look up a node that left, from a live node that still holds it: the lookup asks it.
      SimNode absent = all.get(NODES - 1);
      SimNode from = null;
      for (SimNode n : all.subList(0, NODES - LEAVING)) {
        List<SignedPeerRecord> entries = await(cluster, n.node().tableEntries());
        if (entries.stream().anyMatch(r -> r.nodeId().equals(absent.id()))) {
          from = n;
          break;
        }
      }
      assertTrue(from != null, "a live node still holds the absent node");

      LookupResult result = await(cluster, from.node().lookupTraced(absent.id()));
      LookupTrace trace = result.trace().orElseThrow();

      assertEquals(absent.id(), trace.target());
      assertEquals(result.queries(), trace.queries(), "every query is in the trace");
      List<LookupTrace.Query> queries = new ArrayList<>();
      trace.rounds().forEach(r -> queries.addAll(r.queries()));
      assertEquals(result.queries(), queries.size());
      assertEquals(1, trace.rounds().get(0).number(), "the seeds are round 1");

      int answeredRounds = 0;
      int timeouts = 0;
      boolean askedAbsent = false;
      for (LookupTrace.Round round : trace.rounds()) {
        for (LookupTrace.Query q : round.queries()) {
          assertEquals(absent.id().logDistance(q.peer()), q.distance());
          if (q.outcome() == Outcome.ANSWERED) {
            assertFalse(gone.contains(q.peer()), "a node that left answered: " + q);
            assertTrue(q.tookMillis() >= 0);
            answeredRounds = Math.max(answeredRounds, round.number());
          } else {
            assertEquals(Outcome.TIMEOUT, q.outcome(), q.toString());
            assertTrue(gone.contains(q.peer()), "a live node timed out: " + q);
            assertEquals(0, q.records());
            timeouts++;
          }
          askedAbsent |= q.peer().equals(absent.id());
        }
      }
      assertTrue(askedAbsent, "the absent target itself was asked");
      assertTrue(timeouts > 0);
      assertEquals(timeouts, trace.timeouts());
      assertEquals(result.rounds(), answeredRounds, "rounds as the lookup counts them");

      int previous = Integer.MAX_VALUE;
      for (LookupTrace.Round round : trace.rounds()) {
        assertTrue(round.closestSoFar() <= previous, "the closest distance never grows");
        assertTrue(round.closestSoFar() <= round.closestAsked());
        previous = round.closestSoFar();
      }

      List<NodeId> finalSet = new ArrayList<>();
      trace.closest().forEach(h -> finalSet.add(h.nodeId()));
      List<NodeId> resultSet = new ArrayList<>();
      result.closest().forEach(r -> resultSet.add(r.nodeId()));
      assertFalse(finalSet.isEmpty());
      assertEquals(resultSet, finalSet, "the final set is the lookup's result");
      assertTrue(finalSet.stream().noneMatch(gone::contains));

      LookupResult untraced = await(cluster, from.node().lookup(absent.id()));
      assertTrue(untraced.trace().isEmpty(), "no trace unless asked for");
    }
  }
}
