package io.codex.dht.discv5;

import io.codex.dht.session.ForwardingWireProfile;
import io.codex.dht.session.WireProfile;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.SignedPeerRecord;

/**
 * A wire profile whose handshake records go through the node's {@link VerifiedRecords} memo, so a
 * record that nodes of one process already verified (in a handshake or a NODES reply) is not
 * verified again when it arrives in another handshake.
 */
final class RecordMemoProfile extends ForwardingWireProfile<SignedPeerRecord> {
  private final VerifiedRecords verified;

  private RecordMemoProfile(WireProfile<SignedPeerRecord> delegate, VerifiedRecords verified) {
    super(delegate);
    this.verified = verified;
  }

  /** {@code profile} itself when the memo holds nothing, else {@code profile} behind the memo. */
  static WireProfile<SignedPeerRecord> wrap(
      WireProfile<SignedPeerRecord> profile, VerifiedRecords verified) {
    return verified.enabled() ? new RecordMemoProfile(profile, verified) : profile;
  }

  @Override
  public SignedPeerRecord decodeRecord(NodeId claimed, byte[] encoded) throws DecodeException {
    return verified.decode(claimed, encoded);
  }
}
