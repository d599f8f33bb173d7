package io.codex.dht.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.session.TestNet.Datagram;
import io.codex.dht.session.TestNet.Endpoint;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.PrivateKey;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * D2: 5,000 nodes from distinct IPs complete real handshakes with the victim, one after another,
 * while 50 protected nodes (routing-table members) sit idle and 50 nodes have requests in flight
 * (the victim asks each every 500 ms; each answer arrives 900 ms later). Sessions stay within the
 * cap, no protected session and no session with a request in flight is evicted (so every answer is
 * delivered), and answers that arrive after their session was evicted get a WHOAREYOU or are
 * dropped, never an exception. Negative control: the same churn without protection evicts the
 * protected and in-flight sessions; their late answers are handled the same way.
 */
class D2SessionCapTest {
  private static final long SEED = 52;
  private static final SessionConfig OPEN = SessionConfig.defaults().withoutRateLimits();

  /** What a run measured. */
  private record Run(
      int maxSessions,
      long evicted,
      long protectedEvicted,
      int membersKept,
      int askedKept,
      int answers,
      int answersDelivered,
      int lateAnswers,
      long bytesPerSession) {}

  /** A datagram held back until a clock time. */
  private record Held(long due, Datagram datagram) {}

  private final TestNet net = new TestNet(SEED, OPEN);
  private final Random random = new Random(SEED ^ 0x5DEECE66DL);
  private Endpoint victim;
  private int late;

  /**
   * {@code churners} nodes, one IP each, handshake at {@code perSecond} against a victim with
   * {@code config}; {@code lateOnes} of them are asked something and answer after the churn.
   */
  private Run run(SessionConfig config, int churners, int perSecond, int lateOnes) {
    victim = net.add(TestNet.publicAddress(1, 30303), config);
    victim.answerPings = false;
    List<Endpoint> members = new ArrayList<>();
    List<Endpoint> asked = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Endpoint member = net.add(TestNet.publicAddress(100 + i, 9000), OPEN);
      victim.protectedIds.add(member.id);
      member.ping(victim);
      Endpoint peer = net.add(TestNet.publicAddress(200 + i, 9000), OPEN);
      victim.knows(peer);
      victim.ping(peer);
      net.deliverAll();
      net.clock.advanceMillis(20);
      members.add(member);
      asked.add(peer);
    }
    assertEquals(100, victim.layer.sessionCount());

    Forger.Ephemeral ephemeral = new Forger.Ephemeral(victim.key.publicKey(), random);
    Deque<Held> held = new ArrayDeque<>();
    List<Forger> askedLate = new ArrayList<>();
    List<byte[]> lateAnswers = new ArrayList<>();
    long step = 1_000_000_000L / perSecond;
    long nextAsk = net.clock.nanos;
    int answers = 0;
    int delivered = 0;
    int maxSessions = 0;
    for (int i = 0; i < churners; i++) {
      net.clock.nanos += step;
      if (net.clock.nanos - nextAsk >= 0) {
        nextAsk += 500_000_000L;
        for (Endpoint peer : asked) {
          victim.ping(peer);
        }
        while (!net.queue.isEmpty()) {
          Datagram d = net.queue.pollFirst();
          if (d.to().equals(victim.address)) {
            held.add(new Held(net.clock.nanos + 900_000_000L, d)); // the answer, held back
            answers++;
          } else {
            net.deliver(d);
          }
        }
      }
      while (!held.isEmpty() && net.clock.nanos - held.peekFirst().due() >= 0) {
        delivered += deliverAnswer(held.pollFirst().datagram());
      }
      Forger f =
          new Forger(
              PrivateKey.generate(random),
              TestNet.publicAddress(10_000 + i, 9000),
              ephemeral,
              random);
      victim.known.put(f.id, f.known());
      victim.layer.onDatagram(f.randomPacket(), f.address);
      victim.layer.onDatagram(f.answer(net.take().bytes(), f.ping()), f.address);
      victim.known.remove(f.id);
      assertTrue(net.queue.isEmpty());
      if (i >= 100 && askedLate.size() < lateOnes) {
        victim.layer.send(
            new NodeContact(f.id, f.address, f.key.publicKey()), victim.ping(), false);
        askedLate.add(f);
        lateAnswers.add(answerOf(f, net.take()));
      }
      maxSessions = Math.max(maxSessions, victim.layer.sessionCount());
    }
    while (!held.isEmpty()) {
      Held h = held.pollFirst();
      net.clock.nanos = h.due();
      delivered += deliverAnswer(h.datagram());
    }
    for (int k = 0; k < askedLate.size(); k++) {
      Forger f = askedLate.get(k);
      assertTrue(!victim.layer.hasSession(f.id, f.address), "churned away by now");
      assertEquals(0, deliverAnswer(new Datagram(f.address, victim.address, lateAnswers.get(k))));
    }

