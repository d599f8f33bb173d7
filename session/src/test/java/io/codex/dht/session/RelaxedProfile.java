package io.codex.dht.session;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PublicKey;
import io.codex.dht.spr.SignedPeerRecord;

/**
 * The Codex profile with one check relaxed for fuzzing: an id-signature that parses but does not
 * verify is accepted, so mutated handshakes get past it to ECDH, decryption, the message and the
 * record. Malformed signatures are still refused; everything else is {@link CodexProfile}.
 */
final class RelaxedProfile extends ForwardingWireProfile<SignedPeerRecord> {
  RelaxedProfile() {
    super(CodexProfile.INSTANCE);
  }

  @Override
  public void verifyIdNonce(
      PublicKey key, byte[] signature, byte[] challengeData, byte[] ephemeralKey, NodeId recipient)
      throws DecodeException {
    try {
      super.verifyIdNonce(key, signature, challengeData, ephemeralKey, recipient);
    } catch (DecodeException e) {
      if (e.reason() != Reason.SIGNATURE_INVALID) {
        throw e;
      }
    }
  }
}
