/**
 * What a simulation run measured ({@link io.codex.dht.simulator.report.RunReport}) and its
 * renderings: console table, JSON summary, PNG charts and an HTML page.
 */
package io.codex.dht.simulator.report;
