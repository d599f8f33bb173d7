package io.codex.dht.simulator.scenario;

import io.codex.dht.simulator.report.LookupStats;
import io.codex.dht.simulator.report.LossStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Loss: the lookup probe while a share of every packet is dropped, once per rate of the loss
 * scenario, in order (a rate below the run's own counts as the run's rate); the previous rate comes
 * back afterwards.
 */
final class LossScenario {
  private LossScenario() {}

  static List<LossStats> run(Cluster cluster, SimConfig config, Progress progress, Random random) {
    double before = cluster.lossRate();
    List<LossStats> out = new ArrayList<>();
    try {
      for (double r : config.lossScenarioRates()) {
        double rate = Math.max(before, r);
        cluster.setLossRate(rate);
        LookupStats stats =
            LookupProbe.run(
                cluster,
                progress,
                "loss " + Math.round(rate * 100) + "%",
                config.lookups(),
                config.opsPerSecond(),
                random,
                config.opTimeout());
        out.add(new LossStats(rate, stats));
      }
      return out;
    } finally {
      cluster.setLossRate(before);
    }
  }
}
