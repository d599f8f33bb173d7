package io.codex.dht.simulator.report;

/**
 * Application records: records put by random nodes, then got from other random nodes. A get
 * succeeds when it returns the record put.
 *
 * @param records records put (one publisher each)
 * @param put puts that completed in time
 * @param putP50Ms median put latency in milliseconds
 * @param meanStoredAt mean number of nodes that accepted a put (of the 16 closest)
 * @param succeeded gets that returned the record put
 * @param p50Ms median get latency (of completed gets)
 * @param p95Ms 95th percentile get latency
 */
public record RecordStats(
    int records,
    int put,
    double putP50Ms,
    double meanStoredAt,
    int succeeded,
    double p50Ms,
    double p95Ms) {
  /** The share of records got back (NaN without records). */
  public double successRate() {
    return Samples.ratio(succeeded, records);
  }
}
