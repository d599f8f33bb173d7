package io.codex.dht.discv5;

import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.SignedPeerRecord;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Resolves a node id to its newest record: FINDNODE [0] to the node when we hold its record, else a
 * lookup; the record with the higher seq wins.
 */
final class Resolver {
  private Resolver() {}

  static CompletableFuture<Optional<SignedPeerRecord>> resolve(NodeCore node, NodeId id) {
    SignedPeerRecord known = node.knownRecord(id);
    if (id.equals(node.localId)) {
      return CompletableFuture.completedFuture(Optional.of(node.local.current()));
    }
    Optional<Peer> peer = known == null ? Optional.empty() : Peer.of(known, node.ipv4, node.ipv6);
    if (peer.isPresent()) {
      return node.findNode(peer.get(), List.of(0))
          .handle(
              (peers, error) -> {
                if (error == null) {
                  for (Peer p : peers) {
                    if (p.nodeId().equals(id)) {
                      return Optional.of(newer(p.record(), known));
                    }
                  }
                }
                return (Optional<SignedPeerRecord>) null;
              })
          .thenCompose(
              direct ->
                  direct != null
                      ? CompletableFuture.completedFuture(direct)
                      : viaLookup(node, id, known));
    }
    return viaLookup(node, id, known);
  }

  private static CompletableFuture<Optional<SignedPeerRecord>> viaLookup(
      NodeCore node, NodeId id, SignedPeerRecord known) {
    return node.lookups
        .lookup(id, false)
        .thenApply(
            outcome -> {
              SignedPeerRecord found =
                  outcome.targetFound() == null ? null : outcome.targetFound().record();
              if (found == null) {
                return Optional.ofNullable(known);
              }
              return Optional.of(known == null ? found : newer(found, known));
            });
  }

  private static SignedPeerRecord newer(SignedPeerRecord a, SignedPeerRecord b) {
    return b == null || !b.isNewerThan(a) ? a : b;
  }
}
