package io.codex.dht.discv5.records;

import java.util.Optional;

/**
 * The outcome of a get.
 *
 * @param record the selected record, if any valid one was found
 * @param answered nodes that answered
 * @param invalid answers refused by validation (forged, expired, wrong key ...)
 * @param corrected stale or empty holders sent the selected record (and this node, when it held an
 *     older one)
 */
public record GetResult(Optional<ValueRecord> record, int answered, int invalid, int corrected) {}
