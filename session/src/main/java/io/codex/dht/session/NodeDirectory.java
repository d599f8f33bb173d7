package io.codex.dht.session;

import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PublicKey;
import java.util.Objects;

/**
 * What the node knows about other nodes (typically its routing table): a WHOAREYOU carries the
 * known record seq so the peer leaves out a record we have, a handshake without a record is
 * verified with the known key, and the sessions of protected nodes (routing-table members) are
 * evicted last.
 */
@FunctionalInterface
public interface NodeDirectory {
  /** A directory that knows no node. */
  NodeDirectory EMPTY = id -> null;

  /** What is known about {@code id}, or {@code null}. Called on the owner thread. */
  KnownNode lookup(NodeId id);

  /**
   * Whether the session with {@code id} should outlive others when the session cache is full
   * (typically: {@code id} is a routing-table member). Called on the owner thread while a session
   * is evicted; none by default.
   */
  default boolean isProtected(NodeId id) {
    return false;
  }

  /** A known node's public key and the sequence number of the record we hold for it. */
  record KnownNode(PublicKey publicKey, long recordSeq) {
    /** Checks the key. */
    public KnownNode {
      Objects.requireNonNull(publicKey, "publicKey");
    }
  }
}
