package io.codex.dht.session;

import static io.codex.dht.session.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.PublicKey;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The packet layer on its own: the devp2p packet vectors (the layer is profile-independent, so the
 * standard discv5 packets encode and decode byte for byte), the Codex WHOAREYOU, and size rules.
 */
class PacketCodecTest {
  private static final JsonNode DEVP2P = Vectors.WIRE.get("packet_encodings");
  private static final NodeId A =
      NodeId.fromBytes(hex(DEVP2P.get("ping_message_packet").get("inputs").get("src_node_id")));
  private static final NodeId B =
      NodeId.fromBytes(hex(DEVP2P.get("ping_message_packet").get("inputs").get("dest_node_id")));

  private final Crypto crypto = new Crypto();
  private final PacketCodec asB = new PacketCodec(crypto, B);

  @Test
  void devp2pOrdinaryPacketEncodesAndDecodesByteForByte() throws Exception {
    JsonNode v = DEVP2P.get("ping_message_packet");
    JsonNode in = v.get("inputs");
    SecretKeySpec key = Crypto.aesKey(hex(in.get("read_key")), 0);
    byte[] plaintext = hex(v.get("message_plaintext_derived"));
    byte[] expected = hex(v.get("expected_packet"));

    byte[] packet =
        asB.encodeOrdinary(
            Crypto.maskingKey(B), new byte[16], hex(in.get("nonce")), A, key, plaintext);
    assertArrayEquals(expected, packet);

    Packet.Ordinary decoded = assertInstanceOf(Packet.Ordinary.class, asB.decode(expected));
    assertEquals(A, decoded.srcId());
    assertEquals(in.get("nonce").asText(), decoded.nonce().toUnprefixedHexString());
    assertArrayEquals(
        plaintext, asB.open(decoded.header(), expected, decoded.messageOffset(), key));
    SecretKeySpec otherKey = Crypto.aesKey(hex("00000000000000000000000000000001"), 0);
    assertNull(asB.open(decoded.header(), expected, decoded.messageOffset(), otherKey));
  }

  @Test
  void devp2pWhoareyouEncodesAndDecodesByteForByte() throws Exception {
    JsonNode v = DEVP2P.get("whoareyou_packet");
    JsonNode in = v.get("inputs");
    byte[] challenge =
        PacketCodec.whoareyouChallenge(
            new byte[16],
            hex(in.get("whoareyou_request_nonce")),
            hex(in.get("whoareyou_id_nonce")),
            in.get("whoareyou_enr_seq").asLong());
    assertArrayEquals(hex(in.get("whoareyou_challenge_data")), challenge);
    byte[] expected = hex(v.get("expected_packet"));
    assertArrayEquals(expected, asB.encodeWhoareyou(Crypto.maskingKey(B), challenge));

    Packet.Whoareyou decoded = assertInstanceOf(Packet.Whoareyou.class, asB.decode(expected));
    assertArrayEquals(challenge, decoded.challengeData());
    assertArrayEquals(hex(in.get("whoareyou_id_nonce")), decoded.idNonce());
    assertEquals(0, decoded.recordSeq());
  }

  @Test
  void devp2pHandshakesParseDeriveTheReadKeyAndDecrypt() throws Exception {
    PrivateKey nodeB =
        PrivateKey.fromHex(Vectors.WIRE.get("keys").get("node_b_private_key").asText());
    for (String name :
        new String[] {"ping_handshake_packet", "ping_handshake_packet_with_record"}) {
      JsonNode v = DEVP2P.get(name);
      JsonNode in = v.get("inputs");
      byte[] packet = hex(v.get("expected_packet"));
      Packet.Handshake h = assertInstanceOf(Packet.Handshake.class, asB.decode(packet));
      assertEquals(A, h.srcId());
      assertEquals(64, h.idSignature().length, name); // Ethereum's r || s form
      assertArrayEquals(hex(in.get("ephemeral_pubkey")), h.ephemeralKey(), name);
      assertEquals(name.endsWith("record") ? 127 : 0, h.record().length, name);

      byte[] secret = nodeB.ecdh(PublicKey.fromCompressed(h.ephemeralKey()));
      byte[] keys = crypto.deriveKeys(secret, hex(in.get("whoareyou_challenge_data")), A, B);
      assertArrayEquals(hex(in.get("read_key")), Arrays.copyOf(keys, 16), name);
      assertArrayEquals(
          hex(v.get("message_plaintext_derived")),
          asB.open(h.header(), packet, h.messageOffset(), Crypto.aesKey(keys, 0)),
          name);
    }
  }

