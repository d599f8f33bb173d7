package io.codex.dht.simulator.report;

/**
 * The outcome of a batch of lookups of random live node ids from random live nodes. A lookup
 * succeeds when its result holds the target's own record; latencies and rounds are over the lookups
 * that completed in time, failed ones included.
 *
 * @param requested lookups started (or that could not start for want of live nodes)
 * @param completed lookups that completed within the operation timeout
 * @param succeeded lookups that found the target
 * @param p50Ms median latency in milliseconds (NaN if none completed)
 * @param p95Ms 95th percentile latency
 * @param p99Ms 99th percentile latency
 * @param meanMs mean latency
 * @param medianRounds median rounds (the longest chain of answers; NaN if none completed)
 * @param meanRounds mean rounds
 * @param meanQueries mean FINDNODE requests sent per lookup
 * @param packetsPerLookup datagrams sent by all nodes while the batch ran (requests, answers,
 *     handshakes, and the background traffic of those seconds: pings of table entries), divided by
 *     the lookups of the batch; lost datagrams count (they were sent)
 * @param roundsHistogram {@code roundsHistogram[r]} = completed lookups that took {@code r} rounds
 * @param latenciesMs the latencies of the completed lookups, sorted (for charts)
 */
public record LookupStats(
    int requested,
    int completed,
    int succeeded,
    double p50Ms,
    double p95Ms,
    double p99Ms,
    double meanMs,
    double medianRounds,
    double meanRounds,
    double meanQueries,
    double packetsPerLookup,
    int[] roundsHistogram,
    double[] latenciesMs) {

  /** The share of requested lookups that found their target (NaN if none was requested). */
  public double successRate() {
    return Samples.ratio(succeeded, requested);
  }

  /** Lookups that did not complete within the operation timeout. */
  public int timedOut() {
    return requested - completed;
  }
}
