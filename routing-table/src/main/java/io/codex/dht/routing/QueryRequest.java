package io.codex.dht.routing;

import io.codex.dht.spr.NodeId;
import java.util.List;

/**
 * One query the node should send for a {@link Lookup}: FINDNODE({@code distances}) to {@code peer},
 * or FINDNODE_FAST({@code target}) when {@code fast}.
 *
 * @param peer the record of the peer to ask
 * @param peerId the peer's node id
 * @param distances the log distances to ask for ({@link Lookup#lookupDistances}); empty when fast
 * @param target the lookup target
 * @param fast whether to send FINDNODE_FAST(target) instead of FINDNODE(distances)
 * @param <R> the record type
 */
public record QueryRequest<R>(
    R peer, NodeId peerId, List<Integer> distances, NodeId target, boolean fast) {

  /** Copies the distances. */
  public QueryRequest {
    distances = List.copyOf(distances);
  }
}
