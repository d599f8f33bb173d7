/** The simulator module (see the README's module map). */
package io.codex.dht.simulator;
