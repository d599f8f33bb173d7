package io.codex.dht.discv5.store;

import io.codex.dht.discv5.providers.Cid;
import io.codex.dht.discv5.store.StoreException.Reason;
import io.codex.dht.spr.DecodeException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.h2.mvstore.MVMap;

/**
 * The CIDs this node announces as a provider and re-announces periodically; bounded, and persisted
 * at each change.
 *
 * <p>Implementation notes: a disk entry is {@code binary CID -> empty}; CIDs are validated again on
 * load. Unlike the other parts, a lowered bound drops nothing on load: these are the operator's own
 * announcements, so the bound only refuses new ones.
 */
final class Announced {
  private static final byte[] EMPTY = new byte[0];

  private final MVMap<byte[], byte[]> map;
  private final Disk disk;
  private final int max;
  private final Set<Cid> cids = new LinkedHashSet<>();
  private final LoadReport report;
  private volatile int size;

  Announced(MVMap<byte[], byte[]> map, Disk disk, int max) {
    this.map = map;
    this.disk = disk;
    this.max = max;
    int corrupt = 0;
    for (byte[] key : map.keySet()) {
      try {
        cids.add(Cid.fromBytes(key));
      } catch (DecodeException e) {
        corrupt++;
      }
    }
    size = cids.size();
    report = new LoadReport(LoadReport.Part.ANNOUNCED, cids.size(), corrupt, 0, 0);
  }

  /** The CIDs, in the order loaded then added. */
  List<Cid> all() {
    return List.copyOf(cids);
  }

  /** Adds {@code cid}; returns whether it was new. */
  boolean add(Cid cid) throws StoreException {
    if (cids.contains(cid)) {
      return false;
    }
    if (cids.size() >= max) {
      throw new StoreException(
          Reason.FULL, "this node already announces " + cids.size() + " CIDs, the most allowed");
    }
    write(cid, true);
    cids.add(cid);
    size = cids.size();
    return true;
  }

  /** Removes {@code cid}; returns whether it was there. */
  boolean remove(Cid cid) throws StoreException {
    if (!cids.contains(cid)) {
      return false;
    }
    write(cid, false);
    cids.remove(cid);
    size = cids.size();
    return true;
  }

  /** CIDs announced; may be read from any thread. */
  int size() {
    return size;
  }

  LoadReport report() {
    return report;
  }

  private void write(Cid cid, boolean present) throws StoreException {
    boolean ok = present ? disk.put(map, cid.toBytes(), EMPTY) : disk.remove(map, cid.toBytes());
    if (!ok) {
      throw new StoreException(
          Reason.IO, "cannot write to the data dir store: " + disk.failure().getMessage());
    }
  }
}
