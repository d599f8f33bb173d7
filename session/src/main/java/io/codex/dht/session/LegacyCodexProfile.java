package io.codex.dht.session;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.PublicKey;
import io.codex.dht.spr.SignedPeerRecord;
import io.codex.dht.spr.proto.EnvelopeProtos.Envelope;
import io.codex.dht.spr.proto.Protobufs;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.tuweni.bytes.Bytes;

/**
 * A stand-in for a deployed Codex node (nim-codex-dht v0.5) at the decoding level, for tests and
 * simulations: it reads and writes what v0.5 does and refuses what v0.5 refuses.
 *
 * <ul>
 *   <li>A signed record is read only with payload type {@code 03 01} (libp2p PeerRecord); any other
 *       (a Logos Routing Record) fails with {@code EnvelopeWrongType}.
 *   <li>One such record in NODES, PROVIDERS or ADD_PROVIDER makes the whole message undecodable
 *       ("Unable to decode NodesMessage"); one in a handshake drops the packet.
 *   <li>Unknown envelope fields (clientMode 3, features 16) are skipped; none is written.
 * </ul>
 *
 * Every refusal is counted in {@link #undecodable()}; a mixed network must keep it at 0.
 */
public final class LegacyCodexProfile extends ForwardingWireProfile<SignedPeerRecord> {
  private static final com.google.protobuf.Parser<Envelope> ENVELOPE =
      Protobufs.parser(Envelope.parser());

  private static final byte[] PEER_RECORD_TYPE = {0x03, 0x01};

  private final LongAdder undecodable;

  /** Wraps {@code delegate}; refusals are added to {@code undecodable} (shared by many nodes). */
  public LegacyCodexProfile(WireProfile<SignedPeerRecord> delegate, LongAdder undecodable) {
    super(delegate);
    this.undecodable = undecodable;
  }

  /** Messages and handshake records refused so far (by every profile sharing the counter). */
  public long undecodable() {
    return undecodable.sum();
  }

  @Override
  public byte[] encodeMessage(Message message, boolean clientMode, int features) {
    return super.encodeMessage(message, false); // v0.5 writes fields 1 and 2 only
  }

  @Override
  public byte[] encodeMessage(Message message, boolean clientMode) {
    return super.encodeMessage(message, false);
  }

  @Override
  public DecodedMessage decodeMessage(byte[] plaintext) throws DecodeException {
    DecodedMessage decoded = super.decodeMessage(plaintext);
    List<Bytes> records = List.of();
    if (decoded.message() instanceof Message.Nodes n) {
      records = n.records();
    } else if (decoded.message() instanceof Message.Providers p) {
      records = p.records();
    } else if (decoded.message() instanceof Message.AddProvider a) {
      records = List.of(a.record());
    }
    for (Bytes r : records) {
      if (!isPeerRecord(r.toArrayUnsafe())) {
        undecodable.increment();
        throw new DecodeException(
            Reason.WRONG_PAYLOAD_TYPE, "v0.5 refuses the whole message: a record is not 03 01");
      }
    }
    return new DecodedMessage(decoded.message(), false, 0); // v0.5 reads neither field 3 nor 16
  }

  @Override
  public PublicKey recordPublicKey(byte[] encoded) throws DecodeException {
    if (!isPeerRecord(encoded)) {
      undecodable.increment();
      throw new DecodeException(Reason.WRONG_PAYLOAD_TYPE, "v0.5 drops the handshake");
    }
    return super.recordPublicKey(encoded);
  }

  /**
   * Whether the signed envelope {@code encoded} has payload type {@code 03 01}, read as minprotobuf
   * does (field 2, the last occurrence wins, a missing one fails the comparison).
   */
  public static boolean isPeerRecord(byte[] encoded) {
    if (encoded.length > SignedPeerRecord.MAX_SIZE) {
      return false;
    }
    try {
      Envelope e = Protobufs.parse(ENVELOPE, encoded); // a repeated field's last value wins
      return e.hasPayloadType()
          && Arrays.equals(e.getPayloadType().toByteArray(), PEER_RECORD_TYPE);
    } catch (DecodeException e) {
      return false;
    }
  }
}
