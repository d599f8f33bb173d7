package io.codex.dht.session;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.Hashes;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PeerId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.PublicKey;
import io.codex.dht.spr.SignedEnvelope;
import io.codex.dht.spr.SignedPeerRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The Codex DHT wire profile (nim-codex-dht): node id = {@code keccak256(peer-id bytes)}; the
 * id-signature is DER ECDSA (low-S) over {@code sha256(sha256("discovery v5 identity proof" ||
 * challenge-data || ephemeral key || recipient id))}; the ephemeral key is the 37-byte libp2p
 * protobuf key; the handshake record is the signed peer record's envelope bytes; messages use
 * {@link CodexMessageCodec}'s protobuf encoding.
 */
public final class CodexProfile implements WireProfile<SignedPeerRecord> {
  /** The one instance; the profile holds no state. */
  public static final CodexProfile INSTANCE = new CodexProfile();

  static {
    CodexMessageCodec.warmUp(); // protobuf-java's first use, before any handshake is timed
  }

  private static final byte[] ID_SIGNATURE_TEXT =
      "discovery v5 identity proof".getBytes(StandardCharsets.US_ASCII);

  private CodexProfile() {}

  @Override
  public NodeId nodeId(PublicKey key) {
    return PeerId.of(key).nodeId();
  }

  @Override
  public byte[] encodeEphemeralKey(PublicKey key) {
    return key.toProtobuf();
  }

  @Override
  public PublicKey decodeEphemeralKey(byte[] encoded) throws DecodeException {
    return PublicKey.fromProtobuf(encoded);
  }

  // Implementation notes: libp2p's secp256k1 sign() hashes its input with SHA-256 and the Codex
  // encoder passes it the SHA-256 of the id input, so the signature covers a double hash;
  // PrivateKey.sign and PublicKey.verify apply the outer hash.
  @Override
  public byte[] signIdNonce(
      PrivateKey key, byte[] challengeData, byte[] ephemeralKey, NodeId recipient) {
    return key.sign(idHash(challengeData, ephemeralKey, recipient));
  }

  @Override
  public void verifyIdNonce(
      PublicKey key, byte[] signature, byte[] challengeData, byte[] ephemeralKey, NodeId recipient)
      throws DecodeException {
    key.verify(idHash(challengeData, ephemeralKey, recipient), signature);
  }

  @Override
  public byte[] encodeRecord(SignedPeerRecord record) {
    return record.encoded();
  }

  @Override
  public PublicKey recordPublicKey(byte[] encoded) throws DecodeException {
    return SignedEnvelope.decode(encoded, SignedPeerRecord.MAX_SIZE).publicKey();
  }

  @Override
  public SignedPeerRecord decodeRecord(byte[] encoded) throws DecodeException {
    return SignedPeerRecord.decode(encoded);
  }

  @Override
  public long recordSeq(SignedPeerRecord record) {
    return record.seq();
  }

  @Override
  public byte[] encodeMessage(Message message, boolean clientMode) {
    return CodexMessageCodec.encode(message, clientMode);
  }

  @Override
  public byte[] encodeMessage(Message message, boolean clientMode, int features) {
    return CodexMessageCodec.encode(message, clientMode, features);
  }

  @Override
  public DecodedMessage decodeMessage(byte[] plaintext) throws DecodeException {
    return CodexMessageCodec.decode(plaintext);
  }

  private static byte[] idHash(byte[] challengeData, byte[] ephemeralKey, NodeId recipient) {
    MessageDigest sha256 = Hashes.newSha256();
    sha256.update(ID_SIGNATURE_TEXT);
    sha256.update(challengeData);
    sha256.update(ephemeralKey);
    sha256.update(recipient.toBytes());
    return sha256.digest();
  }

  @Override
  public String toString() {
    return "codex";
  }
}