    SessionStats s = victim.layer.stats();
    int membersKept =
        (int) members.stream().filter(e -> victim.layer.hasSession(e.id, e.address)).count();
    int askedKept =
        (int) asked.stream().filter(e -> victim.layer.hasSession(e.id, e.address)).count();
    long withSessions = heapAfterGc();
    int sessions = victim.layer.sessionCount();
    victim.layer.reset();
    long without = heapAfterGc();
    return new Run(
        maxSessions,
        s.sessionsEvicted(),
        s.protectedSessionsEvicted(),
        membersKept,
        askedKept,
        answers,
        delivered,
        late,
        (withSessions - without) / sessions);
  }

  /** A PONG to the victim's request in {@code ping}, sealed with the forger's session keys. */
  private byte[] answerOf(Forger f, Datagram ping) {
    try {
      Message request = f.open(ping.bytes());
      return f.ordinary(new Message.Pong(request.requestId(), 1, victim.address));
    } catch (DecodeException e) {
      throw new AssertionError("the victim's request does not open", e);
    }
  }

  /**
   * Hands an answer to the victim: it is delivered (returns 1), or, its session gone, it gets a
   * 63-byte WHOAREYOU to its sender or is dropped (returns 0); any other outcome fails.
   */
  private int deliverAnswer(Datagram answer) {
    SessionStats s = victim.layer.stats();
    long messages = s.messagesReceived();
    long challengedOrDropped = s.drops() + s.whoareyouSent() + s.whoareyouResent();
    victim.layer.onDatagram(answer.bytes().clone(), answer.from());
    if (s.messagesReceived() == messages + 1) {
      assertTrue(net.queue.isEmpty());
      return 1;
    }
    assertEquals(messages, s.messagesReceived());
    assertEquals(challengedOrDropped + 1, s.drops() + s.whoareyouSent() + s.whoareyouResent());
    while (!net.queue.isEmpty()) {
      Datagram out = net.queue.pollFirst();
      assertEquals(answer.from(), out.to());
      assertEquals(63, out.bytes().length);
      net.deliver(out); // the peer finds no request of its own for it and drops it
    }
    late++;
    return 0;
  }

  static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void assertSpared(Run r, int cap) {
    assertTrue(r.maxSessions() <= cap, r.toString());
    assertEquals(0, r.protectedEvicted(), r.toString());
    assertEquals(50, r.membersKept(), r.toString());
    assertEquals(50, r.askedKept(), r.toString());
    assertEquals(r.answers(), r.answersDelivered(), r.toString());
  }

  @Test
  void churnStaysUnderTheCapAndSparesProtectedAndInFlightSessions() {
    Run r = run(SessionConfig.defaults(), 5_000, 150, 50);
    assertSpared(r, 1024);
    assertEquals(1024, r.maxSessions());
    assertEquals(50, r.lateAnswers(), r.toString());
    assertTrue(r.bytesPerSession() <= 2048, r.toString());
    System.out.println("D2: " + r);
  }

  @Test
  void aSmallCacheUnderFastChurnStillSparesThem() {
    // The negative control's scene with protection on: 256 sessions, 500 handshakes per second,
    // so an in-flight session meets 450 newer ones before its answer arrives.
    Run r = run(smallFast(true), 600, 500, 0);
    assertSpared(r, 256);
  }

  @Test
  void negativeControlWithoutProtectionTheyAreEvictedAndTheirAnswersComeLate() {
    Run r = run(smallFast(false), 600, 500, 0);
    assertTrue(r.maxSessions() <= 256, r.toString());
    assertTrue(r.membersKept() < 50, r.toString());
    assertTrue(r.askedKept() < 50, r.toString());
    assertTrue(r.answersDelivered() < r.answers(), r.toString());
    assertTrue(r.lateAnswers() > 0, r.toString());
    System.out.println("D2 negative control (no protection): " + r);
  }

  private static SessionConfig smallFast(boolean protect) {
    return SessionConfig.defaults()
        .withSessionCache(256, 10)
        .withHandshakeBudget(0, 0)
        .withSessionProtection(protect);
  }
}
