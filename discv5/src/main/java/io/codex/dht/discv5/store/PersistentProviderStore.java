package io.codex.dht.discv5.store;

import io.codex.dht.discv5.providers.AddOutcome;
import io.codex.dht.discv5.providers.InMemoryProviderStore;
import io.codex.dht.discv5.providers.ProviderStore;
import io.codex.dht.discv5.providers.ProviderStoreConfig;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PeerId;
import io.codex.dht.spr.SignedPeerRecord;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.h2.mvstore.MVMap;

/**
 * A {@link ProviderStore} that survives restarts: an {@link InMemoryProviderStore} decides every
 * outcome, and each accepted change is written through to the data dir's store; made by {@link
 * NodeStore#providerStore}.
 *
 * <p>Durability: an add that returned an accepted outcome is on disk once a commit that started
 * after it has finished: the background group commit, within {@link
 * NodeStoreOptions#commitDelayMillis()} (1 s by default), or {@link #commit} (or {@link
 * NodeStore#commit}), which returns only when it is written and forced. An add is
 * <em>acknowledged</em> when such a commit has returned; acknowledged adds survive {@code kill -9}
 * and power loss. Remote ADD_PROVIDERs are never acknowledged in the protocol, so they ride the
 * group commit; an HTTP API should call {@link #commit} before answering for the node's own
 * announcements. Removals and expiries are written through the same way: an expiry lost in a crash
 * is redone on load, a removal lost in a crash brings the entry back until it expires.
 *
 * <p>Expiry across restarts: lifetimes are kept on a persistent clock that advances with the
 * monotonic {@code nowMillis} while the node runs and by the wall-clock downtime while it is down,
 * counting a backwards wall-clock step as no downtime. Each write records the pair (persistent
 * clock, wall clock) with it. If {@code r} is an entry's remaining lifetime at the last such record
 * that reached the disk, after a restart it has {@code min(r, ttl) - d} left, gone if that is not
 * positive, where {@code d = max(0, wall clock at restart - wall clock of that record)}. So a
 * restart never gives an entry more than {@code r}, and {@code r} never exceeds the TTL: no wall
 * clock jump, forward or back, running or stopped, can lengthen a lifetime; a jump back (or a clock
 * stopped while the node was down) only makes downtime free, so the entry lives at most that
 * downtime longer than on a node that never stopped; a jump forward only shortens it.
 *
 * <p>Records are validated again with {@code SignedPeerRecord.decode} on load; corrupt entries are
 * skipped, counted in {@link #loadReport} and left on disk.
 *
 * <p>Implementation notes: {@link ProviderEntries} describes the disk layout and how entries are
 * loaded into the in-memory index. Beside the index this class keeps its own view of the entries
 * ({@code held}: key and provider to expiry and stored record), in order of expiry like the index's
 * queue, fed the same clamped times, so it knows which entries the index expires and which record a
 * refresh keeps, and deletes or rewrites them on disk. Sizes and counters are the index's, so a
 * metrics thread may read them.
 */
public final class PersistentProviderStore implements ProviderStore, AutoCloseable {
  private final MVMap<byte[], byte[]> map;
  private final Disk disk;
  private final InMemoryProviderStore index;
  private final LinkedHashMap<Slot, Held> held = new LinkedHashMap<>();
  private final long ttlMillis;
  private final LongSupplier wallClock;
  private final long offset; // persistent clock = local monotonic time + offset
  private final long[] loadOutcomes;
  private final LoadReport report;
  private long latestNow;
  private long lastStamp;
  private boolean closed;

  /** An entry's key and provider. */
  record Slot(NodeId key, NodeId provider) {}

  /** An entry's expiry (local monotonic time) and the record the index holds for it. */
  static final class Held {
    long expiresAt;
    SignedPeerRecord record;

    Held(long expiresAt, SignedPeerRecord record) {
      this.expiresAt = expiresAt;
      this.record = record;
    }
  }

  PersistentProviderStore(
      MVMap<byte[], byte[]> map,
      Disk disk,
      ProviderStoreConfig config,
      long nowMillis,
      LongSupplier wallClock) {
    this.map = map;
    this.disk = disk;
    this.index = new InMemoryProviderStore(config);
    this.ttlMillis = config.ttl().toMillis();
    this.wallClock = wallClock;
    this.latestNow = nowMillis;
    ProviderEntries.Loaded loaded =
        ProviderEntries.load(map, disk, index, held, ttlMillis, nowMillis, wallClock.getAsLong());
    this.offset = loaded.clockAtOpen() - nowMillis;
    this.report = loaded.report();
    this.loadOutcomes = new long[AddOutcome.values().length];
    for (AddOutcome o : AddOutcome.values()) {
      loadOutcomes[o.ordinal()] = index.addCount(o);
    }
    for (Map.Entry<Slot, Held> e : held.entrySet()) {
      if (loaded.rewrite().contains(e.getKey())) {
        write(e.getKey(), e.getValue());
      }
    }
    stamp(nowMillis, true);
  }

