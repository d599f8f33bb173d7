package io.codex.dht.simulator.scenario;

import io.codex.dht.simulator.report.ChurnStats;
import io.codex.dht.simulator.report.LookupStats;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Churn: for the churn duration, a random live node leaves (stops without notice) at a steady rate,
 * and each time a new node (fresh key and address) joins through three random live nodes, so the
 * size of the network stays the same; meanwhile the lookup probe runs at a steady pace.
 *
 * <p>At {@code p} percent per minute over {@code d} seconds, {@code round(nodes * p / 100 * d /
 * 60)} nodes leave and as many join.
 */
final class ChurnScenario {
  private ChurnScenario() {}

  static ChurnStats run(Cluster cluster, SimConfig config, Progress progress, Random random) {
    long duration = config.churnDuration().toNanos();
    int events =
        (int)
            Math.round(
                config.nodes() * config.churnPerMinute() / 100.0 * duration / 60_000_000_000.0);
    long t0 = cluster.nowNanos();
    AtomicInteger left = new AtomicInteger();
    AtomicInteger joined = new AtomicInteger();
    Random churnRandom = new Random(random.nextLong());
    for (int i = 0; i < events; i++) {
      // Events sit in the middle of equal slices of the duration.
      long at = t0 + (long) ((i + 0.5) * duration / events);
      cluster.at(
          at,
          () -> {
            SimNode victim = cluster.randomLive(churnRandom, null);
            if (victim != null) {
              cluster.stopNode(victim);
              left.incrementAndGet();
            }
            cluster.startNode();
            joined.incrementAndGet();
          });
    }
    int lookups = config.lookups();
    double seconds = duration / 1e9;
    LookupStats stats =
        seconds <= 0 || lookups == 0
            ? LookupProbe.stats(java.util.List.of(), Double.NaN)
            : LookupProbe.run(
                cluster,
                progress,
                "churn",
                lookups,
                lookups / seconds,
                new Random(random.nextLong()),
                config.opTimeout());
    // The lookups may end before the last churn event; finish the churn period.
    cluster.runUntil(() -> false, Math.max(cluster.nowNanos(), t0 + duration), () -> {});
    return new ChurnStats(config.churnPerMinute(), seconds, left.get(), joined.get(), stats);
  }
}
