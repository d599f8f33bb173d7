package io.codex.dht.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.session.TestNet.Endpoint;
import io.codex.dht.spr.PrivateKey;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * D1: one IP presents thousands of node ids, each completing a real handshake (the victim checks
 * each signature and runs each ECDH). The victim keeps at most 10 sessions from that IP, and the
 * sessions of protected nodes (routing-table members, per the directory) survive the churn, also
 * those at the attacker's own IP; sessions at other IPs are untouched. Negative controls: without
 * the per-IP bound the one IP fills the cache and pushes out others; without protection the
 * protected sessions at that IP go.
 */
class D1SessionsPerIpTest {
  private static final long SEED = 51;
  private static final SessionConfig OPEN = SessionConfig.defaults().withoutRateLimits();
  private static final byte[] ATTACKER_IP = {(byte) 203, 0, 113, 7};

  /** The victim, the sessions it should keep, and the attacker's node ids. */
  private static final class Scene {
    final TestNet net = new TestNet(SEED, OPEN);
    final Random random = new Random(SEED ^ 0x5DEECE66DL);
    final Endpoint victim;
    final List<Endpoint> protectedHere = new ArrayList<>();
    final List<Endpoint> protectedElsewhere = new ArrayList<>();
    final List<Endpoint> othersElsewhere = new ArrayList<>();
    final Forger.Ephemeral ephemeral;
    int maxFromAttackerIp;

    Scene(SessionConfig config) {
      victim = net.add(TestNet.publicAddress(1, 30303), config);
      for (int i = 0; i < 3; i++) {
        protectedHere.add(net.add(TestNet.address(ATTACKER_IP, 1000 + i), OPEN));
      }
      for (int i = 0; i < 20; i++) {
        protectedElsewhere.add(net.add(TestNet.publicAddress(100 + i, 9000), OPEN));
        othersElsewhere.add(net.add(TestNet.publicAddress(200 + i, 9000), OPEN));
      }
      for (List<Endpoint> group : List.of(protectedHere, protectedElsewhere, othersElsewhere)) {
        for (Endpoint e : group) {
          if (group != othersElsewhere) {
            victim.protectedIds.add(e.id);
          }
          e.ping(victim);
          net.deliverAll();
          net.clock.advanceMillis(100);
        }
      }
      assertEquals(43, victim.layer.sessionCount());
      ephemeral = new Forger.Ephemeral(victim.key.publicKey(), random);
    }

    /** {@code ids} node ids at the attacker's IP handshake one after another, 10 per second. */
    void churn(int ids) {
      InetAddress ip = protectedHere.get(0).address.getAddress();
      for (int i = 0; i < ids; i++) {
        net.clock.advanceMillis(100);
        Forger f =
            new Forger(
                PrivateKey.generate(random),
                TestNet.address(ATTACKER_IP, 10_000 + i % 50_000),
                ephemeral,
                random);
        victim.known.put(f.id, f.known());
        victim.layer.onDatagram(f.randomPacket(), f.address);
        TestNet.Datagram whoareyou = net.take();
        victim.layer.onDatagram(f.answer(whoareyou.bytes(), f.ping()), f.address);
        net.queue.clear(); // the PONG
        victim.known.remove(f.id);
        maxFromAttackerIp = Math.max(maxFromAttackerIp, victim.layer.sessionCountForIp(ip));
      }
    }

    boolean has(Endpoint e) {
      return victim.layer.hasSession(e.id, e.address);
    }
  }

  private static void assertBoundedAndProtected(int ids) {
    Scene s = new Scene(SessionConfig.defaults());
    long accepted = s.victim.layer.stats().handshakesAccepted();
    s.churn(ids);
    SessionStats stats = s.victim.layer.stats();
    assertEquals(accepted + ids, stats.handshakesAccepted(), "every handshake was real and done");
    assertEquals(10, s.maxFromAttackerIp);
    assertEquals(0, stats.protectedSessionsEvicted());
    assertEquals(ids - 7, stats.sessionsEvicted());
    assertTrue(s.protectedHere.stream().allMatch(s::has));
    assertTrue(s.protectedElsewhere.stream().allMatch(s::has));
    assertTrue(s.othersElsewhere.stream().allMatch(s::has));
    assertEquals(43 + 7, s.victim.layer.sessionCount());
    System.out.printf(
        "D1: %d node ids from one IP: at most %d sessions from it, %d evicted, 0 protected%n",
        ids, s.maxFromAttackerIp, stats.sessionsEvicted());
  }

  @Test
  void oneIpKeepsAtMostTenSessionsAndProtectedOnesSurvive() {
    assertBoundedAndProtected(1_000);
  }

  @Test
  @Tag("slow")
  void fullCountTenThousandNodeIds() {
    assertBoundedAndProtected(10_000);
  }

  @Test
  void negativeControlWithoutThePerIpBoundOneIpPushesOutOthers() {
    Scene s = new Scene(SessionConfig.defaults().withSessionCache(100, 100));
    s.churn(200);
    // The one IP holds all but the 20 protected sessions elsewhere; the others there are gone.
    assertEquals(100 - 20, s.maxFromAttackerIp);
    assertTrue(s.othersElsewhere.stream().noneMatch(s::has));
    assertTrue(s.protectedElsewhere.stream().allMatch(s::has));
  }

  @Test
  void negativeControlWithoutProtectionTheChurnEvictsProtectedSessions() {
    Scene s = new Scene(SessionConfig.defaults().withSessionProtection(false));
    s.churn(30);
    assertEquals(10, s.maxFromAttackerIp);
    assertTrue(s.protectedHere.stream().noneMatch(s::has));
    assertFalse(s.protectedElsewhere.isEmpty());
    assertTrue(s.protectedElsewhere.stream().allMatch(s::has));
  }
}
