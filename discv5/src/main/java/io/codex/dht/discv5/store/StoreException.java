package io.codex.dht.discv5.store;

import java.util.Objects;

/**
 * The one checked exception of the data directory, carrying a {@link Reason} that tests assert and
 * a message an operator can act on.
 */
public final class StoreException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the data directory or an operation on it failed; stable names, usable as metric tags. */
  public enum Reason {
    /** Another process, or another {@link NodeStore} of this process, holds the data dir. */
    DATA_DIR_IN_USE,
    /** The data dir path is not a directory, or cannot be created, read or written. */
    BAD_DATA_DIR,
    /** The key file exists but does not hold a key; it is left untouched. */
    BAD_KEY_FILE,
    /** The store file is damaged beyond what the store's own recovery repairs. */
    CORRUPT_STORE,
    /** The store file was written by a newer version with a format this one does not know. */
    UNSUPPORTED_FORMAT,
    /** Reading or writing failed (disk full, I/O error), now or in an earlier background write. */
    IO,
    /** A bounded part of the store is full. */
    FULL,
    /** Every sequence number has been used. */
    SEQ_EXHAUSTED
  }

  private final Reason reason;

  /** An exception for {@code reason} with a message. */
  public StoreException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** An exception for {@code reason} with a message and the underlying cause. */
  public StoreException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why it failed. */
  public Reason reason() {
    return reason;
  }
}
