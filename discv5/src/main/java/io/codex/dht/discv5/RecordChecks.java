package io.codex.dht.discv5;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.apache.tuweni.bytes.Bytes;

/**
 * Checks the records a peer sent in NODES (and PROVIDERS): each must decode and verify, appear
 * once, have an endpoint this node can use that the sender may relay, and lie at one of the
 * distances asked for; at most {@code max} are taken.
 */
final class RecordChecks {
  /** Why a received record was not used; counted as a metric tag. */
  enum Rejection {
    INVALID(true),
    DUPLICATE(true),
    NO_ENDPOINT(false),
    RELAY_NOT_ALLOWED(true),
    WRONG_DISTANCE(true),
    OVER_LIMIT(true),
    SELF(false),
    /** Older than the highest seq seen for the peer before a restart: a replay, or stale. */
    OLDER_THAN_SEEN(false);

    private final boolean misbehaviour;

    Rejection(boolean misbehaviour) {
      this.misbehaviour = misbehaviour;
    }

    /**
     * Whether an honest peer never sends such a record (so the sender is penalised); records
     * without an endpoint of our address family, or our own record, are normal.
     */
    boolean isMisbehaviour() {
      return misbehaviour;
    }
  }

  /** Receives rejections, for metrics and for marking the sender. */
  interface Sink {
    void rejected(Rejection rejection, DecodeException.Reason detail);
  }

  private final NodeId localId;
  private final boolean ipv4;
  private final boolean ipv6;
  private final Function<NodeId, SignedPeerRecord> known;
  private final VerifiedRecords shared;
  private final Function<NodeId, OptionalLong> seenSeqs;

  /**
   * Checks for a node with {@code localId} and the given address families; {@code known} returns
   * the verified record held for a node id (or null), so identical bytes skip verification.
   */
  RecordChecks(
      NodeId localId, boolean ipv4, boolean ipv6, Function<NodeId, SignedPeerRecord> known) {
    this(localId, ipv4, ipv6, known, new VerifiedRecords(0), id -> OptionalLong.empty());
  }

  /**
   * As above, also consulting (and filling) a memo of verified records shared with other nodes, and
   * refusing records older than {@code seenSeqs} gives for their peer.
   */
  RecordChecks(
      NodeId localId,
      boolean ipv4,
      boolean ipv6,
      Function<NodeId, SignedPeerRecord> known,
      VerifiedRecords shared,
      Function<NodeId, OptionalLong> seenSeqs) {
    this.localId = localId;
    this.ipv4 = ipv4;
    this.ipv6 = ipv6;
    this.known = known;
    this.shared = shared;
    this.seenSeqs = seenSeqs;
  }

  // Implementation notes: lookups see the same records again and again (every answer near a
  // target repeats the same nodes), and verifying one costs an ECDSA verification. A record whose
  // bytes equal the verified record already held for its claimed node id is that record.
  private SignedPeerRecord decode(byte[] bytes) throws DecodeException {
    NodeId claimed = SignedPeerRecord.claimedNodeId(bytes);
    SignedPeerRecord held = known.apply(claimed);
    if (held != null && held.hasEncoding(bytes)) {
      return held;
    }
    return shared.decode(claimed, bytes);
  }

  /**
   * The usable peers among {@code raw}, sent by {@code responder} from {@code sender}. With {@code
   * distances} non-null each record must be at one of them from the responder (0 = the responder
   * itself); null skips the distance check (FINDNODE_FAST, PROVIDERS).
   */
  List<Peer> check(
      List<Bytes> raw,
      NodeId responder,
      InetSocketAddress sender,
      List<Integer> distances,
      int max,
      Sink sink) {
    List<Peer> out = new ArrayList<>(Math.min(raw.size(), max));
    Set<NodeId> seen = new HashSet<>();
    for (Bytes bytes : raw) {
      if (out.size() >= max) {
        sink.rejected(Rejection.OVER_LIMIT, null);
        continue;
      }
      SignedPeerRecord record;
      try {
        record = decode(bytes.toArrayUnsafe());
      } catch (DecodeException e) {
        sink.rejected(Rejection.INVALID, e.reason());
        continue;
      }
      NodeId id = record.nodeId();
      if (!seen.add(id)) {
        sink.rejected(Rejection.DUPLICATE, null);
        continue;
      }
      if (distances != null && !distances.contains(id.logDistance(responder))) {
        sink.rejected(Rejection.WRONG_DISTANCE, null);
        continue;
      }
      if (id.equals(localId)) {
        sink.rejected(Rejection.SELF, null);
        continue;
      }
      OptionalLong highest = seenSeqs.apply(id);
      if (highest.isPresent() && Long.compareUnsigned(record.seq(), highest.getAsLong()) < 0) {
        sink.rejected(Rejection.OLDER_THAN_SEEN, null);
        continue;
      }
      Peer peer = Peer.of(record, ipv4, ipv6).orElse(null);
      if (peer == null) {
        sink.rejected(Rejection.NO_ENDPOINT, null);
        continue;
      }
      if (!AddressRules.mayRelay(sender.getAddress(), peer.endpoint().getAddress())) {
        sink.rejected(Rejection.RELAY_NOT_ALLOWED, null);
        continue;
      }
      out.add(peer);
    }
    return out;
  }
}
