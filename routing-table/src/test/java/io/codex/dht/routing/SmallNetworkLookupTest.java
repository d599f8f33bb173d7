package io.codex.dht.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A three-node network: the searcher knows only the bootstrap node, which knows one other node at a
 * log distance the Codex choice of distances does not ask it for. The lookup must still find it.
 */
class SmallNetworkLookupTest {
  private final SplittableRandom random = new SplittableRandom(8);
  private final NodeId local = NodeId.random(random);
  private final TestRecord boot = new TestRecord(NodeId.random(random), 1, TestRecord.uniqueIp(1));
  // At distance 250 from the bootstrap node: outside [td, td+1, td-1] for almost every target.
  private final TestRecord other =
      new TestRecord(boot.id().randomAtDistance(250, random), 1, TestRecord.uniqueIp(2));

  /** Runs a lookup of {@code target} where the bootstrap node answers FINDNODE honestly. */
  private List<TestRecord> run(NodeId target, LookupConfig config) {
    Lookup<TestRecord> lookup = new Lookup<>(target, local, List.of(boot), TestRecord.VIEW, config);
    long now = 0;
    while (!lookup.isFinished()) {
      for (QueryRequest<TestRecord> q : lookup.poll(now++)) {
        List<TestRecord> answer = new ArrayList<>();
        if (q.peerId().equals(boot.id())
            && q.distances().contains(boot.id().logDistance(other.id()))) {
          answer.add(other);
        }
        lookup.onResponse(q.peerId(), answer);
      }
    }
    return lookup.result();
  }

  @Test
  void theOnlyOtherNodeIsFoundWhateverTheTarget() {
    for (int i = 0; i < 50; i++) {
      NodeId target = NodeId.random(random);
      assertEquals(List.of(boot, other).size(), run(target, LookupConfig.DEFAULT).size(), "" + i);
    }
  }

  @Test
  void controlThePlainCodexLookupMissesIt() {
    int missed = 0;
    for (int i = 0; i < 50; i++) {
      if (run(NodeId.random(random), LookupConfig.DEFAULT.withCompletion(false)).size() < 2) {
        missed++;
      }
    }
    assertTrue(missed > 40, "missed " + missed + " of 50");
  }
}
