package io.codex.dht.simulator.report;

/**
 * Lookups while nodes leave (stop without notice) and as many new nodes join, at a steady rate.
 *
 * @param percentPerMinute the share of the nodes replaced per minute
 * @param seconds how long the churn lasted
 * @param left nodes that left
 * @param joined nodes that joined
 * @param lookups the lookups made during the churn (random live source and target)
 */
public record ChurnStats(
    double percentPerMinute, double seconds, int left, int joined, LookupStats lookups) {}
