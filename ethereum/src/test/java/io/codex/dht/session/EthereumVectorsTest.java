package io.codex.dht.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codex.dht.ethereum.Enr;
import io.codex.dht.ethereum.EthereumProfile;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.PublicKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every devp2p discv5 v5.1 vector through a real {@link SessionLayer} running {@link
 * EthereumProfile}: each packet is produced byte for byte by the layer (with the generators'
 * masking IV, nonces, id-nonce and ephemeral key scripted into its random source) and decoded back
 * to its fields; the crypto primitives (ECDH, HKDF, id-signature, AES-GCM) byte for byte.
 */
class EthereumVectorsTest {
  private static final JsonNode WIRE = json();
  private static final JsonNode PACKETS = WIRE.get("packet_encodings");
  private static final JsonNode CRYPTO = WIRE.get("crypto_primitives");
  private static final InetSocketAddress ADDRESS_A = Endpoint.address(30303);
  private static final InetSocketAddress ADDRESS_B = Endpoint.address(30304);
  private static final byte[] REQUEST_NONCE = hex("0102030405060708090a0b0c");
  private static final byte[] ID_NONCE = hex("0102030405060708090a0b0c0d0e0f10");
  private static final byte[] NONCE_FF = hex("ffffffffffffffffffffffff");
  private static final Bytes REQUEST_ID = Bytes.fromHexString("0x00000001");

  private final PrivateKey keyA = key("node_a_private_key");
  private final PrivateKey keyB = key("node_b_private_key");
  private final Endpoint.Wire wire = new Endpoint.Wire();

  @Test
  void nodeIdsAreTheVectorsIds() {
    JsonNode in = PACKETS.get("ping_message_packet").get("inputs");
    assertEquals(nodeId(in.get("src_node_id")), EthereumProfile.INSTANCE.nodeId(keyA.publicKey()));
    assertEquals(nodeId(in.get("dest_node_id")), EthereumProfile.INSTANCE.nodeId(keyB.publicKey()));
  }

  @Test
  void ordinaryPingEncodesByteForByte() {
    JsonNode v = PACKETS.get("ping_message_packet");
    ScriptedRandom random = new ScriptedRandom().then(NONCE_FF).then(new byte[16]);
    Endpoint<Enr> a = endpoint(keyA, ADDRESS_A, random, EthereumProfile.INSTANCE);
    NodeId idB = EthereumProfile.INSTANCE.nodeId(keyB.publicKey());
    a.layer.installSession(
        idB, ADDRESS_B, new byte[16], hex(v.get("inputs").get("read_key")), keyB.publicKey());

    a.layer.send(
        new NodeContact(idB, ADDRESS_B, keyB.publicKey()), new Message.Ping(REQUEST_ID, 2), false);

    assertArrayEquals(hex(v.get("expected_packet")), wire.queue.pollFirst().bytes());
  }

  @Test
  void ordinaryPingDecodesToItsFields() {
    JsonNode v = PACKETS.get("ping_message_packet");
    Endpoint<Enr> b = endpoint(keyB, ADDRESS_B, new Random(1), EthereumProfile.INSTANCE);
    NodeId idA = EthereumProfile.INSTANCE.nodeId(keyA.publicKey());
    b.layer.installSession(
        idA, ADDRESS_A, hex(v.get("inputs").get("read_key")), new byte[16], keyA.publicKey());

    b.layer.onDatagram(hex(v.get("expected_packet")), ADDRESS_A);

    assertEquals(1, b.received.size(), b.drops.toString());
    assertEquals(idA, b.received.get(0).from());
    assertEquals(new Message.Ping(REQUEST_ID, 2), b.received.get(0).message());
  }

