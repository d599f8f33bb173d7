package io.codex.dht.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * In a running network the recipients' handshake checks really come from the worker (the speed-up
 * is not dead code), and without a worker they are all computed in place.
 */
class PrefetchingProfileTest {
  private static long prefetchedChecksAfterJoining(int cryptoThreads) {
    SimConfig config =
        SimConfig.defaults().toBuilder()
            .nodes(30)
            .seed(3)
            .scenarios(Set.of())
            .settle(Duration.ofSeconds(5))
            .cryptoThreads(cryptoThreads)
            .build();
    try (MemoryCluster cluster = new MemoryCluster(config)) {
      JoinPhase.run(cluster, config, Progress.NONE);
      assertEquals(30, cluster.liveCount());
      assertEquals(0, cluster.failedEvents());
      return cluster.prefetchedResults();
    }
  }

  @Test
  void aWorkerComputesTheRecipientsChecksAhead() {
    long taken = prefetchedChecksAfterJoining(1);
    assertTrue(taken > 30, "checks taken from the worker: " + taken);
  }

  @Test
  void withoutAWorkerNoCheckIsTakenFromOne() {
    assertEquals(0, prefetchedChecksAfterJoining(0));
  }
}
