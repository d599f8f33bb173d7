package io.codex.dht.session;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.PublicKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Node B of the Codex packet vectors as a fuzz target: a session layer holding a session with node
 * A and a pending challenge to it, reset before every input, plus the nim-eth masking technique
 * that turns an <em>unmasked</em> fuzz input ({@code masking-iv || static-header || authdata ||
 * message plaintext}) into the datagram B receives.
 *
 * <p>{@link #datagram} masks the header with B's node id, so mutations get past the protocol-id
 * check, and seals the message with the key B will read it with: the session key for an ordinary
 * packet, the ECDH-derived key for a handshake whose ephemeral key parses. The first IV byte steers
 * the harness: bit 0 set leaves the message unsealed (so the bad-tag paths stay reachable), bit 1
 * sends the datagram from an address without a session, bit 2 picks the challenge of the vector
 * handshake with a record instead of the one without, bit 3 leaves A's key out of the challenge (as
 * when B challenged a packet from a node it did not know), and bit 4 lets B's directory know A.
 */
final class FuzzNode {
  static final InetSocketAddress ADDRESS_A = TestNet.address(9001);
  static final InetSocketAddress ADDRESS_OTHER = TestNet.address(9009);

  final PrivateKey keyA = vectorKey("node_a_private_key");
  final PrivateKey keyB = vectorKey("node_b_private_key");
  final NodeId idA = CodexProfile.INSTANCE.nodeId(keyA.publicKey());
  final NodeId idB = CodexProfile.INSTANCE.nodeId(keyB.publicKey());

  /** The challenge data of the two vector handshakes (the WHOAREYOUs B sent to A). */
  private final byte[][] challenges = {
    packetInput("ping_handshake_packet", "whoareyou_challenge_data"),
    packetInput("ping_handshake_packet_with_record", "whoareyou_challenge_data")
  };

  private final byte[] readKey = packetInput("ping_message_packet", "read_key");
  private final byte[] writeKey = packetInput("ping_message_packet", "other_direction_key");
  private final Crypto crypto = new Crypto();
  private final Cipher ctr;
  private final SessionLayer<SignedPeerRecord> layer;
  private boolean directoryKnowsA;

  FuzzNode(WireProfile<SignedPeerRecord> profile, SessionListener<SignedPeerRecord> listener) {
    SignedPeerRecord record = SignedPeerRecord.builder(keyB).seq(1).build();
    layer =
        SessionLayer.builder(profile, keyB, () -> record)
            .clock(() -> 1_000_000_000L)
            .random(new Random(1))
            .output((to, packet) -> {})
            .listener(listener)
            .directory(
                id ->
                    directoryKnowsA && id.equals(idA)
                        ? new NodeDirectory.KnownNode(keyA.publicKey(), 1)
                        : null)
            .build();
    try {
      ctr = Cipher.getInstance("AES/CTR/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Resets B to its starting state, masks and seals {@code unmasked}, and hands it to B. */
  void receive(byte[] unmasked) {
    layer.reset();
    layer.installSession(idA, ADDRESS_A, readKey, writeKey, keyA.publicKey());
    directoryKnowsA = steer(unmasked, 16);
    PublicKey challengeKey = steer(unmasked, 8) ? null : keyA.publicKey();
    layer.installChallenge(idA, ADDRESS_A, challenge(unmasked), challengeKey);
    boolean otherAddress = steer(unmasked, 2);
    layer.onDatagram(datagram(unmasked), otherAddress ? ADDRESS_OTHER : ADDRESS_A);
  }

  /** The datagram B receives for an unmasked packet (see the class comment). */
  byte[] datagram(byte[] unmasked) {
    int at = PacketCodec.AUTHDATA_OFFSET;
    if (unmasked.length < at) {
      return mask(unmasked.clone(), unmasked.length);
    }
    int flag = unmasked[PacketCodec.HEADER_OFFSET + 8] & 0xFF;
    int headerEnd = at + ((unmasked[at - 2] & 0xFF) << 8 | (unmasked[at - 1] & 0xFF));
    if (headerEnd > unmasked.length || steer(unmasked, 1)) {
      return mask(unmasked.clone(), Math.min(headerEnd, unmasked.length));
    }
    byte[] header = Arrays.copyOf(unmasked, headerEnd);
    byte[] message = Arrays.copyOfRange(unmasked, headerEnd, unmasked.length);
    SecretKeySpec key =
        switch (flag) {
          case PacketCodec.FLAG_ORDINARY -> Crypto.aesKey(readKey, 0);
          case PacketCodec.FLAG_HANDSHAKE -> handshakeReadKey(header);
          default -> null;
        };
    byte[] body = key == null ? message : seal(key, header, message);
    byte[] out = Arrays.copyOf(header, headerEnd + body.length);
    System.arraycopy(body, 0, out, headerEnd, body.length);
    return mask(out, headerEnd);
  }

  /** The challenge B holds for an input. */
  byte[] challenge(byte[] unmasked) {
    return challenges[steer(unmasked, 4) ? 1 : 0];
  }

  private static boolean steer(byte[] unmasked, int bit) {
    return unmasked.length > 0 && (unmasked[0] & bit) != 0;
  }

  /** The key B reads a handshake's message with, or null when the ephemeral key does not parse. */
  SecretKeySpec handshakeReadKey(byte[] header) {
    int at = PacketCodec.AUTHDATA_OFFSET;
    if (header.length < at + PacketCodec.AUTHDATA_HEAD_SIZE) {
      return null;
    }
    int sigSize = header[at + 32] & 0xFF;
    int keyAt = at + PacketCodec.AUTHDATA_HEAD_SIZE + sigSize;
    int keyEnd = keyAt + (header[at + 33] & 0xFF);
    if (keyEnd > header.length) {
      return null;
    }
    PublicKey ephemeral;
    try {
      ephemeral = PublicKey.fromProtobuf(Arrays.copyOfRange(header, keyAt, keyEnd));
    } catch (DecodeException e) {
      return null; // B refuses it before any decryption
    }
    byte[] keys =
        crypto.deriveKeys(
            keyB.ecdh(ephemeral), challenge(header), NodeId.fromBytes(header, at), idB);
    return Crypto.aesKey(keys, 0);
  }

  /** AES-GCM with a fresh cipher (the JDK refuses a repeated key and nonce on one instance). */
  private static byte[] seal(SecretKeySpec key, byte[] header, byte[] plaintext) {
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(
          Cipher.ENCRYPT_MODE,
          key,
          new GCMParameterSpec(Crypto.TAG_SIZE * 8, header, PacketCodec.NONCE_OFFSET, 12));
      gcm.updateAAD(header);
      return gcm.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Masks {@code packet[16, end)} for B in place (AES-CTR, IV = the first 16 bytes). */
  private byte[] mask(byte[] packet, int end) {
    if (packet.length < Crypto.IV_SIZE || end <= Crypto.IV_SIZE) {
      return packet;
    }
    try {
      ctr.init(
          Cipher.ENCRYPT_MODE,
          Crypto.maskingKey(idB),
          new IvParameterSpec(packet, 0, Crypto.IV_SIZE));
      ctr.update(packet, Crypto.IV_SIZE, end - Crypto.IV_SIZE, packet, Crypto.IV_SIZE);
      return packet;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PrivateKey vectorKey(String name) {
    try {
      return PrivateKey.fromHex(Vectors.CODEX.get("keys").get(name).asText());
    } catch (DecodeException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] packetInput(String packet, String field) {
    return Vectors.hex(
        Vectors.CODEX.get("packet_encodings").get(packet).get("inputs").get(field).asText());
  }
}
