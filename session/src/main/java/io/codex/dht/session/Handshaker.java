package io.codex.dht.session;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.PublicKey;
import java.util.Random;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cryptographic halves of the handshake: building ours in answer to a WHOAREYOU (initiator),
 * and checking one we receive against our challenge (recipient).
 *
 * <p>Key derivation: {@code initiator-key || recipient-key = HKDF(secret = ECDH, salt =
 * challenge-data, info = "discovery v5 key agreement" || initiator id || recipient id)}; the
 * initiator writes with the initiator key, the recipient with the recipient key.
 */
final class Handshaker<R> {
  /** Our handshake packet and the session keys it establishes. */
  record Initiated(byte[] packet, SecretKeySpec readKey, SecretKeySpec writeKey) {}

  /** A verified handshake: the session keys, the peer's key, its message and record (or null). */
  record Accepted<R>(
      SecretKeySpec readKey,
      SecretKeySpec writeKey,
      PublicKey remoteKey,
      DecodedMessage message,
      R record) {}

  /** Why a received handshake was refused. */
  static final class Failure extends Exception {
    final DropReason reason;
    final DecodeException.Reason detail;

    Failure(DropReason reason, DecodeException.Reason detail) {
      super(reason.name(), null, false, false);
      this.reason = reason;
      this.detail = detail;
    }
  }

  private final WireProfile<R> profile;
  private final PrivateKey localKey;
  private final NodeId localId;
  private final Crypto crypto;
  private final PacketCodec codec;
  private final SessionStats stats;

  Handshaker(
      WireProfile<R> profile,
      PrivateKey localKey,
      NodeId localId,
      Crypto crypto,
      PacketCodec codec,
      SessionStats stats) {
    this.profile = profile;
    this.localKey = localKey;
    this.localId = localId;
    this.crypto = crypto;
    this.codec = codec;
    this.stats = stats;
  }

  /**
   * Builds the handshake answering {@code whoareyou} from {@code remoteId}, carrying {@code
   * plaintext} and {@code record} (empty to leave it out).
   */
  Initiated initiate(
      Packet.Whoareyou whoareyou,
      NodeId remoteId,
      PublicKey remoteKey,
      byte[] record,
      byte[] plaintext,
      Random random) {
    byte[] challengeData = whoareyou.challengeData();
    PrivateKey ephemeral = profile.newEphemeralKey(remoteKey, random);
    byte[] ephemeralKey = profile.encodeEphemeralKey(ephemeral.publicKey());
    byte[] signature = profile.signIdNonce(localKey, challengeData, ephemeralKey, remoteId);
    stats.idSignaturesCreated++;
    byte[] secret = profile.ecdh(ephemeral, remoteKey);
    stats.ecdhOperations++;
    byte[] keys = crypto.deriveKeys(secret, challengeData, localId, remoteId);
    SecretKeySpec writeKey = Crypto.aesKey(keys, 0);
    SecretKeySpec readKey = Crypto.aesKey(keys, Crypto.KEY_SIZE);
    byte[] maskingIv = new byte[Crypto.IV_SIZE];
    byte[] nonce = new byte[Crypto.NONCE_SIZE];
    random.nextBytes(maskingIv);
    random.nextBytes(nonce);
    byte[] packet =
        codec.encodeHandshake(
            Crypto.maskingKey(remoteId),
            maskingIv,
            nonce,
            localId,
            signature,
            ephemeralKey,
            record,
            writeKey,
            plaintext);
    return new Initiated(packet, readKey, writeKey);
  }

  // Implementation notes: the order puts the cheap checks first and keeps an attacker who got a
  // challenge to one signature verification per attempt: the ephemeral key and the record's claimed
  // key are parsed (no signature checked), the id-signature is verified, and only then come ECDH,
  // decryption, the message and the record's own signature. Nothing is stored on failure.
  /** Checks a handshake against {@code challenge}; {@code directory} may supply the peer's key. */
  Accepted<R> accept(Packet.Handshake handshake, Challenge challenge, NodeDirectory directory)
      throws Failure {
    PublicKey ephemeral;
    try {
      ephemeral = profile.decodeEphemeralKey(handshake.ephemeralKey());
    } catch (DecodeException e) {
      throw new Failure(DropReason.HANDSHAKE_BAD_EPHEMERAL_KEY, e.reason());
    }
    boolean hasRecord = handshake.record().length > 0;
    PublicKey remoteKey;
    if (hasRecord) {
      try {
        remoteKey = profile.recordPublicKey(handshake.record());
      } catch (DecodeException e) {
        throw new Failure(DropReason.HANDSHAKE_BAD_RECORD, e.reason());
      }
      if (!profile.nodeId(remoteKey).equals(handshake.srcId())) {
        throw new Failure(DropReason.HANDSHAKE_RECORD_MISMATCH, Reason.RECORD_NODE_MISMATCH);
      }
    } else {
      remoteKey = challenge.publicKey();
      if (remoteKey == null) {
        NodeDirectory.KnownNode known = directory.lookup(handshake.srcId());
        remoteKey = known == null ? null : known.publicKey();
      }
      if (remoteKey == null) {
        throw new Failure(DropReason.HANDSHAKE_UNKNOWN_KEY, Reason.MISSING_RECORD);
      }
    }
    stats.idSignatureVerifications++;
    try {
      profile.verifyIdNonce(
          remoteKey,
          handshake.idSignature(),
          challenge.challengeData(),
          handshake.ephemeralKey(),
          localId);
    } catch (DecodeException e) {
      throw new Failure(DropReason.HANDSHAKE_BAD_ID_SIGNATURE, e.reason());
    }
    byte[] secret = profile.ecdh(localKey, ephemeral);
    stats.ecdhOperations++;
    byte[] keys = crypto.deriveKeys(secret, challenge.challengeData(), handshake.srcId(), localId);
    SecretKeySpec readKey = Crypto.aesKey(keys, 0);
    SecretKeySpec writeKey = Crypto.aesKey(keys, Crypto.KEY_SIZE);
    byte[] plaintext =
        codec.open(handshake.header(), handshake.packet(), handshake.messageOffset(), readKey);
    if (plaintext == null) {
      throw new Failure(DropReason.HANDSHAKE_DECRYPT_FAILED, null);
    }
    DecodedMessage message;
    try {
      message = profile.decodeMessage(plaintext);
    } catch (DecodeException e) {
      throw new Failure(DropReason.HANDSHAKE_BAD_MESSAGE, e.reason());
    }
    R record = null;
    if (hasRecord) {
      stats.recordVerifications++;
      try {
        record = profile.decodeRecord(handshake.srcId(), handshake.record());
      } catch (DecodeException e) {
        throw new Failure(DropReason.HANDSHAKE_BAD_RECORD, e.reason());
      }
    }
    return new Accepted<>(readKey, writeKey, remoteKey, message, record);
  }
}
