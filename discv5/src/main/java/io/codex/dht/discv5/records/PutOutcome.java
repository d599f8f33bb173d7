package io.codex.dht.discv5.records;

/** What a record store did with a valid record. */
public enum PutOutcome {
  /** Stored (new, or newer than the one held). */
  STORED,
  /** The same record is already held. */
  UNCHANGED,
  /** A newer record of the key is held; this one lost consolidation. */
  STALE,
  /** The key holds as many records as allowed, from other publishers. */
  KEY_FULL,
  /** The publisher holds as many records as allowed. */
  PUBLISHER_FULL,
  /** The store's record or byte total is reached. */
  STORE_FULL;

  /** Whether the record is held after the put. */
  public boolean held() {
    return this == STORED || this == UNCHANGED;
  }

  /** The metric tag and wire reason. */
  public String tag() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