  @Test
  void codexWhoareyouVectorDecodesAndFailsWithATrailingByte() throws Exception {
    JsonNode v = Vectors.CODEX.get("packet_encodings").get("whoareyou_packet");
    JsonNode in = v.get("inputs");
    PrivateKey nodeB =
        PrivateKey.fromHex(Vectors.CODEX.get("keys").get("node_b_private_key").asText());
    PacketCodec codex = new PacketCodec(crypto, CodexProfile.INSTANCE.nodeId(nodeB.publicKey()));

    Packet.Whoareyou w =
        assertInstanceOf(Packet.Whoareyou.class, codex.decode(hex(v.get("expected_packet"))));
    assertEquals(in.get("whoareyou_request_nonce").asText(), w.nonce().toUnprefixedHexString());
    assertArrayEquals(hex(in.get("whoareyou_id_nonce")), w.idNonce());
    assertEquals(in.get("whoareyou_spr_seq").asLong(), w.recordSeq());
    assertArrayEquals(hex(in.get("whoareyou_challenge_data")), w.challengeData());

    DecodeException e =
        assertThrows(
            DecodeException.class, () -> codex.decode(hex(v.get("negative_case").get("input"))));
    assertEquals(Reason.WHOAREYOU_WITH_MESSAGE, e.reason());
  }

  @Test
  void sizeRulesAreEnforcedBeforeAnyWork() throws Exception {
    assertReason(Reason.PACKET_TOO_SMALL, new byte[62]);
    assertReason(Reason.PACKET_TOO_LARGE, new byte[65536]);

    // An ordinary packet may be large (Codex PROVIDERS replies), a handshake may not.
    SecretKeySpec key = Crypto.aesKey(new byte[16], 0);
    byte[] big = asB.encodeOrdinary(Crypto.maskingKey(B), iv(1), nonce(1), A, key, new byte[3000]);
    assertInstanceOf(Packet.Ordinary.class, asB.decode(big));
    byte[] bigHandshake =
        asB.encodeHandshake(
            Crypto.maskingKey(B),
            iv(2),
            nonce(2),
            A,
            new byte[70],
            new byte[37],
            new byte[1024],
            key,
            new byte[200]);
    assertReason(Reason.PACKET_TOO_LARGE, bigHandshake);
    byte[] smallHandshake =
        asB.encodeHandshake(
            Crypto.maskingKey(B),
            iv(3),
            nonce(3),
            A,
            new byte[70],
            new byte[37],
            new byte[0],
            key,
            new byte[20]);
    Packet.Handshake h = assertInstanceOf(Packet.Handshake.class, asB.decode(smallHandshake));
    assertEquals(0, h.record().length);
  }

  @Test
  void malformedHeadersGetTheirTypedReasons() {
    SecretKeySpec key = Crypto.aesKey(new byte[16], 0);
    byte[] good = asB.encodeOrdinary(Crypto.maskingKey(B), iv(4), nonce(4), A, key, new byte[8]);
    // The header is masked with AES-CTR, so flipping a masked bit flips the same unmasked bit.
    assertReason(Reason.BAD_PROTOCOL_ID, flip(good, 16, 0x01));
    assertReason(Reason.BAD_VERSION, flip(good, 16 + 7, 0x02));
    assertReason(Reason.BAD_FLAG, flip(good, 16 + 8, 0x04));
    assertReason(Reason.BAD_AUTHDATA, flip(good, 16 + 22, 0x01)); // authdata-size 33
    assertReason(Reason.BAD_AUTHDATA, flip(good, 16 + 21, 0x80)); // past the packet
    assertReason(Reason.BAD_AUTHDATA, flip(good, 16 + 8, 0x01)); // a WHOAREYOU of 32 bytes
    assertReason(Reason.PACKET_TOO_SMALL, Arrays.copyOf(good, 16 + 23 + 32 + 15));
    // A packet for another node unmasks to garbage.
    PacketCodec asA = new PacketCodec(crypto, A);
    assertThrows(DecodeException.class, () -> asA.decode(good));
  }

  private void assertReason(Reason reason, byte[] packet) {
    DecodeException e = assertThrows(DecodeException.class, () -> asB.decode(packet));
    assertEquals(reason, e.reason(), e.getMessage());
  }

  private static byte[] flip(byte[] packet, int index, int mask) {
    byte[] copy = packet.clone();
    copy[index] ^= (byte) mask;
    return copy;
  }

  private static byte[] iv(long seed) {
    byte[] b = new byte[16];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] nonce(long seed) {
    byte[] b = new byte[12];
    new Random(seed + 100).nextBytes(b);
    return b;
  }
}
