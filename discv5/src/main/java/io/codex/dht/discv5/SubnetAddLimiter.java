package io.codex.dht.discv5;

import io.codex.dht.discv5.providers.ProviderStoreConfig;
import io.codex.dht.spr.IpScope;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per sender subnet (IPv4 /24, IPv6 /48) for ADD_PROVIDER, so that many sybil ids
 * behind one subnet share one rate; loopback and private senders are not limited.
 */
final class SubnetAddLimiter {
  /** Default number of subnets whose buckets are kept. */
  static final int DEFAULT_SUBNETS = 4096;

  // Implementation notes: a subnet seen for the first time, or again after being forgotten, starts
  // with a full bucket. Forgetting needs DEFAULT_SUBNETS other subnets to send in between, which
  // bounds what forgetting gives back to one subnet; the store's total caps bound the rest. Keys
  // pack the subnet into a long: IPv4 as 1 << 48 | a.b.c, IPv6 as 2 << 48 | the first 48 bits.
  private final double tokensPerMilli;
  private final double burst;
  private final Map<Long, double[]> buckets;

  SubnetAddLimiter(double perSecond, int burst, int maxSubnets) {
    this.tokensPerMilli = perSecond / 1000.0;
    this.burst = burst;
    this.buckets =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, double[]> eldest) {
            return size() > maxSubnets;
          }
        };
  }

  /** The limiter of {@code config}, or null when its subnet rate is off (infinite). */
  static SubnetAddLimiter of(ProviderStoreConfig config) {
    if (Double.isInfinite(config.addsPerSubnetPerSecond())) {
      return null;
    }
    return new SubnetAddLimiter(
        config.addsPerSubnetPerSecond(), config.subnetAddBurst(), DEFAULT_SUBNETS);
  }

  /** Spends one token of the bucket of {@code sender}'s subnet if it has one. */
  boolean tryAcquire(InetAddress sender, long nowMillis) {
    byte[] a = sender.getAddress();
    if (IpScope.isLocal(a)) {
      return true;
    }
    long key = subnetKey(a);
    double[] b = buckets.get(key);
    if (b == null) {
      b = new double[] {burst, nowMillis};
      buckets.put(key, b);
    } else if (nowMillis > b[1]) {
      b[0] = Math.min(burst, b[0] + (nowMillis - b[1]) * tokensPerMilli);
      b[1] = nowMillis;
    }
    if (b[0] >= 1) {
      b[0] -= 1;
      return true;
    }
    return false;
  }

  /** The number of subnets whose buckets are kept. */
  int trackedSubnets() {
    return buckets.size();
  }

  static long subnetKey(byte[] a) {
    int bytes = a.length == 4 ? 3 : 6;
    long key = a.length == 4 ? 1L << 48 : 2L << 48;
    for (int i = 0; i < bytes; i++) {
      key |= (a[i] & 0xFFL) << (8 * (bytes - 1 - i));
    }
    return key;
  }
}
