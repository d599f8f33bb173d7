/** The {@code simulator} command line: options, progress bar, exit codes. */
package io.codex.dht.simulator.cli;
