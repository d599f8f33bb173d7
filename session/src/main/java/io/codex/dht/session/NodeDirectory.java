package io.codex.dht.session;

import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PublicKey;
import java.util.Objects;

/**
 * What the node knows about other nodes (typically its routing table): a WHOAREYOU carries the
 * known record seq so the peer leaves out a record we have, and a handshake without a record is
 * verified with the known key.
 */
@FunctionalInterface
public interface NodeDirectory {
  /** A directory that knows no node. */
  NodeDirectory EMPTY = id -> null;

  /** What is known about {@code id}, or {@code null}. Called on the owner thread. */
  KnownNode lookup(NodeId id);

  /** A known node's public key and the sequence number of the record we hold for it. */
  record KnownNode(PublicKey publicKey, long recordSeq) {
    /** Checks the key. */
    public KnownNode {
      Objects.requireNonNull(publicKey, "publicKey");
    }
  }
}
