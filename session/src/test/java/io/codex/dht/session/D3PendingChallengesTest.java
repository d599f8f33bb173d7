package io.codex.dht.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.session.TestNet.Endpoint;
import java.net.InetSocketAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * D3: 100,000 packets from random (node id, ip:port) pairs over 30 virtual seconds. The live
 * challenges stay within the WHOAREYOU budget times the challenge lifetime (far below the cap of
 * 4,096), all of them are gone once the lifetime has passed, and expiry costs O(1) per packet: the
 * entries the timed maps look at are counted, no clock is read. Negative control: without the
 * WHOAREYOU limit only the cap holds the challenges back.
 */
class D3PendingChallengesTest {
  private static final long SEED = 33;
  private static final int PACKETS = 100_000;
  private static final long SPAN = 30_000_000_000L;
  private static final long TTL = SessionConfig.defaults().challengeTtl().toNanos();

  /** What one run measured. */
  private record Run(int maxChallenges, int steadyMax, long work, long workLastTenth, long sent) {}

  private static Run run(SessionConfig config) {
    TestNet net = new TestNet(SEED, config);
    Endpoint victim = net.add(TestNet.publicAddress(1, 30303), config);
    Random random = new Random(SEED ^ 0x5DEECE66DL);
    Flood flood = new Flood(victim.id, random);
    long start = net.clock.nanos;
    int max = 0;
    int steadyMax = 0;
    long workAtLastTenth = 0;
    for (int i = 0; i < PACKETS; i++) {
      net.clock.nanos = start + SPAN * i / PACKETS;
      if (i == PACKETS * 9 / 10) {
        workAtLastTenth = victim.layer.expiryWork();
      }
      InetSocketAddress from =
          TestNet.publicAddress(random.nextInt(1 << 17), 1024 + random.nextInt(60_000));
      victim.layer.onDatagram(flood.unknownPacket(flood.randomId()), from);
      net.queue.clear();
      int live = victim.layer.pendingCounts()[0];
      max = Math.max(max, live);
      if (net.clock.nanos - start > 1_000_000_000L) {
        steadyMax = Math.max(steadyMax, live);
      }
    }
    long work = victim.layer.expiryWork();

    // Every challenge is dead at its deadline and gone at the first expiry after it (a node's
    // timer, or any packet): here exactly one lifetime after the last packet.
    long last = net.clock.nanos;
    net.clock.nanos = last + TTL;
    victim.layer.expire();
    assertArrayEquals(new int[] {0, 0, 0}, victim.layer.pendingCounts());
    return new Run(
        max, steadyMax, work, work - workAtLastTenth, victim.layer.stats().whoareyouSent());
  }

  @Test
  void challengesStayWithinRateTimesLifetimeAndExpireInConstantTime() {
    Run r = run(SessionConfig.defaults());
    // 1,000 WHOAREYOU per second (burst 100) times 500 ms; in steady state rate x lifetime.
    assertTrue(r.maxChallenges() <= 100 + 500, "max " + r.maxChallenges());
    assertTrue(r.steadyMax() <= 500 + 1, "steady max " + r.steadyMax());
    // Expiry looks at each expired entry once, plus at most one live head per packet.
    assertTrue(r.work() <= r.sent() + PACKETS, "work " + r.work());
    assertTrue(r.work() <= 2L * PACKETS, "work " + r.work());
    // Flat: the last tenth of the flood costs what an average tenth does.
    assertTrue(r.workLastTenth() <= r.work() / 10 * 12 / 10 + 10, r.toString());
    System.out.printf(
        "D3: max %d challenges (steady %d), %d WHOAREYOU, expiry work %.2f per packet%n",
        r.maxChallenges(), r.steadyMax(), r.sent(), r.work() / (double) PACKETS);
  }

  @Test
  void negativeControlWithoutTheWhoareyouLimitOnlyTheCapHolds() {
    SessionConfig unlimited = SessionConfig.defaults().withWhoareyouLimits(0, 0);
    Run r = run(unlimited);
    // 3,333 packets per second for 500 ms each: ~1,667 live, where the limit kept 500.
    assertTrue(r.steadyMax() > 1_500, "steady max " + r.steadyMax());
    assertTrue(r.steadyMax() <= unlimited.maxChallenges());
    assertTrue(r.work() <= r.sent() + PACKETS, "work " + r.work());
    System.out.printf(
        "D3 negative control (limiter off): max %d challenges, expiry work %.2f per packet%n",
        r.maxChallenges(), r.work() / (double) PACKETS);
  }
}
