package io.codex.dht.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.session.TestNet.Endpoint;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * C3 at session level: attacker (node id, address) pairs complete the WHOAREYOU round trip and send
 * valid handshakes far over the budget of unsolicited handshakes, while 20 honest nodes on other
 * IPs each open a session once per second. The handshakes checked (each one signature verification
 * and one ECDH) stay within the budget, each attacker IP within its share, and at least 90 % of the
 * honest handshakes succeed: with the attacker on one IP, and on 50 IPs (whose 10 per second each
 * would exceed the total, were it not for the fair share). Negative control: without the budget
 * every attacker handshake is checked.
 *
 * <p>The WHOAREYOU limits are off here: with them one IP gets at most 10 challenges per second, so
 * it could not even reach the handshake budget. This isolates the budget, the last line against an
 * attacker whose challenges come from many addresses.
 */
class C3HandshakeBudgetTest {
  private static final long SEED = 43;
  private static final SessionConfig OPEN = SessionConfig.defaults().withoutRateLimits();
  private static final int BURST = SessionConfig.DEFAULT_HANDSHAKE_BURST;

  /** What a run measured. */
  private record Run(
      int attackerChecked, int attackerSent, int honestTried, int honestOk, long ecOps) {}

  /**
   * {@code rate} attacker handshakes per second from {@code attackerIps} IPs for {@code seconds},
   * against a victim with {@code config}.
   */
  private static Run run(SessionConfig config, int attackerIps, int rate, int seconds) {
    TestNet net = new TestNet(SEED, OPEN);
    Random random = new Random(SEED ^ 0x5DEECE66DL);
    Endpoint victim = net.add(TestNet.publicAddress(1, 30303), config);
    Forger.Ephemeral ephemeral = new Forger.Ephemeral(victim.key.publicKey(), random);
    List<Forger> attackers = new ArrayList<>();
    Set<io.codex.dht.spr.NodeId> attackerIds = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      InetSocketAddress at = TestNet.publicAddress(60_000 + i % attackerIps, 20_000 + i);
      Forger f = new Forger(io.codex.dht.spr.PrivateKey.generate(random), at, ephemeral, random);
      victim.known.put(f.id, f.known());
      attackers.add(f);
      attackerIds.add(f.id);
    }
    List<Endpoint> honest = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      honest.add(net.add(TestNet.publicAddress(100 + i, 9000), OPEN));
    }
    // Each honest node starts at a random moment of the first second, then once per second; the
    // attackers' handshakes arrive at random moments (steps of 100 us) at the given mean rate.
    long[] honestNext = new long[honest.size()];
    for (int i = 0; i < honestNext.length; i++) {
      honestNext[i] = random.nextInt(10_000);
    }
    long ecBefore = victim.layer.stats().idSignatureVerifications();
    int sent = 0;
    int tried = 0;
    int ok = 0;
    for (int step = 0; step < seconds * 10_000; step++) {
      net.clock.nanos += 100_000;
      for (int i = 0; i < honestNext.length; i++) {
        if (honestNext[i] != step) {
          continue;
        }
        honestNext[i] += 10_000;
        Endpoint h = honest.get(i);
        int pongs = h.messages(Message.Pong.class).size();
        h.layer.reset(); // a fresh handshake each time
        h.ping(victim);
        net.deliverAll();
        tried++;
        ok += h.messages(Message.Pong.class).size() - pongs;
      }
      if (random.nextInt(10_000) < rate) {
        Forger f = attackers.get(sent % attackers.size());
        victim.layer.onDatagram(f.randomPacket(), f.address);
        TestNet.Datagram whoareyou = net.take();
        assertTrue(net.queue.isEmpty());
        victim.layer.onDatagram(f.answer(whoareyou.bytes(), f.ping()), f.address);
        net.queue.clear(); // the PONG, if the handshake was checked
        sent++;
      }
    }
    int attackerChecked =
        (int) victim.handshakes.stream().filter(h -> attackerIds.contains(h.peer())).count();
    SessionStats s = victim.layer.stats();
    long ecOps = s.idSignatureVerifications() - ecBefore + s.ecdhOperations();
    return new Run(attackerChecked, sent, tried, ok, ecOps);
  }

  @Test
  void oneFloodingIpGetsItsShareAndHonestHandshakesSucceed() {
    int seconds = 2;
    Run r = run(SessionConfig.defaults().withWhoareyouLimits(0, 0), 1, 1000, seconds);
    // Per IP: 10 per second with a burst of 10.
    assertTrue(r.attackerChecked() <= 10 + 10 * seconds, r.toString());
    assertTrue(r.attackerChecked() >= 10 * seconds - 1, r.toString());
    // In total: 200 per second with a burst of 64 (each checked handshake is 2 EC operations).
    assertTrue(r.ecOps() <= 2L * (BURST + 200 * seconds), r.toString());
    assertEquals(r.honestTried(), r.honestOk(), r.toString());
    System.out.printf(
        "C3: 1 attacker IP at 1,000 handshakes/s for %d s: %d checked of %d; honest %d/%d;"
            + " %d EC operations%n",
        seconds, r.attackerChecked(), r.attackerSent(), r.honestOk(), r.honestTried(), r.ecOps());
  }

  @Test
  void manyAttackerIpsStillMeetTheTotalBudget() {
    int seconds = 2;
    Run r = run(SessionConfig.defaults().withWhoareyouLimits(0, 0), 50, 1000, seconds);
    assertTrue(r.ecOps() <= 2L * (BURST + 200 * seconds), r.toString());
    // 50 IPs x 10/s would exceed the total; the fair share (200/s over ~70 active IPs) caps each
    // attacker IP below an honest node's need, so honest handshakes still get through.
    assertTrue(r.honestOk() >= r.honestTried() * 9 / 10, r.toString());
    System.out.printf(
        "C3: 50 attacker IPs at 1,000 handshakes/s for %d s: %d checked of %d; honest %d/%d;"
            + " %d EC operations%n",
        seconds, r.attackerChecked(), r.attackerSent(), r.honestOk(), r.honestTried(), r.ecOps());
  }

  @Test
  void negativeControlWithoutTheBudgetEveryHandshakeIsChecked() {
    Run r = run(OPEN, 1, 500, 1);
    assertEquals(r.attackerSent(), r.attackerChecked(), r.toString());
    assertTrue(r.ecOps() >= 2L * (r.attackerSent() + r.honestTried()), r.toString());
    System.out.printf(
        "C3 negative control (no budget): %d of %d attacker handshakes checked, %d EC operations%n",
        r.attackerChecked(), r.attackerSent(), r.ecOps());
  }

  @Test
  @Tag("slow")
  void fullScaleFiveThousandPerSecondForTenSeconds() {
    int seconds = 10;
    Run r = run(SessionConfig.defaults().withWhoareyouLimits(0, 0), 1, 5000, seconds);
    assertTrue(r.attackerChecked() <= 10 + 10 * seconds, r.toString());
    assertTrue(r.ecOps() <= 2L * (BURST + 200 * seconds), r.toString());
    assertTrue(r.honestOk() >= r.honestTried() * 9 / 10, r.toString());
  }
}
