package io.codex.dht.discv5.records;

/**
 * The outcome of a put.
 *
 * @param record the record signed and put
 * @param asked the closest nodes the record was sent to
 * @param storedAt how many of them (and this node, when among the closest) accepted it
 */
public record PutResult(ValueRecord record, int asked, int storedAt) {}
