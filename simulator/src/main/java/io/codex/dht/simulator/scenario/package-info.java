/**
 * Simulation runs: a {@link io.codex.dht.simulator.scenario.Cluster} of production nodes (in memory
 * on virtual time, or on loopback UDP), the joining phase and the scenarios that measure lookups,
 * content routing, service discovery, loss and churn.
 */
package io.codex.dht.simulator.scenario;
