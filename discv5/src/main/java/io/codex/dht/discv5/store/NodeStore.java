package io.codex.dht.discv5.store;

import io.codex.dht.discv5.providers.Cid;
import io.codex.dht.discv5.providers.ProviderStoreConfig;
import io.codex.dht.discv5.store.StoreException.Reason;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * A node's data directory, opened for exclusive use: its key ({@code node.key}), and in one MVStore
 * file ({@code node.mv.db}) its own record and seq, the CIDs it announces, the highest seq seen per
 * peer, the last good routing-table entries (bootstrap seeds) and the provider records it stores.
 *
 * <p>Durability: every change is committed by the background group commit within {@link
 * NodeStoreOptions#commitDelayMillis()}; {@link #commit} makes everything before it durable before
 * returning (written and forced), and {@link #close} commits. A {@code kill -9} loses at most the
 * changes of the last commit delay, never a committed one: MVStore reopens at its last complete
 * commit. {@link #nextSeq}, {@link #announce} and {@link #withdraw} commit before returning.
 *
 * <p>Use from the node's thread; the size getters may be read from any thread.
 */
public final class NodeStore implements AutoCloseable {
  /** The MVStore file in the data dir. */
  public static final String STORE_FILE = "node.mv.db";

  /** The key file in the data dir. */
  public static final String KEY_FILE = NodeKeyFile.FILE_NAME;

  /** The layout version written; a file with a higher one is refused, not misread. */
  static final int FORMAT = 1;

  // Implementation notes: no compaction on close. H2 2.3.232's chunk-moving compaction trips its
  // own internal assertion (RandomAccessStore.moveChunkInside) now and then; skipping it costs only
  // some file space, which MVStore's background rewrite reclaims while the node runs.
  private static final int CLOSE_COMPACT_MILLIS = 0;

  static final String META = "meta";
  static final String ANNOUNCED = "announced";
  static final String PEER_SEQS = "peer-seqs";
  static final String SEEDS = "seeds";
  static final String PROVIDERS = "providers";

  private final Path dataDir;
  private final NodeStoreOptions options;
  private final DataDirLock lock;
  private final MVStore store;
  private final Disk disk;
  private final PrivateKey key;
  private final boolean keyCreated;
  private final OwnRecord own;
  private final Announced announced;
  private final PeerSeqs peerSeqs;
  private final Seeds seeds;
  private PersistentProviderStore providers;
  private PersistentRecords records;
  private boolean closed;

  private NodeStore(
      Path dataDir,
      NodeStoreOptions options,
      DataDirLock lock,
      MVStore store,
      AtomicReference<Throwable> failure,
      NodeKeyFile.Loaded key)
      throws StoreException {
    this.dataDir = dataDir;
    this.options = options;
    this.lock = lock;
    this.store = store;
    this.disk = new Disk(store, failure);
    this.key = key.key();
    this.keyCreated = key.created();
    MVMap<byte[], byte[]> meta = Maps.open(store, META);
    Maps.checkFormat(meta, dataDir.resolve(STORE_FILE));
    this.own = new OwnRecord(meta, disk, key.key());
    this.announced = new Announced(Maps.open(store, ANNOUNCED), disk, options.maxAnnounced());
    this.peerSeqs = new PeerSeqs(Maps.open(store, PEER_SEQS), disk, options.maxPeerSeqs());
    this.seeds = new Seeds(Maps.open(store, SEEDS), disk, options.maxSeeds());
  }

  /** Opens (creating if needed) {@code dataDir} with {@link NodeStoreOptions#defaults()}. */
  public static NodeStore open(Path dataDir) throws StoreException {
    return open(dataDir, NodeStoreOptions.defaults());
  }

  /**
   * Opens (creating if needed) {@code dataDir}: locks it, reads or creates the key, opens the store
   * and loads it. Fails with {@link Reason#DATA_DIR_IN_USE} at once if another process or another
   * open NodeStore holds it.
   */
  public static NodeStore open(Path dataDir, NodeStoreOptions options) throws StoreException {
    Objects.requireNonNull(options, "options");
    Path dir = DataDir.prepare(dataDir);
    DataDirLock lock = DataDirLock.acquire(dir);
    MVStore store = null;
    try {
      NodeKeyFile.Loaded key = NodeKeyFile.loadOrCreate(dir);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      store =
          new MVStore.Builder()
              .fileName(dir.resolve(STORE_FILE).toString())
              .backgroundExceptionHandler((thread, e) -> failure.compareAndSet(null, e))
              .open();
      store.setAutoCommitDelay(options.commitDelayMillis());
      return new NodeStore(dir, options, lock, store, failure, key);
    } catch (MVStoreException e) {
      release(store, lock, e);
      throw DataDir.translate(dir.resolve(STORE_FILE), e);
    } catch (StoreException | RuntimeException e) {
      release(store, lock, e);
      throw e;
    }
  }

  /** The data directory, absolute. */
  public Path dataDir() {
    return dataDir;
  }

  /** The node's private key. */
  public PrivateKey key() {
    return key;
  }

  /** The node's id, from its key. */
  public NodeId nodeId() {
    return own.nodeId();
  }

  /** Whether this open created the key (a first start). */
  public boolean keyCreated() {
    return keyCreated;
  }

  /** The node's last saved record, if any; always signed by {@link #key()}. */
  public Optional<SignedPeerRecord> ownRecord() {
    return own.record();
  }

  /**
   * The seq for the node's next record: {@code max(last + 1, unix seconds)}, over every seq this
   * data dir has handed out or saved; committed before returning, so it is never handed out twice.
   */
  public long nextSeq() throws StoreException {
    checkOpen();
    long next = own.reserveNextSeq(options.wallClock().getAsLong());
    disk.commit();
    return next;
  }

  /**
   * Saves the node's current record (group-committed); it must be signed by {@link #key()} and
   * newer than the saved one, or the same record again.
   */
  public void saveOwnRecord(SignedPeerRecord record) {
    checkOpen();
    own.save(record);
  }

  /** The CIDs this node announces, in the order loaded then added. */
  public List<Cid> announced() {
    return announced.all();
  }

  /** Adds {@code cid} to the announced CIDs and commits; returns whether it was new. */
  public boolean announce(Cid cid) throws StoreException {
    checkOpen();
    boolean added = announced.add(Objects.requireNonNull(cid, "cid"));
    disk.commit();
    return added;
  }

  /** Removes {@code cid} from the announced CIDs and commits; returns whether it was there. */
  public boolean withdraw(Cid cid) throws StoreException {
    checkOpen();
    boolean removed = announced.remove(Objects.requireNonNull(cid, "cid"));
    disk.commit();
    return removed;
  }

  /** CIDs announced; may be read from any thread. */
  public int announcedCount() {
    return announced.size();
  }

  /** The highest seq seen from {@code peer}, if remembered (unsigned, as SPR seqs). */
  public OptionalLong highestSeq(NodeId peer) {
    checkOpen();
    return peerSeqs.get(peer);
  }

  /**
   * Remembers {@code seq} for {@code peer} if higher (unsigned) than the one known; returns whether
   * it was. The least recently used peers beyond {@link NodeStoreOptions#maxPeerSeqs()} are
   * forgotten.
   */
  public boolean noteSeq(NodeId peer, long seq) {
    checkOpen();
    return peerSeqs.note(Objects.requireNonNull(peer, "peer"), seq);
  }

  /** Peers whose highest seq is remembered; may be read from any thread. */
  public int peerSeqCount() {
    return peerSeqs.size();
  }

  /** The saved routing-table entries, to use as extra bootstrap seeds, in the order saved. */
  public List<SignedPeerRecord> bootstrapSeeds() {
    checkOpen();
    return seeds.all();
  }

  /**
   * Replaces the saved routing-table entries with the first {@link NodeStoreOptions#maxSeeds()}
   * distinct peers of {@code entries} (best first); call every few minutes and before closing.
   */
  public void saveTableEntries(Collection<SignedPeerRecord> entries) {
    checkOpen();
    seeds.replace(List.copyOf(entries));
  }

  /**
   * The provider store kept in this data dir, loaded now; {@code nowMillis} is the node's monotonic
   * time. Made once per open.
   */
  public PersistentProviderStore providerStore(ProviderStoreConfig config, long nowMillis) {
    checkOpen();
    Objects.requireNonNull(config, "config");
    if (providers != null) {
      throw new IllegalStateException("the provider store of " + dataDir + " is already open");
    }
    providers =
        new PersistentProviderStore(
            Maps.open(store, PROVIDERS), disk, config, nowMillis, options.wallClock());
    return providers;
  }

  /** The application records kept in this data dir (made once per open, then the same). */
  public PersistentRecords records() {
    checkOpen();
    if (records == null) {
      records =
          new PersistentRecords(
              Maps.open(store, PersistentRecords.STORED),
              Maps.open(store, PersistentRecords.OWN),
              disk);
    }
    return records;
  }

  /** What loading found, per part (the provider store reports its own). */
  public List<LoadReport> loadReports() {
    return List.of(own.report(), announced.report(), peerSeqs.report(), seeds.report());
  }

  /** Writes that failed since opening; the first failure makes {@link #commit} fail. */
  public long failedWrites() {
    return disk.failedWrites();
  }

  /** Makes every change so far durable; returns when it is written and forced to disk. */
  public void commit() throws StoreException {
    checkOpen();
    disk.commit();
  }

  /** Commits, closes the store and releases the data dir; harmless when already closed. */
  @Override
  public void close() throws StoreException {
    if (closed) {
      return;
    }
    closed = true;
    StoreException failure = null;
    try {
      if (providers != null && !providers.isClosed()) {
        providers.commit();
      }
      disk.commit();
    } catch (StoreException e) {
      failure = e;
    } finally {
      if (providers != null) {
        providers.detach();
      }
      try {
        store.close(CLOSE_COMPACT_MILLIS);
      } catch (MVStoreException e) {
        failure = failure != null ? failure : new StoreException(Reason.IO, e.getMessage(), e);
      }
      try {
        lock.close();
      } catch (IOException e) {
        failure = failure != null ? failure : new StoreException(Reason.IO, e.getMessage(), e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the data dir " + dataDir + " is closed");
    }
  }

  /** Undoes a failed open. */
  private static void release(MVStore store, DataDirLock lock, Exception cause) {
    if (store != null) {
      store.closeImmediately();
    }
    try {
      lock.close();
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }
}
