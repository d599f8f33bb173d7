package io.codex.dht.routing;

/** What {@link RoutingTable#add} and {@link RoutingTable#addBootstrap} did with a record. */
public enum AddResult {
  /** Stored as a new live entry, at the least-recently-seen end of its bucket. */
  ADDED(true),
  /** A live entry's record was replaced by one with a higher seq; its metadata was kept. */
  UPDATED(true),
  /** Stored, refreshed or updated in the bucket's replacement cache (the bucket is full). */
  CACHED(true),
  /** A live entry with the same seq exists; nothing changed. */
  EXISTS(false),
  /** The stored record (live or cached) has a higher seq; nothing changed. */
  STALE_SEQ(false),
  /** The record is the local node's own. */
  SELF(false),
  /** The record has no usable endpoint ({@link RecordView#ip} returned null). */
  NO_ENDPOINT(false),
  /** The record's /24 (IPv4) or /48 (IPv6) already fills its share of the bucket or the table. */
  IP_LIMIT(false),
  /** The peer contacted us first and the bucket already holds its share of such entries. */
  INBOUND_LIMIT(false),
  /** Bootstrap only: the bucket is full of bootstrap entries. */
  BUCKET_FULL(false);

  private final boolean stored;

  AddResult(boolean stored) {
    this.stored = stored;
  }

  /** Whether the table now holds this record (live or in a replacement cache). */
  public boolean stored() {
    return stored;
  }
}
