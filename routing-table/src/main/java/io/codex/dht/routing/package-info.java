/**
 * The routing-table module: a Kademlia table over XOR distance and the lookup state machine.
 *
 * <p>{@link io.codex.dht.routing.RoutingTable} stores peer records of any type {@code R} (through a
 * {@link io.codex.dht.routing.RecordView}) in 256 buckets by log distance, with replacement caches,
 * "seen" scores, IP-diversity and inbound limits. {@link io.codex.dht.routing.Lookup} drives one
 * iterative FINDNODE lookup. Both are pure logic: no threads, no I/O, no clock reads (time is
 * passed in) and randomness comes from an injected {@link java.util.random.RandomGenerator}.
 * Neither is thread-safe; the node confines them to its owner thread.
 */
package io.codex.dht.routing;
