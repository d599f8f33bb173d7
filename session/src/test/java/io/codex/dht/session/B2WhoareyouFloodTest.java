package io.codex.dht.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.session.Flood.Sent;
import io.codex.dht.session.TestNet.Endpoint;
import io.codex.dht.spr.NodeId;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * B2: a source (say a spoofed victim's IP) sends 10,000 packets per second with random node ids for
 * 30 virtual seconds. WHOAREYOU to that IP stays within 10 per second with a burst of 10, the total
 * within 1,000 per second; repeats of one (id, ip:port) get the same challenge and pay for it; the
 * IP is only dropped, never banned, so a real node there handshakes right after the flood. Negative
 * control: with the limiter off the flood gets thousands of WHOAREYOU per second.
 */
class B2WhoareyouFloodTest {
  private static final long SEED = 22;
  private static final long MS = 1_000_000L;
  private static final SessionConfig OPEN = SessionConfig.defaults().withoutRateLimits();
  private static final InetSocketAddress SOURCE =
      TestNet.address(new byte[] {(byte) 203, 0, 113, 9}, 9000);

  private final TestNet net = new TestNet(SEED, OPEN);
  private final Random random = new Random(SEED ^ 0x5DEECE66DL);
  private int maxChallenges;

  /** Floods {@code victim} from {@code sources} (round robin) at {@code pps} for {@code ms}. */
  private List<Sent> flood(Endpoint victim, List<InetSocketAddress> sources, int pps, int ms) {
    Flood flood = new Flood(victim.id, random);
    List<Sent> sent = new ArrayList<>();
    long step = 1_000_000_000L / pps;
    long start = net.clock.nanos;
    int packets = pps / 1000 * ms;
    for (int i = 0; i < packets; i++) {
      net.clock.nanos = start + i * step;
      victim.layer.onDatagram(
          flood.unknownPacket(flood.randomId()), sources.get(i % sources.size()));
      Flood.collect(net, sent);
      maxChallenges = Math.max(maxChallenges, victim.layer.pendingCounts()[0]);
    }
    net.clock.nanos = start + packets * step;
    return sent;
  }

  private static List<Long> times(List<Sent> sent) {
    return sent.stream().map(Sent::at).toList();
  }

  @Test
  void oneSourceGetsTenWhoareyouPerSecondAndIsNotBanned() {
    Endpoint victim = net.add(TestNet.publicAddress(1, 30303), SessionConfig.defaults());
    long start = net.clock.nanos;
    List<Sent> sent = flood(victim, List.of(SOURCE), 10_000, 30_000);
    SessionStats s = victim.layer.stats();

    for (Sent w : sent) {
      assertEquals(SOURCE, w.to());
      assertEquals(63, w.bytes().length);
    }
    assertTrue(Flood.excessOverBucket(times(sent), 10, 10) < 1e-6, "10/s, burst 10");
    assertTrue(sent.size() <= 10 + 10 * 30, "sent " + sent.size());
    assertTrue(sent.size() >= 10 * 30, "the limit is not stricter than 10/s: " + sent.size());
    List<Integer> perSecond = Flood.perSecond(times(sent), start, 30);
    assertTrue(perSecond.stream().skip(1).allMatch(n -> n <= 10), perSecond.toString());
    assertEquals(300_000 - sent.size(), s.drops(DropReason.WHOAREYOU_RATE_LIMITED));
    assertEquals(0, s.drops(DropReason.CHALLENGE_LIMIT));
    // A challenge per WHOAREYOU of the last 500 ms: at most the burst plus 5.
    assertTrue(maxChallenges <= 10 + 5, "challenges " + maxChallenges);
    assertEquals(1, victim.layer.trackedIps()[0]);
    System.out.printf(
        "B2: one IP at 10,000 pps for 30 s: %d WHOAREYOU (%.1f/s), first second %d%n",
        sent.size(), sent.size() / 30.0, perSecond.get(0));

    // The flood stops. A real node at the same IP (another port) handshakes, retrying as a node
    // does when its handshake times out: done within 2 s.
    long stop = net.clock.nanos;
    Endpoint honest = net.add(TestNet.address(SOURCE.getAddress().getAddress(), 9001), OPEN);
    honest.ping(victim);
    int failures = 0;
    while (honest.messages(Message.Pong.class).isEmpty() && net.clock.nanos - stop < 2_000 * MS) {
      net.clock.advanceMillis(10);
      honest.layer.expire();
      if (honest.failures.size() > failures) {
        failures = honest.failures.size();
        honest.ping(victim);
      }
      net.deliverAll();
    }
    assertEquals(1, honest.messages(Message.Pong.class).size());
    long took = (net.clock.nanos - stop) / MS;
    assertTrue(took <= 2_000, "handshake after the flood took " + took + " ms");
    System.out.printf("B2: a node at the flooded IP got its PONG %d ms after the flood%n", took);
  }

  @Test
  void repeatsOfOneSourceGetTheSameChallengeAndPayForIt() {
    Endpoint victim = net.add(TestNet.publicAddress(1, 30303), SessionConfig.defaults());
    Flood flood = new Flood(victim.id, random);
    NodeId claimed = flood.randomId();
    byte[] packet = flood.unknownPacket(claimed);
    List<Sent> sent = new ArrayList<>();
    victim.layer.onDatagram(packet, SOURCE);
    victim.layer.onDatagram(packet.clone(), SOURCE); // a retransmission
    victim.layer.onDatagram(flood.unknownPacket(claimed), SOURCE); // another packet, same id
    Flood.collect(net, sent);
    assertEquals(3, sent.size());
    assertArrayEquals(sent.get(0).bytes(), sent.get(1).bytes());
    assertArrayEquals(sent.get(0).bytes(), sent.get(2).bytes());
    assertEquals(1, victim.layer.stats().whoareyouSent());
    assertEquals(2, victim.layer.stats().whoareyouResent());
    assertEquals(1, victim.layer.pendingCounts()[0]); // one challenge per (id, ip:port)
    // Repeats take tokens like new challenges: 7 more fit the burst of 10.
    for (int i = 0; i < 20; i++) {
      victim.layer.onDatagram(packet.clone(), SOURCE);
    }
    Flood.collect(net, sent);
    assertEquals(10, sent.size());
    assertEquals(13, victim.layer.stats().drops(DropReason.WHOAREYOU_RATE_LIMITED));
  }

  @Test
  void manySourcesGetAThousandWhoareyouPerSecondInTotal() {
    Endpoint victim = net.add(TestNet.publicAddress(1, 30303), SessionConfig.defaults());
    List<InetSocketAddress> sources = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      sources.add(TestNet.publicAddress(1000 + i, 9000));
    }
    long start = net.clock.nanos;
    List<Sent> sent = flood(victim, sources, 10_000, 5_000);
    assertTrue(Flood.excessOverBucket(times(sent), 1000, 100) < 1e-6, "1000/s, burst 100");
    assertTrue(sent.size() >= 1000 * 5, "not stricter than 1000/s: " + sent.size());
    List<Integer> perSecond = Flood.perSecond(times(sent), start, 5);
    assertTrue(perSecond.stream().skip(1).allMatch(n -> n <= 1000), perSecond.toString());
    assertTrue(victim.layer.trackedIps()[0] <= SessionConfig.DEFAULT_RATE_LIMITED_IPS);
    assertTrue(maxChallenges <= 100 + 500, "challenges " + maxChallenges);
    System.out.printf("B2: 5,000 IPs at 10,000 pps in total: WHOAREYOU per second %s%n", perSecond);
  }

  @Test
  void negativeControlWithoutTheLimiterTheFloodIsAnswered() {
    SessionConfig unlimited = SessionConfig.defaults().withWhoareyouLimits(0, 0);
    Endpoint victim = net.add(TestNet.publicAddress(1, 30303), unlimited);
    long start = net.clock.nanos;
    List<Sent> sent = flood(victim, List.of(SOURCE), 10_000, 3_000);
    List<Integer> perSecond = Flood.perSecond(times(sent), start, 3);
    // Only the 4,096-challenge cap (each lives 500 ms) holds it back: about 8,192 per second.
    assertTrue(perSecond.stream().allMatch(n -> n >= 8_000), perSecond.toString());
    assertEquals(SessionConfig.defaults().maxChallenges(), maxChallenges);
    System.out.printf("B2 negative control (limiter off): WHOAREYOU per second %s%n", perSecond);
  }
}
