package io.codex.dht.session;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.PublicKey;
import io.codex.dht.spr.SignedPeerRecord;

/**
 * The Codex profile with one check relaxed for fuzzing: an id-signature that parses but does not
 * verify is accepted, so mutated handshakes get past it to ECDH, decryption, the message and the
 * record. Malformed signatures are still refused; everything else is {@link CodexProfile}.
 */
final class RelaxedProfile implements WireProfile<SignedPeerRecord> {
  private final CodexProfile codex = CodexProfile.INSTANCE;

  @Override
  public void verifyIdNonce(
      PublicKey key, byte[] signature, byte[] challengeData, byte[] ephemeralKey, NodeId recipient)
      throws DecodeException {
    try {
      codex.verifyIdNonce(key, signature, challengeData, ephemeralKey, recipient);
    } catch (DecodeException e) {
      if (e.reason() != Reason.SIGNATURE_INVALID) {
        throw e;
      }
    }
  }

  @Override
  public NodeId nodeId(PublicKey key) {
    return codex.nodeId(key);
  }

  @Override
  public byte[] encodeEphemeralKey(PublicKey key) {
    return codex.encodeEphemeralKey(key);
  }

  @Override
  public PublicKey decodeEphemeralKey(byte[] encoded) throws DecodeException {
    return codex.decodeEphemeralKey(encoded);
  }

  @Override
  public byte[] signIdNonce(
      PrivateKey key, byte[] challengeData, byte[] ephemeralKey, NodeId recipient) {
    return codex.signIdNonce(key, challengeData, ephemeralKey, recipient);
  }

  @Override
  public byte[] encodeRecord(SignedPeerRecord record) {
    return codex.encodeRecord(record);
  }

  @Override
  public PublicKey recordPublicKey(byte[] encoded) throws DecodeException {
    return codex.recordPublicKey(encoded);
  }

  @Override
  public SignedPeerRecord decodeRecord(byte[] encoded) throws DecodeException {
    return codex.decodeRecord(encoded);
  }

  @Override
  public long recordSeq(SignedPeerRecord record) {
    return codex.recordSeq(record);
  }

  @Override
  public byte[] encodeMessage(Message message, boolean clientMode) {
    return codex.encodeMessage(message, clientMode);
  }

  @Override
  public DecodedMessage decodeMessage(byte[] plaintext) throws DecodeException {
    return codex.decodeMessage(plaintext);
  }
}
