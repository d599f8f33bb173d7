package io.codex.dht.discv5;

/**
 * The node's package-private defence switches, for the simulator's security tests and their
 * negative controls (the discv5 tests use the same fields directly). Test code only: it lives in
 * the simulator's test sources, in the discv5 package, and is no production switch.
 */
public final class SimDefenceSwitches {
  private SimDefenceSwitches() {}

  /**
   * Lets {@code node} relay table entries in FINDNODE answers whatever their seen score, so that
   * entries that never answered a PING are offered too (the seen rule of security test E3 off).
   * Runs on the node's thread.
   */
  public static void relayUnverified(Discv5Node node) {
    node.scheduler().execute(() -> node.core().relayMinSeen = 0.0);
  }
}
