package io.codex.dht.simulator;

/** Thrown when something awaited in a simulation did not happen before a virtual deadline. */
public final class SimulationTimeoutException extends RuntimeException {
  /** An exception with {@code message}. */
  public SimulationTimeoutException(String message) {
    super(message);
  }
}
