package io.codex.dht.simulator.scenario;

import io.codex.dht.discv5.LookupResult;
import io.codex.dht.simulator.report.LookupStats;
import io.codex.dht.simulator.report.Samples;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Lookups of random live node ids from other random live nodes, started at a steady pace; the
 * measurement behind the lookup, loss and churn scenarios.
 */
final class LookupProbe {
  private LookupProbe() {}

  /**
   * Runs {@code count} lookups, {@code perSecond} per second; source and target are drawn from the
   * live nodes at the moment each lookup starts (never the same node).
   */
  static LookupStats run(
      Cluster cluster,
      Progress progress,
      String phase,
      int count,
      double perSecond,
      Random random,
      java.time.Duration timeout) {
    long packetsBefore = cluster.packetsSent();
    List<PacedOps.Outcome<LookupResult>> outcomes =
        PacedOps.run(
            cluster,
            progress,
            phase,
            count,
            perSecond,
            timeout,
            i -> {
              SimNode from = cluster.randomLive(random, null);
              SimNode to = from == null ? null : cluster.randomLive(random, from);
              return to == null ? null : from.node().lookup(to.id());
            });
    long packets = cluster.packetsSent() - packetsBefore;
    return stats(outcomes, outcomes.isEmpty() ? Double.NaN : (double) packets / outcomes.size());
  }

  /**
   * Summarises lookup outcomes; {@code packetsPerLookup} is the traffic of the measurement divided
   * by its lookups.
   */
  static LookupStats stats(List<PacedOps.Outcome<LookupResult>> outcomes, double packetsPerLookup) {
    int completed = 0;
    int succeeded = 0;
    double queries = 0;
    int n = (int) outcomes.stream().filter(PacedOps.Outcome::completed).count();
    double[] latencies = new double[n];
    int[] rounds = new int[n];
    for (PacedOps.Outcome<LookupResult> o : outcomes) {
      if (!o.completed()) {
        continue;
      }
      latencies[completed] = o.latencyNanos() / 1e6;
      LookupResult r = o.value();
      if (r != null) {
        rounds[completed] = r.rounds();
        queries += r.queries();
        if (r.targetRecord().isPresent()) {
          succeeded++;
        }
      }
      completed++;
    }
    Arrays.sort(latencies);
    double[] sortedRounds = Samples.sorted(rounds);
    return new LookupStats(
        outcomes.size(),
        completed,
        succeeded,
        Samples.percentile(latencies, 0.50),
        Samples.percentile(latencies, 0.95),
        Samples.percentile(latencies, 0.99),
        Samples.mean(latencies),
        Samples.percentile(sortedRounds, 0.50),
        Samples.mean(sortedRounds),
        completed == 0 ? Double.NaN : queries / completed,
        packetsPerLookup,
        Samples.histogram(rounds),
        latencies);
  }
}
