package io.codex.dht.session;

import static io.codex.dht.session.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/**
 * The four Codex packet vectors, decoded by a session layer acting as node B: the message comes out
 * as nim-codex-dht's test expects, and a trailing byte makes the handshakes fail.
 */
class CodexPacketVectorsTest {
  private static final JsonNode PACKETS = Vectors.CODEX.get("packet_encodings");
  private static final InetSocketAddress A_ADDRESS = TestNet.address(9001);

  private final TestNet net = new TestNet(3);
  private final PrivateKey keyA = key("node_a_private_key");
  private final TestNet.Endpoint b = net.add(key("node_b_private_key"), 9000);
  private final NodeId idA = CodexProfile.INSTANCE.nodeId(keyA.publicKey());

  @Test
  void ordinaryPingDecodesWithTheInstalledSession() {
    JsonNode v = PACKETS.get("ping_message_packet");
    b.layer.installSession(
        idA,
        A_ADDRESS,
        hex(v.get("inputs").get("read_key")),
        hex(v.get("inputs").get("other_direction_key")),
        keyA.publicKey());

    b.layer.onDatagram(hex(v.get("expected_packet")), A_ADDRESS);

    assertEquals(1, b.received.size());
    TestNet.Endpoint.Received r = b.received.get(0);
    assertEquals(idA, r.from());
    assertEquals(new Message.Ping(Bytes.fromHexString("00000001"), 2), r.message());
    assertFalse(r.clientMode());
    assertEquals(0, b.layer.stats().drops());
  }

  @Test
  void ordinaryPingFromAnotherAddressIsUndecryptableAndChallenged() {
    JsonNode v = PACKETS.get("ping_message_packet");
    b.layer.installSession(
        idA, A_ADDRESS, hex(v.get("inputs").get("read_key")), new byte[16], keyA.publicKey());
    b.answerPings = false;

    b.layer.onDatagram(hex(v.get("expected_packet")), TestNet.address(9002));

    assertTrue(b.received.isEmpty());
    assertEquals(1, b.layer.stats().whoareyouSent());
    TestNet.Datagram whoareyou = net.take();
    assertEquals(PacketCodec.WHOAREYOU_SIZE, whoareyou.bytes().length);
    assertEquals(TestNet.address(9002), whoareyou.to());
  }

  @Test
  void handshakeWithoutRecordDecodesWithTheKnownKey() {
    JsonNode v = PACKETS.get("ping_handshake_packet");
    byte[] challenge = hex(v.get("inputs").get("whoareyou_challenge_data"));
    b.layer.installChallenge(idA, A_ADDRESS, challenge, keyA.publicKey());

    b.layer.onDatagram(hex(v.get("expected_packet")), A_ADDRESS);

    assertEquals(1, b.received.size(), b.drops.toString());
    assertEquals(new Message.Ping(Bytes.fromHexString("00000001"), 1), b.received.get(0).message());
    assertEquals(1, b.handshakes.size());
    assertNull(b.handshakes.get(0).record());
    assertEquals(1, b.layer.stats().handshakesAccepted());
    assertEquals(1, b.layer.stats().ecdhOperations());
    assertEquals(0, b.layer.stats().recordVerifications());
    assertTrue(b.layer.hasSession(idA, A_ADDRESS));

    // With a trailing byte (and a fresh challenge) the tag no longer verifies.
    b.layer.installChallenge(idA, TestNet.address(9003), challenge, keyA.publicKey());
    b.layer.onDatagram(hex(v.get("negative_case").get("input")), TestNet.address(9003));
    assertEquals(1, b.layer.stats().drops(DropReason.HANDSHAKE_DECRYPT_FAILED));
    assertFalse(b.layer.hasSession(idA, TestNet.address(9003)));
    assertEquals(1, b.received.size());
  }

  @Test
  void handshakeWithRecordDecodesAndCarriesNodeAsRecord() {
    JsonNode v = PACKETS.get("ping_handshake_packet_with_record");
    byte[] challenge = hex(v.get("inputs").get("whoareyou_challenge_data"));
    b.layer.installChallenge(idA, A_ADDRESS, challenge, null);

    b.layer.onDatagram(hex(v.get("expected_packet")), A_ADDRESS);

    assertEquals(1, b.received.size(), b.drops.toString());
    assertEquals(new Message.Ping(Bytes.fromHexString("00000001"), 1), b.received.get(0).message());
    SignedPeerRecord record = b.handshakes.get(0).record();
    assertNotNull(record);
    assertEquals(idA, record.nodeId());
    assertEquals(1, record.seq());
    assertEquals(Optional.of(TestNet.address(9000)), record.udpEndpoint()); // the bytes say 9000
    assertEquals(1, b.layer.stats().recordVerifications());

    b.layer.installChallenge(idA, TestNet.address(9003), challenge, null);
    b.layer.onDatagram(hex(v.get("negative_case").get("input")), TestNet.address(9003));
    assertEquals(1, b.layer.stats().drops(DropReason.HANDSHAKE_DECRYPT_FAILED));
    assertEquals(1, b.handshakes.size());
  }

  @Test
  void handshakeWithoutRecordFromAnUnknownNodeIsRefused() {
    JsonNode v = PACKETS.get("ping_handshake_packet");
    b.layer.installChallenge(
        idA, A_ADDRESS, hex(v.get("inputs").get("whoareyou_challenge_data")), null);

    b.layer.onDatagram(hex(v.get("expected_packet")), A_ADDRESS);

    assertTrue(b.received.isEmpty());
    assertEquals(1, b.layer.stats().drops(DropReason.HANDSHAKE_UNKNOWN_KEY));
    assertEquals(0, b.layer.stats().idSignatureVerifications());
    assertEquals(0, b.layer.stats().ecdhOperations());
  }

  @Test
  void handshakeWithoutChallengeCostsNothing() {
    b.layer.onDatagram(
        hex(PACKETS.get("ping_handshake_packet_with_record").get("expected_packet")), A_ADDRESS);
    assertEquals(1, b.layer.stats().drops(DropReason.HANDSHAKE_NO_CHALLENGE));
    assertEquals(0, b.layer.stats().idSignatureVerifications());
    assertEquals(0, b.layer.stats().ecdhOperations());
  }

  @Test
  void whoareyouVectorWithoutAPendingRequestIsUnsolicited() {
    b.layer.onDatagram(hex(PACKETS.get("whoareyou_packet").get("expected_packet")), A_ADDRESS);
    assertEquals(1, b.layer.stats().drops(DropReason.UNSOLICITED_WHOAREYOU));
    assertArrayEquals(new int[] {0, 0, 0}, b.layer.pendingCounts());
  }

  private static PrivateKey key(String name) {
    try {
      return PrivateKey.fromHex(Vectors.CODEX.get("keys").get(name).asText());
    } catch (io.codex.dht.spr.DecodeException e) {
      throw new IllegalStateException(e);
    }
  }
}
