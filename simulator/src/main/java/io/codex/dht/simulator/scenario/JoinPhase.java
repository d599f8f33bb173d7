package io.codex.dht.simulator.scenario;

import io.codex.dht.simulator.report.JoinStats;
import io.codex.dht.simulator.report.Samples;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Forms the network: starts the nodes one after another at the join rate, each bootstrapping from
 * up to three random live nodes, then lets it run for the settling time; samples the routing tables
 * along the way.
 */
final class JoinPhase {
  /** Table samples taken over the phase, about. */
  private static final int SAMPLES = 64;

  private static final long MIN_SAMPLE_NANOS = 250_000_000L;

  private JoinPhase() {}

  static JoinStats run(Cluster cluster, SimConfig config, Progress progress) {
    int n = config.nodes();
    progress.phase("join", n);
    long t0 = cluster.nowNanos();
    double step = 1e9 / config.joinRate();
    for (int i = 0; i < n; i++) {
      cluster.at(t0 + (long) (i * step), cluster::startNode);
    }
    long end = t0 + (long) ((n - 1) * step) + config.settle().toNanos();
    long every = Math.max(MIN_SAMPLE_NANOS, (end - t0) / SAMPLES);
    List<JoinStats.TableSample> fill = new ArrayList<>();
    for (long t = t0 + every; t <= end; t += every) {
      cluster.at(
          t,
          () -> {
            JoinStats.TableSample s = sample(cluster, t0);
            synchronized (fill) {
              fill.add(s);
            }
          });
    }
    cluster.runUntil(
        () -> false,
        end,
        () ->
            progress.update(Math.min(n, cluster.allNodes().size()), cluster.liveCount() + " live"));
    progress.update(n, cluster.liveCount() + " live");
    return new JoinStats(
        cluster.liveCount(),
        cluster.failedStarts(),
        (cluster.nowNanos() - t0) / 1e9,
        snapshot(fill),
        cluster.tableSizes());
  }

  private static List<JoinStats.TableSample> snapshot(List<JoinStats.TableSample> fill) {
    // UDP mode: the sampler runs on the driver thread; both sides use the list's lock.
    synchronized (fill) {
      return List.copyOf(fill);
    }
  }

  private static JoinStats.TableSample sample(Cluster cluster, long t0) {
    int[] sizes = cluster.tableSizes();
    double[] sorted = Samples.sorted(sizes);
    return new JoinStats.TableSample(
        (cluster.nowNanos() - t0) / 1e9,
        sizes.length,
        sizes.length == 0 ? 0 : Arrays.stream(sizes).average().orElse(0),
        (int) orZero(Samples.percentile(sorted, 0.10)),
        (int) orZero(Samples.percentile(sorted, 0.50)),
        (int) orZero(Samples.percentile(sorted, 0.90)));
  }

  private static double orZero(double v) {
    return Double.isNaN(v) ? 0 : v;
  }
}
