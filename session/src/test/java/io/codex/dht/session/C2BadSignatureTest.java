package io.codex.dht.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.session.TestNet.Datagram;
import io.codex.dht.session.TestNet.Endpoint;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * C2: after one valid WHOAREYOU, 1,000 handshakes with bad id-signatures arrive from the challenged
 * address, then the genuine one. The challenge buys one signature verification and no ECDH; the
 * genuine handshake then finds no challenge and fails; the honest node's next request draws a new
 * challenge and its handshake succeeds.
 */
class C2BadSignatureTest {
  private static final long SEED = 42;

  @Test
  void oneChallengeBuysOneVerificationAndTheHonestNodeRecovers() throws Exception {
    SessionConfig open = SessionConfig.defaults().withoutRateLimits();
    TestNet net = new TestNet(SEED, open);
    Endpoint honest = net.add(TestNet.publicAddress(2, 9000), open);
    Endpoint victim = net.add(TestNet.publicAddress(1, 30303), SessionConfig.defaults());
    honest.ping(victim);
    net.deliver(net.take()); // the random packet
    net.deliver(net.take()); // the WHOAREYOU
    Datagram handshake = net.take();
    assertTrue(net.queue.isEmpty());

    Packet.Handshake parsed =
        (Packet.Handshake) new PacketCodec(new Crypto(), victim.id).decode(handshake.bytes());
    int sigAt = PacketCodec.AUTHDATA_OFFSET + PacketCodec.AUTHDATA_HEAD_SIZE;
    int sigBits = parsed.idSignature().length * 8;
    Random random = new Random(SEED ^ 0x5DEECE66DL);
    for (int i = 0; i < 1000; i++) {
      byte[] forged = handshake.bytes().clone();
      // The header is masked with a stream cipher: flipping masked bits flips the signature's.
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        int bit = random.nextInt(sigBits);
        forged[sigAt + bit / 8] ^= (byte) (1 << (bit % 8));
      }
      victim.layer.onDatagram(forged, honest.address);
    }
    SessionStats s = victim.layer.stats();
    assertEquals(1, s.idSignatureVerifications());
    assertEquals(0, s.ecdhOperations());
    assertEquals(0, s.recordVerifications());
    assertEquals(1, s.drops(DropReason.HANDSHAKE_BAD_ID_SIGNATURE));
    assertEquals(999, s.drops(DropReason.HANDSHAKE_NO_CHALLENGE));

    // The genuine handshake comes too late: its challenge is used up.
    net.deliver(handshake);
    assertEquals(1000, s.drops(DropReason.HANDSHAKE_NO_CHALLENGE));
    assertEquals(1, s.idSignatureVerifications());
    assertEquals(0, victim.layer.sessionCount());
    assertTrue(victim.received.isEmpty());

    // The honest node believes it has a session; its next request draws a new challenge, and the
    // handshake around it succeeds.
    honest.ping(victim);
    net.deliverAll();
    assertEquals(2, s.whoareyouSent());
    assertEquals(2, s.idSignatureVerifications());
    assertEquals(1, s.ecdhOperations());
    assertEquals(1, s.handshakesAccepted());
    assertEquals(List.of(honest.pingWithId(2)), victim.messages(Message.Ping.class));
    assertEquals(1, honest.messages(Message.Pong.class).size());
  }
}
