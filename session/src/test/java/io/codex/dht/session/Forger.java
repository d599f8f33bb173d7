package io.codex.dht.session;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.PublicKey;
import java.net.InetSocketAddress;
import java.util.Random;
import javax.crypto.spec.SecretKeySpec;

/**
 * A test peer that speaks the wire directly instead of running a layer: it sends the packet that
 * draws a WHOAREYOU and answers the challenge with a valid handshake. All forgers aimed at one
 * victim share one ephemeral key (and so one ECDH secret), so a handshake costs a forger one
 * signature while the victim still verifies it and runs its own ECDH: attack tests can afford
 * thousands of real handshakes.
 */
final class Forger {
  /** An ephemeral key and its ECDH secret with one victim, shared by forgers. */
  static final class Ephemeral {
    final byte[] encoded;
    final byte[] secret;
    final NodeId victim;

    Ephemeral(PublicKey victimKey, Random random) {
      PrivateKey key = PrivateKey.generate(random);
      this.encoded = CodexProfile.INSTANCE.encodeEphemeralKey(key.publicKey());
      this.secret = key.ecdh(victimKey);
      this.victim = CodexProfile.INSTANCE.nodeId(victimKey);
    }
  }

  private static final byte[] NO_RECORD = new byte[0];

  final PrivateKey key;
  final NodeId id;
  final InetSocketAddress address;
  private final Ephemeral ephemeral;
  private final Random random;
  private final Crypto crypto = new Crypto();
  private final PacketCodec codec;
  private SecretKeySpec writeKey;
  private SecretKeySpec readKey;
  private int requestIds;

  Forger(PrivateKey key, InetSocketAddress address, Ephemeral ephemeral, Random random) {
    this.key = key;
    this.id = CodexProfile.INSTANCE.nodeId(key.publicKey());
    this.address = address;
    this.ephemeral = ephemeral;
    this.random = random;
    this.codec = new PacketCodec(crypto, id);
  }

  /** What the victim's directory should hold so that handshakes without a record verify. */
  NodeDirectory.KnownNode known() {
    return new NodeDirectory.KnownNode(key.publicKey(), 1);
  }

  /** An ordinary packet with random content (91 bytes): it draws a WHOAREYOU. */
  byte[] randomPacket() {
    return codec.encodeRandom(
        Crypto.maskingKey(ephemeral.victim), bytes(16), bytes(12), id, bytes(20));
  }

  /** A PING with a fresh request id. */
  Message.Ping ping() {
    return new Message.Ping(org.apache.tuweni.bytes.Bytes.ofUnsignedInt(++requestIds), 1);
  }

  /**
   * The handshake answering {@code whoareyou} (as received), carrying {@code message} and no
   * record; the forger then holds the session keys.
   */
  byte[] answer(byte[] whoareyou, Message message) {
    byte[] challengeData;
    try {
      challengeData = ((Packet.Whoareyou) codec.decode(whoareyou)).challengeData();
    } catch (DecodeException e) {
      throw new AssertionError("the victim sent a packet that is not a WHOAREYOU", e);
    }
    byte[] signature =
        CodexProfile.INSTANCE.signIdNonce(key, challengeData, ephemeral.encoded, ephemeral.victim);
    byte[] keys = crypto.deriveKeys(ephemeral.secret, challengeData, id, ephemeral.victim);
    writeKey = Crypto.aesKey(keys, 0);
    readKey = Crypto.aesKey(keys, Crypto.KEY_SIZE);
    return codec.encodeHandshake(
        Crypto.maskingKey(ephemeral.victim),
        bytes(16),
        bytes(12),
        id,
        signature,
        ephemeral.encoded,
        NO_RECORD,
        writeKey,
        CodexProfile.INSTANCE.encodeMessage(message, false));
  }

  /** An ordinary packet under the keys of the last handshake (a later message or response). */
  byte[] ordinary(Message message) {
    return codec.encodeOrdinary(
        Crypto.maskingKey(ephemeral.victim),
        bytes(16),
        bytes(12),
        id,
        writeKey,
        CodexProfile.INSTANCE.encodeMessage(message, false));
  }

  /** Opens a packet the victim sent within the session; {@code null} if it does not open. */
  Message open(byte[] packet) throws DecodeException {
    Packet p = codec.decode(packet);
    if (!(p instanceof Packet.Ordinary o)) {
      return null;
    }
    byte[] plaintext = codec.open(o.header(), o.packet(), o.messageOffset(), readKey);
    return plaintext == null ? null : CodexProfile.INSTANCE.decodeMessage(plaintext).message();
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
