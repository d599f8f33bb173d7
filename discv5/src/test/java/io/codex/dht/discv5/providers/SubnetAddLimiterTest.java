package io.codex.dht.discv5.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** ADD_PROVIDER rate per sender subnet (security.md G2: at most 50 per second per /24). */
class SubnetAddLimiterTest {
  private final SubnetAddLimiter limiter = SubnetAddLimiter.of(ProviderStoreConfig.defaults());

  private static InetAddress ip(String text) throws UnknownHostException {
    return InetAddress.getByName(text);
  }

  /** Adds offered at 10,000/s for {@code seconds}, cycling over 250 hosts of {@code prefix}. */
  private int flood(String prefix, int seconds) throws UnknownHostException {
    int accepted = 0;
    for (int i = 0; i < seconds * 10_000; i++) {
      if (limiter.tryAcquire(ip(prefix + (1 + i % 250)), i / 10)) {
        accepted++;
      }
    }
    return accepted;
  }

  @Test
  void oneSlash24IsHeldToItsRateWhateverItsHosts() throws Exception {
    int accepted = flood("45.33.12.", 10);
    // A burst of 100, then 50 per second for the 10 seconds.
    assertTrue(accepted <= 100 + 50 * 10, "accepted " + accepted);
    assertTrue(accepted >= 50 * 10, "accepted " + accepted);
  }

  @Test
  void otherSubnetsKeepTheirOwnBudget() throws Exception {
    flood("45.33.12.", 2);
    assertTrue(limiter.tryAcquire(ip("45.33.13.9"), 2_000), "the neighbouring /24 is not limited");
    assertTrue(limiter.tryAcquire(ip("2001:470:1::1"), 2_000));
  }

  @Test
  void ipv6IsGroupedBySlash48() throws Exception {
    int accepted = 0;
    for (int i = 0; i < 1_000; i++) {
      // Hosts in different /64s of one /48.
      if (limiter.tryAcquire(ip("2001:470:7:" + Integer.toHexString(i) + "::1"), 0)) {
        accepted++;
      }
    }
    assertEquals(ProviderStoreConfig.DEFAULT_SUBNET_ADD_BURST, accepted);
  }

  @Test
  void loopbackAndPrivateSendersAreNotLimited() throws Exception {
    for (int i = 0; i < 1_000; i++) {
      assertTrue(limiter.tryAcquire(ip("127.0.0.1"), 0));
      assertTrue(limiter.tryAcquire(ip("192.168.1.7"), 0));
    }
    assertEquals(0, limiter.trackedSubnets());
  }

  @Test
  void stateIsBoundedWhateverTheNumberOfSubnets() throws Exception {
    for (int i = 0; i < 20_000; i++) {
      limiter.tryAcquire(ip("45." + (i >> 8 & 0xFF) + "." + (i & 0xFF) + ".1"), i);
    }
    assertEquals(SubnetAddLimiter.MAX_SUBNETS, limiter.trackedSubnets());
  }

  @Test
  void anInfiniteRateMeansNoLimiter() {
    assertEquals(
        null,
        SubnetAddLimiter.of(
            ProviderStoreConfig.defaults().withSubnetAddRate(Double.POSITIVE_INFINITY, 1)));
  }
}
