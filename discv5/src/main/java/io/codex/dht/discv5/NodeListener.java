package io.codex.dht.discv5;

import io.codex.dht.spr.SignedPeerRecord;

/** Hears about changes of the node's routing table, on the node's thread; it must not block. */
public interface NodeListener {
  /** A node became a live table entry. */
  default void nodeAdded(SignedPeerRecord record) {}

  /** A node left the table. */
  default void nodeRemoved(SignedPeerRecord record) {}

  /** This node's own record changed (services, or the address others observe); seq grew. */
  default void localRecordUpdated(SignedPeerRecord record) {}

  /** A table entry's record was replaced by a newer one (higher seq). */
  default void nodeUpdated(SignedPeerRecord previous, SignedPeerRecord current) {}
}
