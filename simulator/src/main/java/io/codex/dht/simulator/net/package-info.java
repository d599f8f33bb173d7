/**
 * The in-memory network of a simulation: {@link io.codex.dht.simulator.net.SimNetwork} with its
 * latency, loss and partitions, the per-node {@link io.codex.dht.simulator.net.SimTransport}, and
 * seeded public-looking addresses.
 */
package io.codex.dht.simulator.net;
