package io.codex.dht.simulator.report;

/**
 * Content routing: CIDs announced by random nodes, then looked up from other random nodes. A lookup
 * succeeds when the announcer is among the providers returned.
 *
 * @param cids CIDs announced (one announcer each)
 * @param announced announcements that completed in time
 * @param announceP50Ms median announcement latency in milliseconds
 * @param succeeded lookups that returned the announcer
 * @param p50Ms median lookup latency (of completed lookups)
 * @param p95Ms 95th percentile lookup latency
 */
public record ProviderStats(
    int cids, int announced, double announceP50Ms, int succeeded, double p50Ms, double p95Ms) {
  /** The share of CIDs whose announcer was found (NaN without CIDs). */
  public double successRate() {
    return Samples.ratio(succeeded, cids);
  }
}
