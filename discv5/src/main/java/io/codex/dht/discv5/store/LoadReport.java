package io.codex.dht.discv5.store;

/**
 * What opening the store found in one part of it: entries loaded, and entries skipped and why.
 * Skipping is never fatal; corrupt entries are left on disk untouched, expired and over-limit ones
 * are deleted.
 *
 * @param part the part of the store
 * @param loaded entries in use after loading
 * @param corrupt entries that did not decode or validate (bad length, bad record signature, record
 *     of another node)
 * @param expired entries whose lifetime had run out
 * @param overLimit valid entries dropped because a configured bound is now lower than their number
 */
public record LoadReport(Part part, int loaded, int corrupt, int expired, int overLimit) {

  /** The parts of the store. */
  public enum Part {
    /** The node's own record. */
    OWN_RECORD,
    /** The CIDs this node announces. */
    ANNOUNCED,
    /** The highest seq seen per peer. */
    PEER_SEQS,
    /** Routing-table entries kept as bootstrap seeds. */
    SEEDS,
    /** The provider records this node stores for others. */
    PROVIDERS
  }

  /** Whether anything was skipped. */
  public boolean skippedAny() {
    return corrupt + expired + overLimit > 0;
  }
}
