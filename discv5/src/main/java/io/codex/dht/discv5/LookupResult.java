package io.codex.dht.discv5;

import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.SignedPeerRecord;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a lookup: the closest live nodes found (closest first), the target's own record if
 * any answer carried it, and how much work the lookup took.
 *
 * @param target the id looked up
 * @param closest up to 16 closest nodes that answered, closest first
 * @param targetRecord the record of the node whose id is {@code target}, if it was met
 * @param rounds the longest chain of answers (hops)
 * @param queries the FINDNODE queries sent
 * @param trace the path the lookup took, when it was asked for ({@link Discv5Node#lookupTraced})
 */
public record LookupResult(
    NodeId target,
    List<SignedPeerRecord> closest,
    Optional<SignedPeerRecord> targetRecord,
    int rounds,
    int queries,
    Optional<LookupTrace> trace) {
  /** Copies the list. */
  public LookupResult {
    closest = List.copyOf(closest);
  }

  /** A result without a trace. */
  public LookupResult(
      NodeId target,
      List<SignedPeerRecord> closest,
      Optional<SignedPeerRecord> targetRecord,
      int rounds,
      int queries) {
    this(target, closest, targetRecord, rounds, queries, Optional.empty());
  }
}
