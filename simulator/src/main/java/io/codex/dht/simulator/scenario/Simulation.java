package io.codex.dht.simulator.scenario;

import io.codex.dht.simulator.report.ChurnStats;
import io.codex.dht.simulator.report.EclipseStats;
import io.codex.dht.simulator.report.JoinStats;
import io.codex.dht.simulator.report.LookupStats;
import io.codex.dht.simulator.report.LossStats;
import io.codex.dht.simulator.report.MixedStats;
import io.codex.dht.simulator.report.ProviderSpamStats;
import io.codex.dht.simulator.report.ProviderStats;
import io.codex.dht.simulator.report.RecordStats;
import io.codex.dht.simulator.report.RunReport;
import io.codex.dht.simulator.report.ServiceStats;
import java.util.List;
import java.util.Random;

/**
 * One simulation run: forms the network, runs the chosen scenarios in order (lookup, providers,
 * services, loss, churn, eclipse, provider-spam) and reports what they measured.
 */
public final class Simulation {
  private Simulation() {}

  /** Runs {@code config}, telling {@code progress} how far it got. */
  public static RunReport run(SimConfig config, Progress progress) {
    long wallStart = System.nanoTime();
    CpuClock cpu = new CpuClock();
    try (HeapWatch heap = new HeapWatch();
        Cluster cluster =
            config.transport() == SimConfig.Transport.MEMORY
                ? new MemoryCluster(config)
                : new UdpCluster(config)) {
      long simStart = cluster.nowNanos();
      JoinStats join = JoinPhase.run(cluster, config, progress);
      LookupStats lookup =
          config.runs(Scenario.LOOKUP)
              ? LookupProbe.run(
                  cluster,
                  progress,
                  "lookups",
                  config.lookups(),
                  config.opsPerSecond(),
                  random(config, Scenario.LOOKUP),
                  config.opTimeout())
              : null;
      ProviderStats providers =
          config.runs(Scenario.PROVIDERS)
              ? ProviderScenario.run(cluster, config, progress, random(config, Scenario.PROVIDERS))
              : null;
      ServiceStats services =
          config.runs(Scenario.SERVICES)
              ? ServiceScenario.run(cluster, config, progress, random(config, Scenario.SERVICES))
              : null;
      List<LossStats> loss =
          config.runs(Scenario.LOSS)
              ? LossScenario.run(cluster, config, progress, random(config, Scenario.LOSS))
              : null;
      ChurnStats churn =
          config.runs(Scenario.CHURN)
              ? ChurnScenario.run(cluster, config, progress, random(config, Scenario.CHURN))
              : null;
      MixedStats mixed =
          config.runs(Scenario.MIXED)
              ? MixedScenario.run(cluster, config, progress, random(config, Scenario.MIXED))
              : null;
      EclipseStats eclipse =
          config.runs(Scenario.ECLIPSE)
              ? EclipseScenario.run(cluster, config, progress, random(config, Scenario.ECLIPSE))
              : null;
      ProviderSpamStats spam =
          config.runs(Scenario.PROVIDER_SPAM)
              ? ProviderSpamScenario.run(
                  cluster, config, progress, random(config, Scenario.PROVIDER_SPAM))
              : null;
      RecordStats records =
          config.runs(Scenario.RECORDS)
              ? RecordScenario.run(cluster, config, progress, random(config, Scenario.RECORDS))
              : null;
      RunReport.Network network =
          new RunReport.Network(
              cluster.packetsSent(),
              cluster.bytesSent(),
              cluster.packetsDropped(),
              cluster.messagesSent(),
              cluster.requestTimeouts());
      long failed = cluster instanceof MemoryCluster m ? m.failedEvents() : 0;
      double simulated = (cluster.nowNanos() - simStart) / 1e9;
      progress.finish();
      return new RunReport(
          config,
          join,
          lookup,
          providers,
          services,
          loss,
          churn,
          mixed,
          eclipse,
          spam,
          network,
          simulated,
          failed,
          heap.peakBytes(),
          heap.peakAfterGcBytes(),
          (System.nanoTime() - wallStart) / 1e9,
          cpu.threadSeconds(),
          cpu.processSeconds(),
          records);
    }
  }

  private static Random random(SimConfig config, Scenario scenario) {
    return new Random(Seeds.derive(config.seed(), scenario.label()));
  }
}
