package io.codex.dht.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.session.TestNet.Datagram;
import io.codex.dht.session.TestNet.Endpoint;
import io.codex.dht.spr.DecodeException.Reason;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/** Two (or more) in-memory endpoints with a fake clock: the handshake and its failure modes. */
class HandshakeTest {
  private final TestNet net = new TestNet(7);
  private final Endpoint a = net.add(9001);
  private final Endpoint b = net.add(9002);

  @Test
  void normalHandshakeDeliversThePingAndThePong() {
    a.ping(b);
    assertEquals(4, net.deliverAll()); // random packet, WHOAREYOU, handshake, PONG

    assertEquals(List.of(a.pingWithId(1)), b.messages(Message.Ping.class));
    Message.Pong pong = (Message.Pong) a.messages(Message.Pong.class).get(0);
    assertEquals(a.address, pong.observed());
    assertEquals(Bytes.ofUnsignedInt(1), pong.requestId());
    assertEquals(1, b.handshakes.size());
    assertEquals(a.id, b.handshakes.get(0).peer());
    assertEquals(a.record, b.handshakes.get(0).record()); // B did not know A: seq 0 was asked
    assertTrue(a.handshakes.isEmpty()); // only the recipient reports a handshake

    SessionStats sa = a.layer.stats();
    SessionStats sb = b.layer.stats();
    assertEquals(1, sa.handshakesInitiated());
    assertEquals(1, sb.handshakesAccepted());
    assertEquals(1, sa.ecdhOperations());
    assertEquals(1, sb.ecdhOperations());
    assertEquals(1, sb.idSignatureVerifications());
    assertEquals(1, sb.whoareyouSent());
    assertEquals(0, sa.drops() + sb.drops());

    // The session carries on: one packet each way, no new handshake.
    a.ping(b);
    assertEquals(2, net.deliverAll());
    assertEquals(2, a.messages(Message.Pong.class).size());
    assertEquals(1, sb.whoareyouSent());
    assertEquals(1, sa.ecdhOperations());
    assertEquals(1, sb.ecdhOperations());
  }

  @Test
  void clientModeReachesTheRecipientWithTheHandshake() {
    a.layer.send(b.contact(), a.ping(), true);
    net.deliverAll();
    assertTrue(b.received.get(0).clientMode());
    assertTrue(b.handshakes.get(0).clientMode());
    assertFalse(a.received.get(0).clientMode());
  }

  @Test
  void crossedHandshakesSucceedInEveryDeliveryOrder() {
    for (long seed = 0; seed < 40; seed++) {
      TestNet n = new TestNet(seed);
      Endpoint x = n.add(9001);
      Endpoint y = n.add(9002);
      Random order = new Random(seed);
      x.ping(y);
      y.ping(x);
      if (seed == 0) {
        n.deliverAll(); // both WHOAREYOUs cross, then both handshakes
      } else {
        n.deliverShuffled(order);
      }
      for (Endpoint e : List.of(x, y)) {
        assertEquals(1, e.messages(Message.Ping.class).size(), "seed " + seed);
        assertEquals(1, e.messages(Message.Pong.class).size(), "seed " + seed);
        assertTrue(e.failures.isEmpty(), "seed " + seed);
      }
      long whoareyous = x.layer.stats().whoareyouSent() + y.layer.stats().whoareyouSent();

      // Afterwards both directions work under the stored keys, without a new handshake.
      x.ping(y);
      y.ping(x);
      n.deliverShuffled(order);
      for (Endpoint e : List.of(x, y)) {
        assertEquals(2, e.messages(Message.Ping.class).size(), "seed " + seed);
        assertEquals(2, e.messages(Message.Pong.class).size(), "seed " + seed);
      }
      assertEquals(whoareyous, x.layer.stats().whoareyouSent() + y.layer.stats().whoareyouSent());
    }
  }

  @Test
  void crossedHandshakeCompletesOnBothSides() {
    a.ping(b);
    b.ping(a);
    net.deliverAll();
    assertEquals(1, a.layer.stats().handshakesInitiated());
    assertEquals(1, a.layer.stats().handshakesAccepted());
    assertEquals(1, b.layer.stats().handshakesInitiated());
    assertEquals(1, b.layer.stats().handshakesAccepted());
    assertEquals(1, a.layer.sessionCount());
    assertEquals(1, b.layer.sessionCount());
  }

