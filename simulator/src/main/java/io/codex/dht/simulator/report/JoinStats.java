package io.codex.dht.simulator.report;

import java.util.List;

/**
 * How the network formed: nodes started at a steady rate, then a quiet period; the routing tables
 * sampled along the way.
 *
 * @param started nodes whose start completed
 * @param failedStarts nodes that could not start
 * @param seconds the length of the phase (starts plus settling), on the run's clock
 * @param fill the table sizes of the live nodes over time
 * @param tableSizes the table size of every live node at the end of the phase, in order of joining
 */
public record JoinStats(
    int started, long failedStarts, double seconds, List<TableSample> fill, int[] tableSizes) {
  /** Copies the list. */
  public JoinStats {
    fill = List.copyOf(fill);
  }

  /**
   * The table sizes of the live nodes at one moment.
   *
   * @param seconds time since the first start
   * @param live live nodes
   * @param mean mean entries per live node
   * @param p10 10th percentile
   * @param p50 median
   * @param p90 90th percentile
   */
  public record TableSample(double seconds, int live, double mean, int p10, int p50, int p90) {}
}
