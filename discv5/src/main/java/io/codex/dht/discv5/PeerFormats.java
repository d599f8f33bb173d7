package io.codex.dht.discv5;

import io.codex.dht.session.Features;
import io.codex.dht.spr.NodeId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What this node has learned about each peer's reading of records: the {@link Features} its last
 * message carried, and the seq whose full record was last asked for. A peer not held here (never
 * heard from, or forgotten) is taken to read only libp2p PeerRecords, as Codex nodes do.
 *
 * <p>Bounded (least recently heard-from peers forgotten first); node thread only.
 */
final class PeerFormats {
  /** Peers remembered. */
  static final int DEFAULT_CAPACITY = 4096;

  private static final class Entry {
    int features;
    long fullAskedSeq = -1;
  }

  private final LinkedHashMap<NodeId, Entry> peers;

  /** Entries not known to read Logos records; written on the node thread, read by metrics. */
  private volatile int legacy;

  PeerFormats(int capacity) {
    this.peers =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<NodeId, Entry> eldest) {
            if (size() <= capacity) {
              return false;
            }
            if (isLegacy(eldest.getValue().features)) {
              legacy--;
            }
            return true;
          }
        };
  }

  /** Records the features of a message {@code peer} sent. */
  void heard(NodeId peer, int features) {
    Entry e = peers.get(peer);
    if (e == null) {
      e = new Entry();
      e.features = features;
      legacy += isLegacy(features) ? 1 : 0;
      peers.put(peer, e);
    } else {
      legacy += (isLegacy(features) ? 1 : 0) - (isLegacy(e.features) ? 1 : 0);
      e.features = features;
    }
  }

  private static boolean isLegacy(int features) {
    return !Features.has(features, Features.READS_LOGOS);
  }

  /** Whether {@code peer} is known to read Logos Routing Records. */
  boolean readsLogos(NodeId peer) {
    Entry e = peers.get(peer);
    return e != null && Features.has(e.features, Features.READS_LOGOS);
  }

  /**
   * Whether to ask {@code peer} for its full record now: it said it has one, and it was not asked
   * at {@code heldSeq} before. Marks it asked.
   */
  boolean shouldAskFull(NodeId peer, long heldSeq) {
    Entry e = peers.get(peer);
    if (e == null || !Features.has(e.features, Features.FULL_RECORD) || e.fullAskedSeq == heldSeq) {
      return false;
    }
    e.fullAskedSeq = heldSeq;
    return true;
  }

  /** Peers remembered. */
  int size() {
    return peers.size();
  }

  /** Remembered peers not known to read Logos records (Codex nodes); any thread. */
  int legacyCount() {
    return legacy;
  }
}
