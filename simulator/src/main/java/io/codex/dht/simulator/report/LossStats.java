package io.codex.dht.simulator.report;

/**
 * Lookups while a share of all packets is dropped.
 *
 * @param rate the loss rate during the lookups
 * @param lookups the lookups
 */
public record LossStats(double rate, LookupStats lookups) {}
