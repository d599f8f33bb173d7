/**
 * The node's data directory: its key, own record and seq, announced CIDs, the highest seq seen per
 * peer, bootstrap seeds from the last routing table, and the provider records it stores, in one
 * embedded crash-safe store (H2 MVStore) under an exclusive lock.
 */
package io.codex.dht.discv5.store;
