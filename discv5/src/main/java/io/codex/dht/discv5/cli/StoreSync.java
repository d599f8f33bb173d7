package io.codex.dht.discv5.cli;

import io.codex.dht.discv5.Discv5Node;
import io.codex.dht.discv5.NodeListener;
import io.codex.dht.discv5.store.NodeStore;
import io.codex.dht.discv5.store.NodeStoreOptions;
import io.codex.dht.spr.SignedPeerRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the data dir in step with the node: saves every new own record, notes the highest seq seen
 * per peer, and saves the routing table's entries as bootstrap seeds for the next start.
 *
 * <p>Seeds are saved only once the node has joined and never as an empty list, so a node that
 * starts cut off does not overwrite good seeds with dead ones. While fewer than {@link #FEW_SEEDS}
 * are saved, a table change is saved within {@link #CHECK_MILLIS} (a young node has the most to
 * lose in a crash); after that at most once per {@link #SLOW_MILLIS}; and always at shutdown.
 *
 * <p>Runs on the node's thread (listener calls and timers), as the store requires.
 */
final class StoreSync implements NodeListener {
  static final long CHECK_MILLIS = 5_000;
  static final long SLOW_MILLIS = 60_000;
  static final int FEW_SEEDS = 16;

  private static final Logger LOG = LoggerFactory.getLogger(StoreSync.class);

  private final NodeStore store;
  private final Discv5Node node;
  private final BooleanSupplier joined;
  private boolean dirty;
  private long lastSaveMillis;
  private volatile int seeds;
  private Repeating timer;

  StoreSync(NodeStore store, Discv5Node node, BooleanSupplier joined, int seedsLoaded) {
    this.store = store;
    this.node = node;
    this.joined = joined;
    this.seeds = seedsLoaded;
  }

  /** Starts the periodic seed check. */
  void start() {
    lastSaveMillis = node.scheduler().nowMillis();
    timer = Repeating.every(node.scheduler(), CHECK_MILLIS, this::check);
  }

  /** Stops the periodic check; on the node's thread. */
  void stop() {
    if (timer != null) {
      timer.cancel();
    }
  }

  /** Table entries saved as seeds; safe from any thread. */
  int seeds() {
    return seeds;
  }

  @Override
  public void localRecordUpdated(SignedPeerRecord record) {
    save(record);
  }

  /** Saves the node's record (also called once at start). */
  void save(SignedPeerRecord record) {
    try {
      store.saveOwnRecord(record);
    } catch (IllegalArgumentException | IllegalStateException e) {
      LOG.warn(
          "own record seq {} not saved: {}", Long.toUnsignedString(record.seq()), e.getMessage());
    }
  }

  @Override
  public void nodeAdded(SignedPeerRecord record) {
    store.noteSeq(record.nodeId(), record.seq());
    dirty = true;
  }

  @Override
  public void nodeRemoved(SignedPeerRecord record) {
    dirty = true;
  }

  @Override
  public void nodeUpdated(SignedPeerRecord previous, SignedPeerRecord current) {
    store.noteSeq(current.nodeId(), current.seq());
    dirty = true;
  }

  private void check() {
    long now = node.scheduler().nowMillis();
    if (dirty
        && joined.getAsBoolean()
        && (seeds < FEW_SEEDS || now - lastSaveMillis >= SLOW_MILLIS)) {
      saveSeeds();
    }
  }

  /**
   * Saves the table's entries as seeds, if joined and the table is not empty; completes when saved
   * (or skipped).
   */
  CompletableFuture<Void> saveSeeds() {
    if (!joined.getAsBoolean()) {
      return CompletableFuture.completedFuture(null);
    }
    dirty = false;
    lastSaveMillis = node.scheduler().nowMillis();
    return node.tableEntries()
        .thenAccept(
            entries -> {
              if (!entries.isEmpty()) {
                saveNow(entries);
              }
            });
  }

  private void saveNow(List<SignedPeerRecord> entries) {
    try {
      store.saveTableEntries(entries);
      seeds = Math.min(entries.size(), NodeStoreOptions.DEFAULT_MAX_SEEDS);
      LOG.debug("saved {} table entries as bootstrap seeds", seeds);
    } catch (IllegalStateException e) {
      LOG.debug("seeds not saved, the data dir is closed: {}", e.getMessage());
    }
  }
}
