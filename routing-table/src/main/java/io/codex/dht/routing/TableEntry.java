package io.codex.dht.routing;

/**
 * A snapshot of one live table entry and its metadata.
 *
 * @param record the stored record
 * @param seen the seen score: 0 until the first successful exchange, then 1.0, then {@code 0.9 *
 *     old + 0.1 * outcome} per exchange
 * @param lastSeenMillis the {@code nowMillis} of the last success, or {@link Long#MIN_VALUE} if
 *     never
 * @param bootstrap whether the entry is a bootstrap entry (never removed)
 * @param inbound whether the entry was stored because the peer contacted us first
 * @param <R> the record type
 */
public record TableEntry<R>(
    R record, double seen, long lastSeenMillis, boolean bootstrap, boolean inbound) {}
