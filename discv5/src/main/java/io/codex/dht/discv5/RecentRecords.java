package io.codex.dht.discv5;

import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.SignedPeerRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The newest records of nodes met recently but not (or no longer) in the table, so the session can
 * verify their handshakes and lookups can reach them; an LRU with a fixed bound.
 */
final class RecentRecords {
  private final LinkedHashMap<NodeId, SignedPeerRecord> records;

  RecentRecords(int capacity) {
    this.records =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<NodeId, SignedPeerRecord> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Keeps {@code record} unless a record with a higher seq is held. */
  void put(SignedPeerRecord record) {
    SignedPeerRecord held = records.get(record.nodeId());
    if (held == null || record.isNewerThan(held)) {
      records.put(record.nodeId(), record);
    }
  }

  SignedPeerRecord get(NodeId id) {
    return records.get(id);
  }

  int size() {
    return records.size();
  }
}
