package io.codex.dht.discv5.store;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.SignedPeerRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.h2.mvstore.MVMap;

/**
 * The last good routing-table entries, kept as extra bootstrap seeds: a bounded list of signed
 * records, replaced as a whole.
 *
 * <p>Implementation notes: a disk entry is {@code index (4, big-endian) -> record bytes}. A
 * replacement overwrites indexes in order and then deletes the ones past the new end, so a
 * background commit in the middle of it persists some new and some old records: all of them valid
 * seeds, which is all a seed list needs. Records are validated again on load.
 */
final class Seeds {
  private static final int INDEX_BYTES = 4;

  private final MVMap<byte[], byte[]> map;
  private final Disk disk;
  private final int max;
  private final LoadReport report;
  private List<SignedPeerRecord> seeds;

  Seeds(MVMap<byte[], byte[]> map, Disk disk, int max) {
    this.map = map;
    this.disk = disk;
    this.max = max;
    List<SignedPeerRecord> loaded = new ArrayList<>();
    Set<NodeId> seen = new HashSet<>();
    int corrupt = 0;
    int overLimit = 0;
    for (Map.Entry<byte[], byte[]> e : map.entrySet()) {
      SignedPeerRecord r = decode(e.getKey(), e.getValue());
      if (r == null) {
        corrupt++;
      } else if (loaded.size() >= max) {
        overLimit++;
      } else if (seen.add(r.nodeId())) {
        loaded.add(r);
      }
    }
    seeds = List.copyOf(loaded);
    report = new LoadReport(LoadReport.Part.SEEDS, seeds.size(), corrupt, 0, overLimit);
  }

  /** The seeds, in the order saved. */
  List<SignedPeerRecord> all() {
    return seeds;
  }

  /** Replaces the seeds with the first {@code max} distinct peers of {@code records}. */
  void replace(Collection<SignedPeerRecord> records) {
    List<SignedPeerRecord> kept = new ArrayList<>(Math.min(records.size(), max));
    Set<NodeId> seen = new HashSet<>();
    for (SignedPeerRecord r : records) {
      if (kept.size() == max) {
        break;
      }
      if (seen.add(r.nodeId())) {
        kept.add(r);
      }
    }
    for (int i = 0; i < kept.size(); i++) {
      disk.put(map, index(i), kept.get(i).encoded());
    }
    List<byte[]> stale = new ArrayList<>();
    for (byte[] key : map.keySet()) {
      int i = key.length == INDEX_BYTES ? ByteBuffer.wrap(key).getInt() : -1;
      if (i < 0 || i >= kept.size()) {
        stale.add(key);
      }
    }
    stale.forEach(key -> disk.remove(map, key));
    seeds = List.copyOf(kept);
  }

  LoadReport report() {
    return report;
  }

  private static byte[] index(int i) {
    return ByteBuffer.allocate(INDEX_BYTES).putInt(i).array();
  }

  private static SignedPeerRecord decode(byte[] key, byte[] value) {
    if (key.length != INDEX_BYTES) {
      return null;
    }
    try {
      return SignedPeerRecord.decode(value);
    } catch (DecodeException e) {
      return null;
    }
  }
}
