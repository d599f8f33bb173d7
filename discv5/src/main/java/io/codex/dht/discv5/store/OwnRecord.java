package io.codex.dht.discv5.store;

import io.codex.dht.discv5.store.StoreException.Reason;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PeerId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.h2.mvstore.MVMap;

/**
 * The node's own record and the highest seq it has handed out, in the meta map.
 *
 * <p>Implementation notes: the last seq is kept apart from the record because a seq is reserved
 * (and committed) before the record carrying it is built and saved; a crash in between must not let
 * the same seq be handed out again with other content, which peers would ignore as not newer. A
 * saved record not signed by the current key (the key file was replaced) is ignored and counted as
 * corrupt; the last seq is kept, since a higher seq harms nothing.
 */
final class OwnRecord {
  static final byte[] RECORD_KEY = "own-record".getBytes(StandardCharsets.US_ASCII);
  static final byte[] LAST_SEQ_KEY = "last-seq".getBytes(StandardCharsets.US_ASCII);

  private static final int MILLIS_PER_SECOND = 1000;

  private final MVMap<byte[], byte[]> meta;
  private final Disk disk;
  private final PrivateKey key;
  private final NodeId nodeId;
  private final LoadReport report;
  private SignedPeerRecord record;
  private boolean hasLastSeq;
  private long lastSeq;

  OwnRecord(MVMap<byte[], byte[]> meta, Disk disk, PrivateKey key) {
    this.meta = meta;
    this.disk = disk;
    this.key = key;
    this.nodeId = NodeId.of(PeerId.of(key.publicKey()));
    int corrupt = 0;
    byte[] encoded = meta.get(RECORD_KEY);
    if (encoded != null) {
      record = decodeOwn(encoded);
      if (record == null) {
        corrupt++;
      } else {
        noteSeq(record.seq());
      }
    }
    byte[] seq = meta.get(LAST_SEQ_KEY);
    if (seq != null) {
      if (seq.length == 8) {
        noteSeq(ByteBuffer.wrap(seq).getLong());
      } else {
        corrupt++;
      }
    }
    report = new LoadReport(LoadReport.Part.OWN_RECORD, record == null ? 0 : 1, corrupt, 0, 0);
  }

  NodeId nodeId() {
    return nodeId;
  }

  Optional<SignedPeerRecord> record() {
    return Optional.ofNullable(record);
  }

  /** Reserves {@code max(last + 1, unix seconds)}; the caller commits. */
  long reserveNextSeq(long wallMillis) throws StoreException {
    long unixSeconds = Math.floorDiv(wallMillis, MILLIS_PER_SECOND);
    long next;
    if (!hasLastSeq) {
      next = Math.max(1, unixSeconds);
    } else if (lastSeq == -1L) {
      throw new StoreException(Reason.SEQ_EXHAUSTED, "every record seq has been used");
    } else {
      next = lastSeq + 1;
      if (unixSeconds > 0 && Long.compareUnsigned(unixSeconds, next) > 0) {
        next = unixSeconds;
      }
    }
    writeLastSeq(next);
    return next;
  }

  /** Saves {@code r}: signed by the node's key and newer than the saved record (or equal to it). */
  void save(SignedPeerRecord r) {
    if (!r.publicKey().equals(key.publicKey())) {
      throw new IllegalArgumentException("the record is not signed by this node's key");
    }
    if (record != null && !r.isNewerThan(record)) {
      if (r.equals(record)) {
        return;
      }
      throw new IllegalArgumentException(
          "record seq "
              + Long.toUnsignedString(r.seq())
              + " is not higher than the saved one's "
              + Long.toUnsignedString(record.seq()));
    }
    disk.put(meta, RECORD_KEY, r.encoded());
    record = r;
    if (!hasLastSeq || Long.compareUnsigned(r.seq(), lastSeq) > 0) {
      writeLastSeq(r.seq());
    }
  }

  LoadReport report() {
    return report;
  }

  private void writeLastSeq(long seq) {
    disk.put(meta, LAST_SEQ_KEY, ByteBuffer.allocate(8).putLong(seq).array());
    hasLastSeq = true;
    lastSeq = seq;
  }

  private void noteSeq(long seq) {
    if (!hasLastSeq || Long.compareUnsigned(seq, lastSeq) > 0) {
      hasLastSeq = true;
      lastSeq = seq;
    }
  }

  private SignedPeerRecord decodeOwn(byte[] encoded) {
    try {
      SignedPeerRecord r = SignedPeerRecord.decode(encoded);
      return r.publicKey().equals(key.publicKey()) ? r : null;
    } catch (DecodeException e) {
      return null;
    }
  }
}
