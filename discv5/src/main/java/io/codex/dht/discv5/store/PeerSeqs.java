package io.codex.dht.discv5.store;

import io.codex.dht.spr.NodeId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.h2.mvstore.MVMap;

/**
 * The highest seq seen per peer, bounded, the least recently used peer forgotten first; in memory
 * with every change written through to an MVStore map.
 *
 * <p>Implementation notes: a disk entry is {@code node id (32) -> seq (8) || touch (8)}, where
 * touch is a counter bumped at every write, so the order of the last writes survives a restart;
 * reads reorder peers in memory only, so the order after a restart is "least recently updated",
 * which is close enough for a bound meant against floods of one-off ids. Seqs compare unsigned, as
 * SPR seqs do.
 */
final class PeerSeqs {
  private static final int VALUE_BYTES = 16;

  private final MVMap<byte[], byte[]> map;
  private final Disk disk;
  private final int max;
  private final LinkedHashMap<NodeId, Long> seqs = new LinkedHashMap<>(16, 0.75f, true);
  private final LoadReport report;
  private long touch;
  private volatile int size;

  private record Loaded(NodeId peer, long seq, long touch) {}

  PeerSeqs(MVMap<byte[], byte[]> map, Disk disk, int max) {
    this.map = map;
    this.disk = disk;
    this.max = max;
    List<Loaded> loaded = new ArrayList<>();
    int corrupt = 0;
    for (Map.Entry<byte[], byte[]> e : map.entrySet()) {
      if (e.getKey().length != NodeId.BYTES || e.getValue().length != VALUE_BYTES) {
        corrupt++;
        continue;
      }
      ByteBuffer value = ByteBuffer.wrap(e.getValue());
      loaded.add(new Loaded(NodeId.fromBytes(e.getKey()), value.getLong(), value.getLong()));
    }
    loaded.sort(Comparator.comparingLong(Loaded::touch));
    for (Loaded l : loaded) {
      seqs.put(l.peer, l.seq);
      touch = Math.max(touch, l.touch);
    }
    int overLimit = evict();
    size = seqs.size();
    report = new LoadReport(LoadReport.Part.PEER_SEQS, seqs.size(), corrupt, 0, overLimit);
  }

  /** The highest seq seen from {@code peer}, if it is remembered. */
  OptionalLong get(NodeId peer) {
    Long seq = seqs.get(peer);
    return seq == null ? OptionalLong.empty() : OptionalLong.of(seq);
  }

  /** Remembers {@code seq} for {@code peer} if it is higher than the one known; returns whether. */
  boolean note(NodeId peer, long seq) {
    Long known = seqs.get(peer);
    if (known != null && Long.compareUnsigned(seq, known) <= 0) {
      return false;
    }
    seqs.put(peer, seq);
    touch++;
    disk.put(
        map, peer.toBytes(), ByteBuffer.allocate(VALUE_BYTES).putLong(seq).putLong(touch).array());
    evict();
    size = seqs.size();
    return true;
  }

  /** Peers remembered; may be read from any thread. */
  int size() {
    return size;
  }

  LoadReport report() {
    return report;
  }

  private int evict() {
    int evicted = 0;
    Iterator<NodeId> eldest = seqs.keySet().iterator();
    while (seqs.size() > max) {
      disk.remove(map, eldest.next().toBytes());
      eldest.remove();
      evicted++;
    }
    return evicted;
  }
}
