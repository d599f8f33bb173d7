package io.codex.dht.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.session.TestNet.Datagram;
import io.codex.dht.session.TestNet.Endpoint;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Every truncation, single-bit flip and one-byte extension of a valid packet of each kind
 * (ordinary, WHOAREYOU, handshake with and without record), plus random garbage: the codec fails
 * only with {@link DecodeException} or an "undecryptable" result, and the session layer turns each
 * input into exactly one counted outcome, never an exception, never a session or a message.
 */
class MutationTest {
  private static final long SEED = 5;

  /** The packets of one handshake between two fresh endpoints of a seeded network. */
  private record Capture(
      TestNet net,
      Endpoint a,
      Endpoint b,
      Datagram random,
      Datagram whoareyou,
      Datagram handshake,
      Datagram pong) {}

  private static Capture capture(boolean bKnowsA) {
    // Without the rate limits: every mutant should reach as deep as it can, not meet a budget.
    TestNet net = new TestNet(SEED, SessionConfig.defaults().withoutRateLimits());
    Endpoint a = net.add(9001);
    Endpoint b = net.add(9002);
    if (bKnowsA) {
      b.knows(a);
    }
    a.ping(b);
    Datagram random = net.take();
    net.deliver(random);
    Datagram whoareyou = net.take();
    net.deliver(whoareyou);
    Datagram handshake = net.take();
    net.deliver(handshake);
    Datagram pong = net.take();
    assertTrue(net.queue.isEmpty());
    return new Capture(net, a, b, random, whoareyou, handshake, pong);
  }

  static List<byte[]> mutants(byte[] packet) {
    List<byte[]> out = new ArrayList<>();
    for (int length = 0; length < packet.length; length++) {
      out.add(Arrays.copyOf(packet, length));
    }
    out.add(Arrays.copyOf(packet, packet.length + 1));
    for (int bit = 0; bit < packet.length * 8; bit++) {
      byte[] m = packet.clone();
      m[bit / 8] ^= (byte) (1 << (bit % 8));
      out.add(m);
    }
    return out;
  }

  @Test
  void codecFailsOnlyWithTypedErrorsOrUndecryptable() {
    for (boolean known : new boolean[] {false, true}) {
      Capture c = capture(known);
      PacketCodec asA = new PacketCodec(new Crypto(), c.a().id);
      PacketCodec asB = new PacketCodec(new Crypto(), c.b().id);
      SecretKeySpec anyKey = Crypto.aesKey(new byte[16], 0);
      int typed = 0;
      for (Datagram d : List.of(c.random(), c.whoareyou(), c.handshake(), c.pong())) {
        PacketCodec codec = d.to().equals(c.a().address) ? asA : asB;
        for (byte[] m : mutants(d.bytes())) {
          try {
            Packet p = codec.decode(m);
            byte[] plaintext = null;
            if (p instanceof Packet.Ordinary o) {
              plaintext = codec.open(o.header(), o.packet(), o.messageOffset(), anyKey);
            } else if (p instanceof Packet.Handshake h) {
              plaintext = codec.open(h.header(), h.packet(), h.messageOffset(), anyKey);
              CodexProfile.INSTANCE.recordPublicKey(
                  h.record().length == 0 ? new byte[1] : h.record());
            }
            if (plaintext != null) {
              CodexMessageCodec.decode(plaintext);
            }
          } catch (DecodeException e) {
            typed++;
          }
        }
      }
      assertTrue(typed > 0);
    }
  }

  @Test
  void ordinaryPacketMutantsAreDroppedOrChallengedWithoutAmplification() {
    Capture c = capture(false);
    // A holds a session with B; feed A mutants of B's PONG.
    assertEachInputHasOneOutcome(c.net(), c.a(), c.pong(), layer -> {}, true);
    // B holds no session with this source yet: mutants of the random packet.
    Capture fresh = capture(false);
    fresh.b().layer.reset();
    assertEachInputHasOneOutcome(fresh.net(), fresh.b(), fresh.random(), layer -> {}, true);
  }

