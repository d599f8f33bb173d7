package io.codex.dht.routing;

/**
 * Counters of one {@link Lookup}.
 *
 * @param rounds the longest chain of answered queries (seeds answering = 1 round)
 * @param queries queries handed out by {@link Lookup#poll}, completion queries included
 * @param completionQueries completion queries among them
 * @param responses responses accepted
 * @param failures queries that failed, timeouts included
 * @param timeouts queries failed by {@link Lookup#poll} because they exceeded the per-peer timeout
 * @param ignoredResponses responses and failures reported for peers with no query in flight
 * @param nodesSeen distinct node ids met (seeds included, the local node excluded)
 * @param stalls queries that stalled (passed their stall time unanswered and freed their slot)
 * @param lateResponses responses accepted from stalled queries
 */
public record LookupStats(
    int rounds,
    int queries,
    int completionQueries,
    int responses,
    int failures,
    int timeouts,
    int ignoredResponses,
    int nodesSeen,
    int stalls,
    int lateResponses) {}
