package io.codex.dht.discv5;

/**
 * Round-trip estimation and the timings derived from it outside a lookup (see {@link
 * RttEstimator}); the lookup's own stall rule is in {@link io.codex.dht.routing.LookupConfig}.
 *
 * @param initialMillis the timeout estimate before any round trip was measured (RFC 6298: 1 s)
 * @param floorMillis the least the estimate may be, however fast the peers answer
 * @param ceilingMillis the most the estimate may be, however slow the peers answer
 * @param maxPeers peers with an estimate of their own at most (least recently used dropped first)
 * @param partGraceFloorMillis the least time the remaining messages of a multi-message NODES or
 *     PROVIDERS answer are waited for once one arrived, before the request delivers what came
 * @param partGraceFactor that wait as a share of the peer's timeout estimate (when larger than the
 *     floor); 0 waits only the floor
 */
public record RttConfig(
    long initialMillis,
    long floorMillis,
    long ceilingMillis,
    int maxPeers,
    long partGraceFloorMillis,
    double partGraceFactor) {

  /**
   * 1 s before any measurement, estimates between 50 ms and 1 s, 1,024 peers, the rest of an answer
   * waited for a tenth of the estimate, at least 40 ms (chosen by measurement, see docs/design.md).
   */
  public static final RttConfig DEFAULT = new RttConfig(1_000, 50, 1_000, 1_024, 40, 0.1);

  /** Checks the values. */
  public RttConfig {
    if (floorMillis < 1 || ceilingMillis < floorMillis) {
      throw new IllegalArgumentException("need 1 <= floorMillis <= ceilingMillis");
    }
    if (initialMillis < floorMillis || initialMillis > ceilingMillis) {
      throw new IllegalArgumentException("initialMillis must lie between floor and ceiling");
    }
    if (maxPeers < 0 || partGraceFloorMillis < 0 || !(partGraceFactor >= 0)) {
      throw new IllegalArgumentException("negative maxPeers, part grace or grace factor");
    }
  }
}
