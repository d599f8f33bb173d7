package io.codex.dht.discv5.providers;

import io.codex.dht.spr.IpScope;
import java.net.InetAddress;

/**
 * The ADD_PROVIDER rate per sender subnet (IPv4 /24, IPv6 /48), so that many sybil ids behind one
 * subnet share one rate; loopback and private senders are not limited. The node checks it before
 * verifying the record's signature.
 */
public final class SubnetAddLimiter {
  /** Subnets whose buckets are kept; a forgotten subnet comes back with a full bucket. */
  static final int MAX_SUBNETS = 4096;

  private final SenderRateLimiter<Long> buckets;

  private SubnetAddLimiter(double perSecond, int burst) {
    this.buckets = new SenderRateLimiter<>(perSecond, burst, MAX_SUBNETS);
  }

  /** The limiter {@code config} describes, or null when its subnet rate is off (infinite). */
  public static SubnetAddLimiter of(ProviderStoreConfig config) {
    if (Double.isInfinite(config.addsPerSubnetPerSecond())) {
      return null;
    }
    return new SubnetAddLimiter(config.addsPerSubnetPerSecond(), config.subnetAddBurst());
  }

  /** Spends one token of the bucket of {@code sender}'s subnet if it has one. */
  public boolean tryAcquire(InetAddress sender, long nowMillis) {
    byte[] a = sender.getAddress();
    return IpScope.isLocal(a) || buckets.tryAcquire(IpScope.subnetKey(a), nowMillis);
  }

  /** The number of subnets whose buckets are kept. */
  int trackedSubnets() {
    return buckets.trackedSenders();
  }
}