  @Test
  void lostWhoareyouIsRecoveredByARetransmissionWithTheSameChallenge() {
    a.ping(b);
    Datagram random = net.take();
    net.deliver(random);
    Datagram lost = net.take(); // the WHOAREYOU never arrives

    net.deliver(random); // A's packet again (a retransmission)
    Datagram again = net.take();
    assertArrayEquals(lost.bytes(), again.bytes());
    assertEquals(1, b.layer.stats().whoareyouSent());
    assertEquals(1, b.layer.stats().whoareyouResent());

    net.deliver(again);
    net.deliverAll();
    assertEquals(1, b.messages(Message.Ping.class).size());
    assertEquals(1, a.messages(Message.Pong.class).size());
  }

  @Test
  void handshakeThatNeverCompletesFailsItsMessagesAndALaterOneWorks() {
    a.ping(b);
    a.ping(b);
    a.ping(b);
    net.take(); // lost
    net.clock.advanceMillis(499);
    a.layer.expire();
    assertTrue(a.failures.isEmpty());
    net.clock.advanceMillis(2);
    a.layer.expire();
    assertEquals(3, a.failures.size());
    assertTrue(a.failures.stream().allMatch(f -> f.reason() == SendFailure.HANDSHAKE_TIMEOUT));
    assertEquals(3, a.layer.stats().sendFailures(SendFailure.HANDSHAKE_TIMEOUT));
    assertArrayEquals(new int[] {0, 0, 0}, a.layer.pendingCounts());

    a.ping(b);
    net.deliverAll();
    assertEquals(1, a.messages(Message.Pong.class).size());
  }

  @Test
  void expiredChallengeRefusesTheHandshakeAndTheNextRequestRecovers() {
    a.ping(b);
    net.deliver(net.take()); // random packet -> B
    net.deliver(net.take()); // WHOAREYOU -> A, which now holds keys
    Datagram handshake = net.take();
    net.clock.advanceMillis(501);
    net.deliver(handshake);

    assertEquals(1, b.layer.stats().drops(DropReason.HANDSHAKE_NO_CHALLENGE));
    assertEquals(0, b.layer.stats().ecdhOperations());
    assertEquals(0, b.layer.stats().idSignatureVerifications());
    assertTrue(b.received.isEmpty());
    assertFalse(b.layer.hasSession(a.id, a.address));

    // A's session is one-sided: its next request is challenged and re-handshaken around.
    a.ping(b);
    net.deliverAll();
    assertEquals(List.of(a.pingWithId(2)), b.messages(Message.Ping.class));
    assertEquals(1, a.messages(Message.Pong.class).size());
    assertEquals(2, a.layer.stats().handshakesInitiated());
  }

  @Test
  void badIdSignatureIsRefusedWithoutEcdhAndUsesUpTheChallenge() throws Exception {
    a.ping(b);
    net.deliver(net.take());
    net.deliver(net.take());
    Datagram handshake = net.take();
    Packet.Handshake parsed =
        (Packet.Handshake) new PacketCodec(new Crypto(), b.id).decode(handshake.bytes());
    int lastSignatureByte =
        PacketCodec.AUTHDATA_OFFSET
            + PacketCodec.AUTHDATA_HEAD_SIZE
            + parsed.idSignature().length
            - 1;
    byte[] forged = handshake.bytes().clone();
    forged[lastSignatureByte] ^= 1; // masking is a stream cipher: this flips the signature's bit

    b.layer.onDatagram(forged, a.address);

    SessionStats sb = b.layer.stats();
    assertEquals(1, sb.drops(DropReason.HANDSHAKE_BAD_ID_SIGNATURE));
    assertEquals(1, sb.decodeErrors(Reason.SIGNATURE_INVALID));
    assertEquals(1, sb.idSignatureVerifications());
    assertEquals(0, sb.ecdhOperations());
    assertEquals(0, sb.recordVerifications());
    assertEquals(1, sb.handshakesFailed());
    assertTrue(b.received.isEmpty());
    assertEquals(
        List.of(
            new Endpoint.Dropped(DropReason.HANDSHAKE_BAD_ID_SIGNATURE, Reason.SIGNATURE_INVALID)),
        b.drops);

    // One attempt per challenge: the genuine packet now finds none.
    net.deliver(handshake);
    assertEquals(1, sb.drops(DropReason.HANDSHAKE_NO_CHALLENGE));
    assertEquals(1, sb.idSignatureVerifications());
    assertEquals(0, sb.ecdhOperations());
  }

