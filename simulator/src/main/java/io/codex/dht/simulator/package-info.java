/**
 * Deterministic simulation infrastructure: a single-threaded discrete-event loop on a virtual clock
 * ({@link io.codex.dht.simulator.EventLoop}) and the per-node scheduler that runs production node
 * code on it ({@link io.codex.dht.simulator.VirtualScheduler}); the in-memory network is in {@code
 * io.codex.dht.simulator.net}.
 */
package io.codex.dht.simulator;
