package io.codex.dht.discv5;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.SignedPeerRecord;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded, thread-safe memo of signed records whose signatures were verified, which several nodes
 * of one process (a simulation) can share so that each distinct record is verified once rather than
 * once per node that receives it. A record is taken from the memo only when its bytes are exactly
 * those verified before.
 */
public final class VerifiedRecords {
  // Implementation notes: one entry per node id, the latest record verified for it; once full, only
  // ids already present are updated, so the memo never grows past its capacity. Records are
  // immutable, so sharing an instance across node threads is safe.
  private final int capacity;
  private final ConcurrentHashMap<NodeId, SignedPeerRecord> byId;

  /** A memo of at most {@code capacity} records (zero: no memo, every record is verified). */
  public VerifiedRecords(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative: " + capacity);
    }
    this.capacity = capacity;
    this.byId = new ConcurrentHashMap<>();
  }

  /** Whether records are kept at all (a capacity above zero). */
  public boolean enabled() {
    return capacity > 0;
  }

  /** The records held. */
  public int size() {
    return byId.size();
  }

  /** Decodes and verifies {@code bytes}, claimed by {@code claimed}, or returns the same record. */
  SignedPeerRecord decode(NodeId claimed, byte[] bytes) throws DecodeException {
    if (capacity == 0) {
      return SignedPeerRecord.decode(bytes);
    }
    SignedPeerRecord held = byId.get(claimed);
    if (held != null && held.hasEncoding(bytes)) {
      return held;
    }
    SignedPeerRecord record = SignedPeerRecord.decode(bytes);
    if (held != null || byId.size() < capacity) {
      byId.put(record.nodeId(), record);
    }
    return record;
  }
}
