package io.codex.dht.simulator.report;

import java.util.List;

/**
 * Security test E4: an attacker with S /24 subnets of ground sybil ids against a victim that
 * restarts from honest seeds, with the subnet limits (table and lookup) on, with three disjoint
 * lookup paths and with one, with the limits off, and with them and the table's cap on inbound
 * entries off.
 *
 * @param honestNodes honest nodes in the network
 * @param attackSeconds simulated time the attack ran before the table was measured
 * @param failedEvents tasks that threw in the victims' networks (0 in a sound run)
 * @param runs one entry per attacker size and victim setting
 */
public record EclipseStats(
    int honestNodes, double attackSeconds, long failedEvents, List<Run> runs) {
  /** Copies the list. */
  public EclipseStats {
    runs = List.copyOf(runs);
  }

  /**
   * One victim under one attacker.
   *
   * @param subnets the attacker's /24 subnets (S)
   * @param ipLimits whether the victim's table and lookups had their subnet limits on (off:
   *     negative control)
   * @param inboundCap whether the victim's table kept its cap of 8 inbound entries per bucket
   * @param paths the victim's disjoint lookup paths (1: a single path)
   * @param sybils the attacker's ground ids
   * @param tableEntries the victim's table entries after the attack ran
   * @param attackerEntries how many of them are the attacker's
   * @param lookups random-target lookups started from the victim
   * @param withHonest lookups whose 16 closest results hold at least one honest node (one no
   *     attacker of the run controls)
   * @param withTrueClosest lookups whose results hold at least 8 of the 16 honest nodes truly
   *     closest to the target
   * @param meanHonest honest nodes among the results, mean over the lookups
   * @param pings PINGs the attacker sent the victim
   * @param findNodes FINDNODE requests the attacker answered (from anyone)
   */
  public record Run(
      int subnets,
      boolean ipLimits,
      boolean inboundCap,
      int paths,
      int sybils,
      int tableEntries,
      int attackerEntries,
      int lookups,
      int withHonest,
      int withTrueClosest,
      double meanHonest,
      long pings,
      long findNodes) {
    /** The attacker's share of the victim's table (NaN for an empty table). */
    public double attackerShare() {
      return Samples.ratio(attackerEntries, tableEntries);
    }

    /** The run's defences in words. */
    public String defences() {
      return describe(ipLimits, inboundCap, paths);
    }

    /** A victim's defences in words, as {@link #defences}. */
    public static String describe(boolean ipLimits, boolean inboundCap, int paths) {
      String p = paths == 1 ? "1 path" : paths + " paths";
      if (ipLimits) {
        return "subnet limits, " + p;
      }
      return (inboundCap ? "no subnet limits, " : "no limits, no inbound cap, ") + p;
    }

    /** The bound on the attacker's entries that the IP limits promise: 10 per /24. */
    public int bound() {
      return 10 * subnets;
    }

    /** Share of lookups with at least one honest node among the results. */
    public double honestRate() {
      return Samples.ratio(withHonest, lookups);
    }

    /** Share of lookups with at least 8 of the true 16 closest honest nodes. */
    public double trueClosestRate() {
      return Samples.ratio(withTrueClosest, lookups);
    }
  }
}
