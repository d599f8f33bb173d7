package io.codex.dht.discv5.store;

import io.codex.dht.discv5.store.StoreException.Reason;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The open MVStore of a data dir: write-through helpers that never throw, and the synchronous
 * commit that acknowledgements wait for.
 *
 * <p>Implementation notes: writes on the node's hot paths (provider adds, seqs, seeds) must not
 * fail the protocol when the disk does, so {@link #put} and {@link #remove} record the first
 * failure and count the rest; memory stays authoritative and the node keeps serving. {@link
 * #commit} then reports the failure, so nothing is acknowledged that is not on disk. MVStore
 * commits in the background through two single-thread executors; {@link MVStore#commit} returns
 * early when such a background commit has already taken the changes but not yet written them, so
 * {@link #commit} also drains those executors before forcing the file.
 */
final class Disk {
  private final MVStore store;
  private final AtomicReference<Throwable> failure;
  private final AtomicLong failedWrites = new AtomicLong();

  Disk(MVStore store, AtomicReference<Throwable> failure) {
    this.store = store;
    this.failure = failure;
  }

  /** Writes one entry; false (and recorded) if the store has failed. */
  boolean put(MVMap<byte[], byte[]> map, byte[] key, byte[] value) {
    try {
      map.put(key, value);
      return true;
    } catch (MVStoreException e) {
      failed(e);
      return false;
    }
  }

  /** Deletes one entry; false (and recorded) if the store has failed. */
  boolean remove(MVMap<byte[], byte[]> map, byte[] key) {
    try {
      map.remove(key);
      return true;
    } catch (MVStoreException e) {
      failed(e);
      return false;
    }
  }

  /**
   * Makes every change made before this call durable: written to the file (survives {@code kill
   * -9}) and forced to the device (survives power loss, as far as the device honours it).
   */
  void commit() throws StoreException {
    throwIfFailed();
    try {
      store.commit();
      FileStore<?> file = store.getFileStore();
      store.executeFilestoreOperation(file::sync);
    } catch (MVStoreException e) {
      failed(e);
      throw new StoreException(Reason.IO, "commit to the data dir failed: " + e.getMessage(), e);
    }
    throwIfFailed();
  }

  /** Writes that failed since opening. */
  long failedWrites() {
    return failedWrites.get();
  }

  /** The first failure of a write or of the background writer, or null. */
  Throwable failure() {
    return failure.get();
  }

  private void throwIfFailed() throws StoreException {
    Throwable f = failure.get();
    if (f != null) {
      throw new StoreException(
          Reason.IO,
          "the data dir store failed ("
              + f.getMessage()
              + "); changes since then are in memory only, restart the node after fixing the"
              + " disk",
          f);
    }
  }

  private void failed(RuntimeException e) {
    failedWrites.incrementAndGet();
    failure.compareAndSet(null, e);
  }
}
