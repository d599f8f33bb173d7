package io.codex.dht.simulator.report;

import java.util.Map;

/**
 * The mixed scenario: our nodes next to stand-ins for deployed Codex nodes (nim-codex-dht v0.5).
 *
 * @param legacyNodes live nodes behaving as Codex v0.5 nodes
 * @param ourNodes live nodes of this implementation
 * @param legacyLookups lookups of random live nodes (either kind) started by Codex nodes
 * @param ourLookups lookups of random live nodes started by our nodes
 * @param serviceSearches service searches by our nodes that advertise nothing
 * @param serviceRecall the share of a service's advertisers (our nodes) one search returned
 * @param providersOursToLegacy keys announced by our nodes and looked up by Codex nodes
 * @param providersOursToLegacyFound of those, lookups that returned the announcer
 * @param providersLegacyToOurs keys announced by Codex nodes and looked up by our nodes
 * @param providersLegacyToOursFound of those, lookups that returned the announcer
 * @param undecodable messages and handshake records a Codex node could not decode (target 0)
 * @param withheld records left out of answers to Codex nodes, by reason
 * @param plainRelayed Logos records replaced by the peer's plain form of the same seq in answers to
 *     Codex nodes
 * @param plainPresented times our own plain record was presented instead of the full one
 * @param fullRequested FINDNODE [0] sent to fetch a peer's full record
 */
public record MixedStats(
    int legacyNodes,
    int ourNodes,
    LookupStats legacyLookups,
    LookupStats ourLookups,
    int serviceSearches,
    double serviceRecall,
    int providersOursToLegacy,
    int providersOursToLegacyFound,
    int providersLegacyToOurs,
    int providersLegacyToOursFound,
    long undecodable,
    Map<String, Long> withheld,
    long plainRelayed,
    long plainPresented,
    long fullRequested) {

  /** Copies the map. */
  public MixedStats {
    withheld = Map.copyOf(withheld);
  }

  /** Providers announced by our nodes found by Codex nodes, as a share. */
  public double oursToLegacyRate() {
    return Samples.ratio(providersOursToLegacyFound, providersOursToLegacy);
  }

  /** Providers announced by Codex nodes found by our nodes, as a share. */
  public double legacyToOursRate() {
    return Samples.ratio(providersLegacyToOursFound, providersLegacyToOurs);
  }

  /** Records withheld in total. */
  public long withheldTotal() {
    return withheld.values().stream().mapToLong(Long::longValue).sum();
  }
}