  @Override
  public AddOutcome add(NodeId key, SignedPeerRecord provider, NodeId sender, long nowMillis) {
    checkOpen();
    long now = advance(nowMillis);
    sweep(now);
    AddOutcome outcome = index.add(key, provider, sender, now);
    switch (outcome) {
      case STORED -> {
        Slot slot = new Slot(key, provider.nodeId());
        Held h = new Held(now + ttlMillis, provider);
        held.put(slot, h);
        write(slot, h);
      }
      case REFRESHED, UPDATED -> {
        Slot slot = new Slot(key, provider.nodeId());
        Held h = held.remove(slot);
        if (h == null) {
          throw new IllegalStateException("provider index and disk view disagree on " + slot);
        }
        h.expiresAt = now + ttlMillis;
        if (outcome == AddOutcome.UPDATED) {
          h.record = provider;
        }
        held.put(slot, h);
        write(slot, h);
      }
      default -> {
        // Refused: nothing changed.
      }
    }
    return outcome;
  }

  @Override
  public List<SignedPeerRecord> get(NodeId key, int max, long nowMillis) {
    checkOpen();
    return index.get(key, max, advance(nowMillis));
  }

  @Override
  public boolean remove(NodeId key, PeerId provider) {
    checkOpen();
    if (!index.remove(key, provider)) {
      return false;
    }
    Slot slot = new Slot(key, provider.nodeId());
    held.remove(slot);
    disk.remove(map, ProviderEntries.slotBytes(slot));
    return true;
  }

  @Override
  public int expire(long nowMillis) {
    checkOpen();
    long now = advance(nowMillis);
    int removed = index.expire(now);
    sweep(now);
    stamp(now, false);
    return removed;
  }

  @Override
  public int size() {
    return index.size();
  }

  @Override
  public long bytes() {
    return index.bytes();
  }

  @Override
  public int keyCount() {
    return index.keyCount();
  }

  /** Adds that ended with {@code outcome} since this store was opened, not counting the load. */
  @Override
  public long addCount(AddOutcome outcome) {
    return index.addCount(outcome) - loadOutcomes[outcome.ordinal()];
  }

  @Override
  public long expiredCount() {
    return index.expiredCount();
  }

  /** Makes every change so far durable; returns when it is written and forced to disk. */
  public void commit() throws StoreException {
    checkOpen();
    stamp(latestNow, false);
    disk.commit();
  }

  /** What loading found on disk when this store was opened. */
  public LoadReport loadReport() {
    return report;
  }

  /** Commits, then refuses further use; the data dir itself is closed by {@link NodeStore}. */
  @Override
  public void close() throws StoreException {
    if (!closed) {
      commit();
      closed = true;
    }
  }

  /** Entries on disk, the clock record aside (for tests). */
  int persistedEntries() {
    return map.size() - (map.containsKey(ProviderEntries.STAMP_KEY) ? 1 : 0);
  }

  /** Marks this store closed without committing; the data dir's close commits. */
  void detach() {
    closed = true;
  }

  boolean isClosed() {
    return closed;
  }

  private void write(Slot slot, Held h) {
    stamp(latestNow, false);
    disk.put(
        map,
        ProviderEntries.slotBytes(slot),
        ProviderEntries.value(h.expiresAt + offset, h.record));
  }

  /** Records (persistent clock, wall clock) unless already recorded at this persistent time. */
  private void stamp(long now, boolean force) {
    long clock = now + offset;
    if (force || clock != lastStamp) {
      disk.put(map, ProviderEntries.STAMP_KEY, ProviderEntries.stamp(clock, wallClock.getAsLong()));
      lastStamp = clock;
    }
  }

  /** Deletes the entries expired at {@code now}, as the index does: first in expiry order. */
  private void sweep(long now) {
    Iterator<Map.Entry<Slot, Held>> it = held.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Slot, Held> e = it.next();
      if (now - e.getValue().expiresAt < 0) {
        break;
      }
      disk.remove(map, ProviderEntries.slotBytes(e.getKey()));
      it.remove();
    }
  }

  /** Clamps {@code nowMillis} so time never goes backwards, as the index does. */
  private long advance(long nowMillis) {
    if (nowMillis - latestNow > 0) {
      latestNow = nowMillis;
    }
    return latestNow;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the provider store is closed");
    }
  }

  @Override
  public String toString() {
    return "PersistentProviderStore[" + size() + " entries, " + Objects.toString(report) + "]";
  }
}
