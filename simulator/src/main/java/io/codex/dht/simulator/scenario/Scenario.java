package io.codex.dht.simulator.scenario;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A measurement the simulator can run after the network has joined; they run in this order. */
public enum Scenario {
  /** Lookups of random existing node ids from random nodes. */
  LOOKUP,
  /** Content announced by random nodes and looked up from others. */
  PROVIDERS,
  /** Services advertised by some nodes and searched for by others. */
  SERVICES,
  /** Lookups while a share of the packets is dropped. */
  LOSS,
  /** Lookups while nodes leave and join at a steady rate. */
  CHURN,
  /**
   * Our nodes next to stand-ins for deployed Codex nodes ({@code --legacy-share}): lookups,
   * services and providers across the two kinds (not in all).
   */
  MIXED,
  /** Security test E4: sybils from a few /24s try to eclipse a restarting victim (not in all). */
  ECLIPSE,
  /** Security test G2: a flood of ADD_PROVIDER from sybils at one victim's store (not in all). */
  PROVIDER_SPAM,
  /** Application records put by random nodes and got from others (not in all). */
  RECORDS;

  /** The name on the command line and in reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The scenarios of a default run: every one except the attack scenarios. */
  public static Set<Scenario> all() {
    return EnumSet.of(LOOKUP, PROVIDERS, SERVICES, LOSS, CHURN);
  }

  /** Whether this scenario is an attack scenario, run only when named. */
  public boolean isAttack() {
    return this == ECLIPSE || this == PROVIDER_SPAM;
  }
}