  @Test
  void whoareyouIsSentByteForByteAndAnswered() {
    JsonNode v = PACKETS.get("whoareyou_packet");
    // B starts a handshake with A (its random packet carries the request nonce) ...
    ScriptedRandom randomB = new ScriptedRandom().then(REQUEST_NONCE);
    Endpoint<Enr> b = endpoint(keyB, ADDRESS_B, randomB, EthereumProfile.INSTANCE);
    // ... and A, who knows no record of B (enr-seq 0), challenges it.
    ScriptedRandom randomA = new ScriptedRandom().then(new byte[16]).then(ID_NONCE);
    Endpoint<Enr> a = endpoint(keyA, ADDRESS_A, randomA, EthereumProfile.INSTANCE);
    b.layer.send(a.contact(), new Message.Ping(REQUEST_ID, 1), false);
    a.layer.onDatagram(wire.queue.pollFirst().bytes(), ADDRESS_B);

    byte[] whoareyou = wire.queue.pollFirst().bytes();
    assertArrayEquals(hex(v.get("expected_packet")), whoareyou);

    b.layer.onDatagram(whoareyou, ADDRESS_A);
    assertEquals(1, b.layer.stats().handshakesInitiated(), b.drops.toString());
    assertEquals(0, b.layer.stats().drops());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ping_handshake_packet", "ping_handshake_packet_with_record"})
  void handshakeEncodesByteForByte(String name) throws Exception {
    JsonNode v = PACKETS.get(name);
    JsonNode in = v.get("inputs");
    PrivateKey ephemeral = PrivateKey.fromHex(in.get("ephemeral_key").asText());
    ScriptedRandom random =
        new ScriptedRandom()
            .then(REQUEST_NONCE) // the random packet: nonce, masking IV, filler
            .then(new byte[16])
            .then(new byte[20])
            .then(new byte[16]) // the handshake: masking IV, nonce
            .then(NONCE_FF);
    Endpoint<Enr> a = endpoint(keyA, ADDRESS_A, random, fixedEphemeral(ephemeral));
    NodeId idA = a.id;
    NodeId idB = EthereumProfile.INSTANCE.nodeId(keyB.publicKey());
    a.layer.send(
        new NodeContact(idB, ADDRESS_B, keyB.publicKey()), new Message.Ping(REQUEST_ID, 1), false);
    wire.queue.clear();

    byte[] challenge = hex(in.get("whoareyou_challenge_data"));
    byte[] whoareyou =
        new PacketCodec(new Crypto(), idA).encodeWhoareyou(Crypto.maskingKey(idA), challenge);
    a.layer.onDatagram(whoareyou, ADDRESS_B);

    assertArrayEquals(hex(v.get("expected_packet")), wire.queue.pollFirst().bytes(), name);
    assertEquals(1, a.layer.stats().handshakesInitiated());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ping_handshake_packet", "ping_handshake_packet_with_record"})
  void handshakeDecodesToItsFields(String name) {
    JsonNode v = PACKETS.get(name);
    boolean withRecord = name.endsWith("record");
    byte[] challenge = hex(v.get("inputs").get("whoareyou_challenge_data"));
    Endpoint<Enr> b = endpoint(keyB, ADDRESS_B, new Random(2), EthereumProfile.INSTANCE);
    NodeId idA = EthereumProfile.INSTANCE.nodeId(keyA.publicKey());
    b.layer.installChallenge(idA, ADDRESS_A, challenge, withRecord ? null : keyA.publicKey());

    b.layer.onDatagram(hex(v.get("expected_packet")), ADDRESS_A);

    assertEquals(1, b.received.size(), b.drops.toString());
    assertEquals(new Message.Ping(REQUEST_ID, 1), b.received.get(0).message());
    assertTrue(b.layer.hasSession(idA, ADDRESS_A));
    Enr record = b.handshakeRecords.get(0);
    if (withRecord) {
      assertNotNull(record);
      assertEquals(idA, record.nodeId());
      assertEquals(1, record.seq());
      assertEquals(
          v.get("record_from_consensys").get("record_rlp_derived").asText(),
          HexFormat.of().formatHex(record.encoded()));
      assertEquals(1, b.layer.stats().recordVerifications());
    } else {
      assertNull(record);
    }

    // With a trailing byte (and a fresh challenge) the message tag no longer verifies.
    InetSocketAddress other = Endpoint.address(30305);
    b.layer.installChallenge(idA, other, challenge, keyA.publicKey());
    byte[] packet = hex(v.get("expected_packet"));
    b.layer.onDatagram(Arrays.copyOf(packet, packet.length + 1), other);
    assertEquals(1, b.layer.stats().drops(DropReason.HANDSHAKE_DECRYPT_FAILED));
    assertEquals(1, b.received.size());
  }

  @Test
  void ecdhGivesTheSharedSecret() throws Exception {
    JsonNode v = CRYPTO.get("ecdh");
    PrivateKey secret = PrivateKey.fromHex(v.get("inputs").get("secret_key").asText());
    PublicKey pub =
        EthereumProfile.INSTANCE.decodeEphemeralKey(hex(v.get("inputs").get("public_key")));
    assertArrayEquals(
        hex(v.get("expected").get("shared_secret")), EthereumProfile.INSTANCE.ecdh(secret, pub));
  }

  @Test
  void keyDerivationGivesBothKeys() throws Exception {
    JsonNode v = CRYPTO.get("key_derivation");
    JsonNode in = v.get("inputs");
    byte[] secret =
        EthereumProfile.INSTANCE.ecdh(
            PrivateKey.fromHex(in.get("ephemeral_key").asText()),
            PublicKey.fromCompressed(hex(in.get("dest_pubkey"))));
    byte[] keys =
        new Crypto()
            .deriveKeys(
                secret,
                hex(in.get("challenge_data")),
                nodeId(in.get("node_id_a")),
                nodeId(in.get("node_id_b")));
    assertArrayEquals(hex(v.get("expected").get("initiator_key")), Arrays.copyOf(keys, 16));
    assertArrayEquals(
        hex(v.get("expected").get("recipient_key")), Arrays.copyOfRange(keys, 16, 32));
  }

  @Test
  void idSignatureIsReproducedAndVerifies() throws Exception {
    JsonNode v = CRYPTO.get("id_nonce_signing");
    JsonNode in = v.get("inputs");
    PrivateKey key = PrivateKey.fromHex(in.get("static_key").asText());
    byte[] challenge = hex(in.get("challenge_data"));
    byte[] ephemeral = hex(in.get("ephemeral_pubkey"));
    NodeId recipient = nodeId(in.get("node_id_b"));
    EthereumProfile p = EthereumProfile.INSTANCE;

    byte[] signature = p.signIdNonce(key, challenge, ephemeral, recipient);
    assertArrayEquals(hex(v.get("expected").get("id_signature")), signature);
    p.verifyIdNonce(key.publicKey(), signature, challenge, ephemeral, recipient);
    DecodeException other =
        assertThrows(
            DecodeException.class,
            () -> p.verifyIdNonce(key.publicKey(), signature, challenge, ephemeral, NodeId.ZERO));
    assertEquals(DecodeException.Reason.SIGNATURE_INVALID, other.reason());
    DecodeException der =
        assertThrows(
            DecodeException.class,
            () ->
                p.verifyIdNonce(
                    key.publicKey(),
                    Arrays.copyOf(signature, 70),
                    challenge,
                    ephemeral,
                    recipient));
    assertEquals(DecodeException.Reason.BAD_SIGNATURE_ENCODING, der.reason());
  }

  @Test
  void aesGcmSealsTheVectorAndItsPlaintextIsAPing() throws Exception {
    JsonNode v = CRYPTO.get("aes_gcm_encryption");
    JsonNode in = v.get("inputs");
    byte[] key = hex(in.get("encryption_key"));
    byte[] nonce = hex(in.get("nonce"));
    byte[] plaintext = hex(in.get("plaintext"));
    byte[] aad = hex(in.get("associated_data"));
    byte[] expected = hex(v.get("expected").get("message_ciphertext_with_tag"));
    Crypto crypto = new Crypto();
    byte[] sealed = new byte[plaintext.length + Crypto.TAG_SIZE];
    crypto.seal(Crypto.aesKey(key, 0), nonce, 0, aad, aad.length, plaintext, sealed, 0);
    assertArrayEquals(expected, sealed);
    byte[] opened = crypto.open(Crypto.aesKey(key, 0), nonce, 0, aad, expected, 0, expected.length);
    assertArrayEquals(plaintext, opened);
    assertEquals(
        new Message.Ping(Bytes.of(1), 1), EthereumProfile.INSTANCE.decodeMessage(opened).message());
    assertArrayEquals(
        plaintext, EthereumProfile.INSTANCE.encodeMessage(new Message.Ping(Bytes.of(1), 1), false));
  }

  // Helpers.

  private Endpoint<Enr> endpoint(
      PrivateKey key, InetSocketAddress address, Random random, WireProfile<Enr> profile) {
    Enr record;
    try {
      record = Enr.builder(key).seq(1).ip(InetAddress.getByName("127.0.0.1")).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Endpoint<>(profile, key, address, record, random, wire);
  }

  /** The profile with the vector's ephemeral key, as go-ethereum's generator fixes it. */
  private static WireProfile<Enr> fixedEphemeral(PrivateKey ephemeral) {
    return new ForwardingWireProfile<>(EthereumProfile.INSTANCE) {
      @Override
      public PrivateKey newEphemeralKey(PublicKey remote, Random random) {
        return ephemeral;
      }
    };
  }

  private static PrivateKey key(String name) {
    try {
      return PrivateKey.fromHex(WIRE.get("keys").get(name).asText());
    } catch (DecodeException e) {
      throw new IllegalStateException(e);
    }
  }

  private static NodeId nodeId(JsonNode hex) {
    return NodeId.fromBytes(hex(hex));
  }

  private static byte[] hex(JsonNode node) {
    return hex(node.asText());
  }

  private static byte[] hex(String text) {
    return HexFormat.of().parseHex(text);
  }

  private static JsonNode json() {
    try (InputStream in =
        EthereumVectorsTest.class.getResourceAsStream("/vectors/discv5-wire.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
