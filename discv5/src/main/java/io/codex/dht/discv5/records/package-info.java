/**
 * Application records: signed key/value records kept by the nodes closest to a key, checked by a
 * {@link io.codex.dht.discv5.records.Validator} per namespace, carried by the TALKREQ protocol
 * {@code /codex-dht/values/1} (see docs/records.md).
 */
package io.codex.dht.discv5.records;
