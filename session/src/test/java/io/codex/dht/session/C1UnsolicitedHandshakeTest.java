package io.codex.dht.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.session.TestNet.Datagram;
import io.codex.dht.session.TestNet.Endpoint;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import java.net.InetSocketAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * C1: 100,000 handshake packets for which the victim issued no challenge (a genuine handshake
 * replayed from its own and from other addresses, and copies claiming random node ids): not one
 * signature verification, not one ECDH. Control: the same genuine handshake, once the victim holds
 * its challenge, costs exactly one of each, so the counters do count.
 */
class C1UnsolicitedHandshakeTest {
  private static final long SEED = 41;

  @Test
  void handshakesWithoutAChallengeCostNoPublicKeyOperation() throws Exception {
    SessionConfig open = SessionConfig.defaults().withoutRateLimits();
    Random random = new Random(SEED ^ 0x5DEECE66DL);
    PrivateKey victimKey = PrivateKey.generate(random);

    // Capture a genuine handshake towards a victim with this key.
    TestNet capture = new TestNet(SEED, open);
    Endpoint a = capture.add(TestNet.publicAddress(2, 9000), open);
    Endpoint first = capture.add(victimKey, TestNet.publicAddress(1, 30303), open);
    a.ping(first);
    capture.deliver(capture.take());
    Datagram whoareyou = capture.take();
    byte[] challengeData =
        ((Packet.Whoareyou) new PacketCodec(new Crypto(), a.id).decode(whoareyou.bytes()))
            .challengeData();
    capture.deliver(whoareyou);
    Datagram handshake = capture.take();
    Packet.Handshake parsed =
        (Packet.Handshake) new PacketCodec(new Crypto(), first.id).decode(handshake.bytes());

    // A fresh victim with the same key: it never sent a WHOAREYOU.
    TestNet net = new TestNet(SEED, SessionConfig.defaults());
    Endpoint victim = net.add(victimKey, TestNet.publicAddress(1, 30303), SessionConfig.defaults());
    // Copies of the genuine handshake claiming random node ids, with or without its record (2,000
    // of them, sent in turn: the victim holds no state for any of them).
    PacketCodec forge = new PacketCodec(new Crypto(), NodeId.ZERO);
    byte[][] copies = new byte[2000][];
    for (int i = 0; i < copies.length; i++) {
      copies[i] =
          forge.encodeHandshake(
              Crypto.maskingKey(victim.id),
              bytes(random, 16),
              bytes(random, 12),
              NodeId.fromBytes(bytes(random, 32)),
              parsed.idSignature(),
              parsed.ephemeralKey(),
              random.nextBoolean() ? parsed.record() : new byte[0],
              Crypto.aesKey(bytes(random, 16), 0),
              bytes(random, 20));
    }
    int packets = 100_000;
    for (int i = 0; i < packets; i++) {
      net.clock.advanceMillis(1);
      byte[] packet;
      InetSocketAddress from;
      if (i % 10 == 0) {
        packet = handshake.bytes().clone(); // the genuine one, from its own address
        from = a.address;
      } else if (i % 10 == 1) {
        packet = handshake.bytes().clone(); // the genuine one, from elsewhere
        from = TestNet.publicAddress(1000 + random.nextInt(50_000), 9000);
      } else {
        packet = copies[i % copies.length].clone();
        from =
            random.nextBoolean() ? a.address : TestNet.publicAddress(random.nextInt(50_000), 9000);
      }
      victim.layer.onDatagram(packet, from);
    }
    SessionStats s = victim.layer.stats();
    assertEquals(0, s.idSignatureVerifications());
    assertEquals(0, s.ecdhOperations());
    assertEquals(0, s.recordVerifications());
    assertEquals(packets, s.drops(DropReason.HANDSHAKE_NO_CHALLENGE));
    assertEquals(packets, s.drops());
    assertTrue(net.queue.isEmpty());
    assertEquals(0, victim.layer.sessionCount());

    // Control: with the challenge in place, the genuine handshake costs one of each.
    victim.layer.installChallenge(a.id, a.address, challengeData, null);
    victim.layer.onDatagram(handshake.bytes().clone(), a.address);
    assertEquals(1, s.idSignatureVerifications());
    assertEquals(1, s.ecdhOperations());
    assertEquals(1, s.handshakesAccepted());
    assertTrue(victim.layer.hasSession(a.id, a.address));
  }

  private static byte[] bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
