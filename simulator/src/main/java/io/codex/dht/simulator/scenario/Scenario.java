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
  CHURN;

  /** The name on the command line and in reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every scenario. */
  public static Set<Scenario> all() {
    return EnumSet.allOf(Scenario.class);
  }
}
