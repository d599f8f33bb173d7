package io.codex.dht.discv5;

import io.codex.dht.spr.NodeId;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Collects the external address other nodes see for us (from PONGs to our own PINGs) and names a
 * winner once enough independent voters agree: at least {@code threshold} votes from at least
 * {@code minSubnets} different /24s (or /48s) within the vote window.
 *
 * <p>Implementation notes: one vote per voter node, the latest; voters are kept in insertion order
 * and the map is bounded, the oldest vote falling out first. Owned by the node thread.
 */
final class IpVotes {
  private record Vote(InetSocketAddress observed, long voterSubnet, long atMillis) {}

  private final int threshold;
  private final int minSubnets;
  private final long windowMillis;
  private final int maxVoters;
  private final LinkedHashMap<NodeId, Vote> votes = new LinkedHashMap<>();

  IpVotes(int threshold, int minSubnets, long windowMillis, int maxVoters) {
    this.threshold = threshold;
    this.minSubnets = minSubnets;
    this.windowMillis = windowMillis;
    this.maxVoters = maxVoters;
  }

  /** Records that {@code voter}, reached at {@code voterAddress}, sees us at {@code observed}. */
  void add(
      NodeId voter, InetSocketAddress voterAddress, InetSocketAddress observed, long nowMillis) {
    votes.remove(voter);
    votes.put(voter, new Vote(observed, AddressRules.subnet(voterAddress.getAddress()), nowMillis));
    while (votes.size() > maxVoters) {
      Iterator<NodeId> oldest = votes.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  /** The address enough recent, independent voters agree on, if any. */
  Optional<InetSocketAddress> winner(long nowMillis) {
    votes.values().removeIf(v -> nowMillis - v.atMillis() > windowMillis);
    Map<InetSocketAddress, Integer> counts = new HashMap<>();
    Map<InetSocketAddress, Set<Long>> subnets = new HashMap<>();
    for (Vote v : votes.values()) {
      counts.merge(v.observed(), 1, Integer::sum);
      subnets.computeIfAbsent(v.observed(), k -> new HashSet<>()).add(v.voterSubnet());
    }
    InetSocketAddress best = null;
    int bestCount = 0;
    for (Map.Entry<InetSocketAddress, Integer> e : counts.entrySet()) {
      if (e.getValue() >= threshold
          && subnets.get(e.getKey()).size() >= minSubnets
          && e.getValue() > bestCount) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return Optional.ofNullable(best);
  }

  /** Votes currently held. */
  int size() {
    return votes.size();
  }
}
