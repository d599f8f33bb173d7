package io.codex.dht.simulator.report;

import java.util.List;
import java.util.Map;

/**
 * Security test G2: a flood of ADD_PROVIDER for random CIDs from sybil node ids spread over a few
 * /24s, at one victim's provider store, once with the store's limits and once with them off.
 *
 * @param messages ADD_PROVIDER messages sent per phase
 * @param senders sybil node ids
 * @param subnets /24 subnets the senders are spread over
 * @param floodSeconds simulated time the flood lasted
 * @param phases the defended store, then the negative control
 */
public record ProviderSpamStats(
    int messages, int senders, int subnets, double floodSeconds, List<Phase> phases) {
  /** Copies the list. */
  public ProviderSpamStats {
    phases = List.copyOf(phases);
  }

  /**
   * One flood at one victim.
   *
   * @param limits whether the store kept its limits (off: negative control)
   * @param maxRecords the store's record cap (0: none)
   * @param maxBytes the store's byte cap (0: none)
   * @param received ADD_PROVIDER the victim's store was offered
   * @param stored records in the store after the flood
   * @param storedBytes their encoded bytes
   * @param heapGrowthBytes heap in use after a collection, after the flood minus before it
   * @param maxPerIdPerSecond the most adds accepted from one node id in one simulated second
   * @param maxPerIdSustained the most adds accepted from one node id, per second of flood
   * @param maxPerSubnetPerSecond the most adds accepted from one /24 in one simulated second
   * @param maxSubnetShare the largest share of the record cap (or of the records stored, without a
   *     cap) that entries from one /24 hold
   * @param honestLookups honest getProviders made during the flood
   * @param honestFound those that returned the honest provider
   * @param addsArrived ADD_PROVIDER messages the victim decrypted and decoded, from anyone
   * @param victimDrops packets the victim's session layer dropped during the phase, by reason
   */
  public record Phase(
      boolean limits,
      long maxRecords,
      long maxBytes,
      long received,
      int stored,
      long storedBytes,
      long heapGrowthBytes,
      int maxPerIdPerSecond,
      double maxPerIdSustained,
      int maxPerSubnetPerSecond,
      double maxSubnetShare,
      int honestLookups,
      int honestFound,
      long addsArrived,
      Map<String, Long> victimDrops) {
    /** Copies the map. */
    public Phase {
      victimDrops = Map.copyOf(victimDrops);
    }

    /** Share of honest lookups that found the provider. */
    public double honestRate() {
      return Samples.ratio(honestFound, honestLookups);
    }
  }
}
