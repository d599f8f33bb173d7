package io.codex.dht.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The token buckets: burst, sustained rate, both buckets or neither, the bounded IP memory. */
class RateLimiterTest {
  private static final long MS = 1_000_000L;

  private static InetAddress ip(int n) {
    return TestNet.publicAddress(n, 1).getAddress();
  }

  private static int acquired(RateLimiter limiter, InetAddress ip, long now, int attempts) {
    int n = 0;
    for (int i = 0; i < attempts; i++) {
      if (limiter.tryAcquire(ip, now)) {
        n++;
      }
    }
    return n;
  }

  @Test
  void aBucketAllowsItsBurstAtOnceThenItsRate() {
    RateLimiter perIp = new RateLimiter(0, 0, 10, 10, 16, false);
    long t = -5_000 * MS; // a negative clock works too
    assertEquals(10, acquired(perIp, ip(1), t, 100));
    assertEquals(0, acquired(perIp, ip(1), t + 99 * MS, 100));
    assertEquals(1, acquired(perIp, ip(1), t + 100 * MS, 100));
    // A minute later: refilled to the burst, never beyond.
    assertEquals(10, acquired(perIp, ip(1), t + 60_000 * MS, 100));
    // At one attempt per millisecond for 10 s, the rate holds: 10 per second.
    int n = 0;
    long start = t + 120_000 * MS;
    for (long ms = 0; ms < 10_000; ms++) {
      n += acquired(perIp, ip(1), start + ms * MS, 1);
    }
    assertEquals(10 + 10 * 10, n, 1);
  }

  @Test
  void anActionNeedsBothBucketsAndTakesFromNeitherWhenRefused() {
    RateLimiter limiter = new RateLimiter(10, 5, 10, 10, 16, false);
    assertEquals(5, acquired(limiter, ip(1), 0, 100)); // the global burst is the smaller
    assertEquals(0, acquired(limiter, ip(2), 0, 100));
    // The global bucket refills; ip(1)'s own bucket still has 5 tokens, ip(2)'s is full.
    assertEquals(5, acquired(limiter, ip(2), 500 * MS, 100));
  }

  @Test
  void eachIpHasItsOwnBucket() {
    RateLimiter perIp = new RateLimiter(0, 0, 10, 10, 16, false);
    for (int i = 0; i < 16; i++) {
      assertEquals(10, acquired(perIp, ip(i), 0, 20));
    }
    assertEquals(16, perIp.trackedIps());
  }

  @Test
  void theIpMemoryIsBoundedAndAForgottenIpComesBackFull() {
    RateLimiter perIp = new RateLimiter(0, 0, 10, 10, 4, false);
    assertEquals(10, acquired(perIp, ip(0), 0, 20));
    for (int i = 1; i <= 4; i++) {
      acquired(perIp, ip(i), 0, 1);
    }
    assertEquals(4, perIp.trackedIps());
    // ip(0) was the least recently used and is forgotten: its bucket is full again.
    assertEquals(10, acquired(perIp, ip(0), 0, 20));
    assertEquals(4, perIp.trackedIps());
  }

  @Test
  void localAddressesHaveNoPerIpBucketUnlessAsked() throws Exception {
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    assertEquals(100, acquired(new RateLimiter(0, 0, 10, 10, 4, false), loopback, 0, 100));
    assertEquals(10, acquired(new RateLimiter(0, 0, 10, 10, 4, true), loopback, 0, 100));
    // The global bucket counts local addresses too.
    assertEquals(3, acquired(new RateLimiter(30, 3, 10, 10, 4, false), loopback, 0, 100));
  }

  @Test
  void zeroOrNegativeRatesSwitchABucketOff() {
    RateLimiter off = new RateLimiter(0, 0, -1, 10, 4, true);
    assertEquals(10_000, acquired(off, ip(1), 0, 10_000));
    assertEquals(0, off.trackedIps());
    RateLimiter globalOnly = new RateLimiter(10, 1, 0, 0, 4, true);
    assertTrue(globalOnly.tryAcquire(ip(1), 0));
    assertFalse(globalOnly.tryAcquire(ip(2), 0));
    assertTrue(globalOnly.tryAcquire(ip(2), 100 * MS));
  }

  @Test
  void withAFairShareManyFloodingIpsLeaveRoomForAQuietOne() {
    // 200 per second in total, 10 per IP; 50 IPs ask 20 times per second each, one once.
    RateLimiter fair = new RateLimiter(200, 20, 10, 10, 4096, false, true);
    RateLimiter unfair = new RateLimiter(200, 20, 10, 10, 4096, false, false);
    int[] quiet = new int[2];
    int[] loud = new int[2];
    RateLimiter[] limiters = {fair, unfair};
    for (int k = 0; k < 2; k++) {
      for (long ms = 0; ms < 10_000; ms++) {
        long now = ms * MS;
        int i = (int) (ms % 50); // the loud ones in turn, one per millisecond
        loud[k] += limiters[k].tryAcquire(ip(i), now) ? 1 : 0;
        if (ms % 1000 == 500) {
          quiet[k] += limiters[k].tryAcquire(ip(999), now + MS / 2) ? 1 : 0;
        }
      }
    }
    // Fair: 200/51 per IP, so the loud ones take about 196 per second and the quiet one is served.
    assertEquals(10, quiet[0]);
    assertTrue(loud[0] <= 20 + 200 * 10, "loud " + loud[0]);
    // Without the share the loud IPs (10 per second each) take the whole budget.
    assertTrue(quiet[1] < 10, "quiet " + quiet[1]);
  }

  @Test
  void configDefaultsAndSwitches() {
    SessionConfig d = SessionConfig.defaults();
    assertEquals(10, d.whoareyouPerIpPerSecond());
    assertEquals(1000, d.whoareyouPerSecond());
    assertEquals(200, d.handshakesPerSecond());
    assertEquals(10, d.handshakesPerIpPerSecond());
    assertEquals(4096, d.rateLimitedIps());
    assertTrue(d.protectSessions());
    SessionConfig off = d.withoutRateLimits().withSessionProtection(false);
    assertEquals(0, off.whoareyouPerIpPerSecond() + off.whoareyouPerSecond());
    assertEquals(0, off.handshakesPerSecond() + off.handshakesPerIpPerSecond());
    assertFalse(off.protectSessions());
    assertEquals(1024, off.withSessionCache(1024, 3).sessionCacheSize());
    assertTrue(off.withLimitLocalAddresses(true).limitLocalAddresses());
    assertEquals(7, off.withRateLimitedIps(7).rateLimitedIps());
    assertEquals(100, SessionConfig.globalBurst(1000));
    assertEquals(1, SessionConfig.globalBurst(5));
    assertEquals(64, SessionConfig.handshakeBurst(200));
    assertEquals(100, SessionConfig.handshakeBurst(1000));
    assertEquals(5, SessionConfig.handshakeBurst(5));
  }
}