  @Test
  void recordTravelsOnlyWhenTheChallengeAsksForANewerOne() {
    // B knows A's current record: the WHOAREYOU carries seq 1, A leaves its record out.
    b.knows(a);
    a.ping(b);
    net.deliver(net.take());
    net.deliver(net.take());
    Datagram withoutRecord = net.take();
    net.deliver(withoutRecord);
    net.deliverAll();
    assertNull(b.handshakes.get(0).record());
    assertEquals(0, b.layer.stats().recordVerifications());
    assertEquals(1, a.messages(Message.Pong.class).size());

    // A's record moves on to seq 2: the next handshake (B lost its session) carries it.
    a.record = a.recordWithSeq(2);
    b.layer.reset();
    a.ping(b);
    net.deliver(net.take()); // undecryptable for B
    net.deliver(net.take()); // WHOAREYOU (seq 1) -> A answers around the pending PING
    Datagram withRecord = net.take();
    net.deliver(withRecord);
    net.deliverAll();
    assertEquals(2, b.handshakes.size());
    assertNotNull(b.handshakes.get(1).record());
    assertEquals(2, b.handshakes.get(1).record().seq());
    assertEquals(a.record.size(), withRecord.bytes().length - withoutRecord.bytes().length);
    assertEquals(2, a.messages(Message.Pong.class).size());
  }

  @Test
  void fiveRequestsQueuedDuringTheHandshakeAreAllSentRightAfterIt() {
    for (int i = 0; i < 5; i++) {
      a.ping(b);
    }
    assertEquals(1, net.queue.size()); // only the random packet goes out
    net.deliver(net.take());
    net.deliver(net.take()); // the WHOAREYOU
    assertEquals(5, net.queue.size()); // handshake + 4 queued requests, at once
    net.deliverAll();

    List<Bytes> ids = b.messages(Message.Ping.class).stream().map(Message::requestId).toList();
    assertEquals(List.of(1, 2, 3, 4, 5).stream().map(i -> Bytes.ofUnsignedInt(i)).toList(), ids);
    assertEquals(5, a.messages(Message.Pong.class).size());
    assertEquals(1, a.layer.stats().ecdhOperations());
  }

  @Test
  void requestsThatOvertakeTheHandshakePacketAreHeldAndDelivered() {
    for (int i = 0; i < 3; i++) {
      a.ping(b);
    }
    net.deliver(net.take());
    net.deliver(net.take()); // the WHOAREYOU
    TestNet.Datagram handshake = net.take();
    // The two queued requests arrive before the handshake that carries their keys.
    net.deliver(net.take());
    net.deliver(net.take());
    assertEquals(0, b.messages(Message.Ping.class).size());
    net.queue.clear(); // the WHOAREYOUs b re-sent for them (their nonce is spent at a)
    net.deliver(handshake);
    net.deliverAll();

    List<Bytes> ids = b.messages(Message.Ping.class).stream().map(Message::requestId).toList();
    assertEquals(List.of(1, 2, 3).stream().map(i -> Bytes.ofUnsignedInt(i)).toList(), ids);
    assertEquals(3, a.messages(Message.Pong.class).size());
    assertEquals(2, b.layer.stats().earlyPacketsReplayed());
    assertEquals(1, b.layer.stats().handshakesAccepted());
  }

