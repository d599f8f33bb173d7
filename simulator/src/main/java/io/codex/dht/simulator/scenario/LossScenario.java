package io.codex.dht.simulator.scenario;

import io.codex.dht.simulator.report.LookupStats;
import io.codex.dht.simulator.report.LossStats;
import java.util.Random;

/**
 * Loss: the lookup probe while a share of every packet is dropped (the loss scenario's rate, or the
 * run's own rate when that is higher); the previous rate comes back afterwards.
 */
final class LossScenario {
  private LossScenario() {}

  static LossStats run(Cluster cluster, SimConfig config, Progress progress, Random random) {
    double before = cluster.lossRate();
    double rate = Math.max(before, config.lossScenarioRate());
    cluster.setLossRate(rate);
    try {
      LookupStats stats =
          LookupProbe.run(
              cluster,
              progress,
              "loss " + Math.round(rate * 100) + "%",
              config.lookups(),
              config.opsPerSecond(),
              random,
              config.opTimeout());
      return new LossStats(rate, stats);
    } finally {
      cluster.setLossRate(before);
    }
  }
}