  @Test
  void handshakeMutantsNeverEstablishASession() throws Exception {
    for (boolean known : new boolean[] {false, true}) {
      Capture c = capture(known);
      byte[] challenge =
          ((Packet.Whoareyou) new PacketCodec(new Crypto(), c.a().id).decode(c.whoareyou().bytes()))
              .challengeData();
      Endpoint b = c.b();
      b.layer.reset();
      long accepted = b.layer.stats().handshakesAccepted();
      Consumer<SessionLayer<?>> arm =
          layer ->
              b.layer.installChallenge(
                  c.a().id, c.a().address, challenge, known ? c.a().key.publicKey() : null);
      assertEachInputHasOneOutcome(c.net(), b, c.handshake(), arm, true);
      assertEquals(0, b.layer.sessionCount());
      assertEquals(accepted, b.layer.stats().handshakesAccepted());
    }
  }

  @Test
  void whoareyouMutantsAreDroppedOrAnsweredButNeverThrow() {
    Capture original = capture(false);
    Endpoint a = original.a();
    Endpoint b = original.b();
    int answered = 0;
    for (byte[] m : mutants(original.whoareyou().bytes())) {
      // Each mutant meets a layer in the state the genuine WHOAREYOU met: A's key, record and
      // random seed, so its first packet (and the request nonce it remembers) is the same.
      TestNet net = new TestNet(SEED);
      SessionLayer<SignedPeerRecord> layer =
          SessionLayer.builder(CodexProfile.INSTANCE, a.key, () -> a.record)
              .clock(net.clock)
              .random(new Random(a.seed))
              .output((to, bytes) -> net.queue.add(new Datagram(a.address, to, bytes)))
              .listener(a)
              .build();
      layer.send(b.contact(), a.pingWithId(1), false);
      assertEquals(original.random().bytes().length, net.take().bytes().length);
      SessionStats s = layer.stats();
      layer.onDatagram(m, b.address);
      assertEquals(1, s.drops() + s.handshakesInitiated());
      answered += (int) s.handshakesInitiated();
    }
    assertTrue(a.received.isEmpty());
    // Flips of the id-nonce and record seq still make a WHOAREYOU for our request (it is not
    // authenticated); the handshake they get will fail at the real peer.
    assertEquals(16 * 8 + 8 * 8, answered);
  }

  @Test
  void handshakeRecordMutantsFailOnlyWithTypedErrors() throws Exception {
    Capture c = capture(false);
    Packet.Handshake h =
        (Packet.Handshake) new PacketCodec(new Crypto(), c.b().id).decode(c.handshake().bytes());
    assertTrue(h.record().length > 0);
    int rejected = 0;
    for (byte[] m : mutants(h.record())) {
      try {
        CodexProfile.INSTANCE.recordPublicKey(m);
        CodexProfile.INSTANCE.decodeRecord(m);
      } catch (DecodeException e) {
        rejected++;
      }
    }
    assertTrue(rejected > h.record().length * 8);
  }

  @Test
  void randomGarbageIsDroppedSilently() {
    Capture c = capture(false);
    Random random = new Random(99);
    SessionStats s = c.b().layer.stats();
    long before = s.drops();
    for (int i = 0; i < 3000; i++) {
      byte[] garbage = new byte[random.nextInt(1500)];
      random.nextBytes(garbage);
      c.b().layer.onDatagram(garbage, c.a().address);
    }
    assertEquals(3000, s.drops() - before);
    assertTrue(c.net().queue.isEmpty());
  }

  private static void assertEachInputHasOneOutcome(
      TestNet net,
      Endpoint receiver,
      Datagram original,
      Consumer<SessionLayer<?>> arm,
      boolean unauthenticated) {
    SessionStats s = receiver.layer.stats();
    int messages = receiver.received.size();
    InetSocketAddress from = original.from();
    for (byte[] m : mutants(original.bytes())) {
      arm.accept(receiver.layer);
      long outcomes = outcomes(s);
      long sent = s.bytesSent();
      receiver.layer.onDatagram(m, from);
      assertEquals(outcomes + 1, outcomes(s), "one outcome per input");
      if (unauthenticated) {
        assertTrue(s.bytesSent() - sent <= m.length, "no amplification");
      }
      net.queue.clear();
    }
    assertEquals(messages, receiver.received.size());
  }

  private static long outcomes(SessionStats s) {
    return s.drops()
        + s.whoareyouSent()
        + s.whoareyouResent()
        + s.messagesReceived()
        + s.handshakesAccepted();
  }
}
