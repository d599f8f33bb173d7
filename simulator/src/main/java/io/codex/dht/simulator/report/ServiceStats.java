package io.codex.dht.simulator.report;

/**
 * Service discovery: each service advertised by a set of random nodes, then searched for by other
 * random nodes asking for as many peers as there are advertisers. Recall is the share of a
 * service's advertisers one search returns, averaged over the searches.
 *
 * @param services services advertised
 * @param advertisersPerService nodes advertising each service
 * @param queries searches made (timed-out ones count with recall 0)
 * @param recall mean recall
 * @param fullRecallRate the share of searches that returned every advertiser
 * @param p50Ms median search latency in milliseconds
 * @param p95Ms 95th percentile search latency
 */
public record ServiceStats(
    int services,
    int advertisersPerService,
    int queries,
    double recall,
    double fullRecallRate,
    double p50Ms,
    double p95Ms) {}