  @Test
  void lostSessionIsRebuiltAroundTheRequestThatFoundItGone() {
    a.ping(b);
    net.deliverAll();
    b.layer.reset(); // B restarts

    a.ping(b);
    net.deliverAll();
    assertEquals(2, b.messages(Message.Ping.class).size());
    assertEquals(2, a.messages(Message.Pong.class).size());
    assertEquals(2, a.layer.stats().handshakesInitiated());
    assertEquals(2, b.layer.stats().whoareyouSent());
  }

  @Test
  void whoareyouFromAnotherAddressIsIgnored() {
    a.ping(b);
    net.deliver(net.take());
    Datagram whoareyou = net.take();
    a.layer.onDatagram(whoareyou.bytes(), TestNet.address(9999));
    assertEquals(1, a.layer.stats().drops(DropReason.WHOAREYOU_WRONG_ADDRESS));
    assertTrue(net.queue.isEmpty());

    net.deliver(whoareyou);
    net.deliverAll();
    assertEquals(1, a.messages(Message.Pong.class).size());
  }

  @Test
  void sendsThatCannotHappenAreReported() {
    // A response needs a session.
    a.layer.send(b.contact(), new Message.Pong(Bytes.of(1), 1, a.address), false);
    assertEquals(SendFailure.NO_SESSION, a.failures.get(0).reason());
    // A request to a node whose key is unknown cannot start a handshake...
    a.layer.send(NodeContact.of(b.id, b.address), a.ping(), false);
    assertEquals(SendFailure.UNKNOWN_PUBLIC_KEY, a.failures.get(1).reason());
    assertTrue(net.queue.isEmpty());
    // ...unless the directory knows it.
    a.knows(b);
    a.layer.send(NodeContact.of(b.id, b.address), a.ping(), false);
    // Behind one handshake at most 16 messages wait.
    for (int i = 0; i < 17; i++) {
      a.ping(b);
    }
    assertEquals(SendFailure.QUEUE_FULL, a.failures.get(2).reason());
    assertEquals(3, a.failures.size());
    net.deliverAll();
    assertEquals(17, a.messages(Message.Pong.class).size());
  }

  @Test
  void aContactWhoseKeyIsNotItsNodeIsAProgrammingError() {
    NodeContact wrong = new NodeContact(b.id, b.address, a.key.publicKey());
    assertThrows(IllegalArgumentException.class, () -> a.layer.send(wrong, a.ping(), false));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            a.layer.send(
                b.contact(),
                new Message.TalkReq(
                    Bytes.of(1), Bytes.EMPTY, Bytes.wrap(new byte[SessionLayer.MAX_MESSAGE_SIZE])),
                false));
    assertTrue(net.queue.isEmpty());
  }

  @Test
  void challengesAreBoundedAndOversizedUndecryptablePacketsAreNotAnswered() {
    SessionConfig small =
        new SessionConfig(
            16,
            10,
            java.time.Duration.ofMillis(500),
            java.time.Duration.ofMillis(500),
            java.time.Duration.ofSeconds(1),
            2,
            16,
            16,
            4,
            false);
    TestNet n = new TestNet(11);
    Endpoint server = n.add(9000);
    SessionLayer<io.codex.dht.spr.SignedPeerRecord> limited =
        SessionLayer.builder(CodexProfile.INSTANCE, server.key, () -> server.record)
            .config(small)
            .clock(n.clock)
            .random(new Random(1))
            .output((to, bytes) -> n.queue.add(new Datagram(server.address, to, bytes)))
            .listener(server)
            .build();
    for (int port = 9001; port <= 9003; port++) {
      Endpoint client = n.add(port);
      client.ping(server);
      limited.onDatagram(n.take().bytes(), client.address);
      n.queue.clear();
    }
    assertEquals(2, limited.stats().whoareyouSent());
    assertEquals(1, limited.stats().drops(DropReason.CHALLENGE_LIMIT));

    PacketCodec codec = new PacketCodec(new Crypto(), a.id);
    byte[] oversized =
        codec.encodeRandom(
            Crypto.maskingKey(b.id), new byte[16], new byte[12], a.id, new byte[1300]);
    b.layer.onDatagram(oversized, a.address);
    assertEquals(1, b.layer.stats().drops(DropReason.UNDECRYPTABLE_TOO_LARGE));
    assertTrue(net.queue.isEmpty());
  }
}
