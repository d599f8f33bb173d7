package io.codex.dht.routing;

import io.codex.dht.spr.NodeId;
import java.util.ArrayList;
import java.util.List;

/**
 * The entries at one log distance from the local node: live entries ordered by last seen, and the
 * replacement cache ordered by freshness.
 */
final class Bucket<R> {
  /** Live entries; index 0 is the most recently seen, the last one the least recently seen. */
  final List<Entry<R>> live = new ArrayList<>();

  /** Replacement cache; the last entry is the freshest (most recently offered or seen). */
  final List<Entry<R>> replacements = new ArrayList<>();

  /** Subnet counts of live and replacement entries together. */
  final SubnetCounter subnets = new SubnetCounter();

  /** How many live entries are inbound. */
  int inbound;

  int indexOfLive(NodeId id) {
    return indexOf(live, id);
  }

  int indexOfReplacement(NodeId id) {
    return indexOf(replacements, id);
  }

  /**
   * The index of the freshest replacement that may take a live slot without breaking the inbound
   * limit, given {@code inboundAfter} live inbound entries; -1 if none.
   */
  int usableReplacement(int inboundAfter, int maxInbound) {
    for (int i = replacements.size() - 1; i >= 0; i--) {
      if (!replacements.get(i).inbound || inboundAfter < maxInbound) {
        return i;
      }
    }
    return -1;
  }

  private static <R> int indexOf(List<Entry<R>> list, NodeId id) {
    for (int i = 0, n = list.size(); i < n; i++) {
      if (list.get(i).id.equals(id)) {
        return i;
      }
    }
    return -1;
  }
}
