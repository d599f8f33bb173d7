package io.codex.dht.routing;

import io.codex.dht.spr.NodeId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A network of honest nodes for lookup tests, without sockets or threads: node i has id {@code
 * ids[i]}, and its routing table holds, for every log distance d, all nodes at that distance if
 * there are at most 16, otherwise a fixed pseudo-random 16 of them.
 *
 * <p>Implementation notes: the ids are kept sorted, so the nodes at log distance d from a node form
 * one contiguous range (same top 256 - d bits, bit d - 1 flipped), found by binary search. Answers
 * are computed on demand through a real {@link RoutingTable} holding just the requested buckets, so
 * FINDNODE replies come from {@link RoutingTable#atDistances} as a node would send them.
 */
final class SyntheticNetwork {
  final TestRecord[] records; // sorted by id
  final boolean[] alive;
  private final NodeId[] ids;
  private final long seed;

  SyntheticNetwork(int size, double deadFraction, long seed) {
    this.seed = seed;
    SplittableRandom random = new SplittableRandom(seed);
    ids = new NodeId[size];
    for (int i = 0; i < size; i++) {
      ids[i] = NodeId.random(random);
    }
    Arrays.sort(ids);
    records = new TestRecord[size];
    alive = new boolean[size];
    for (int i = 0; i < size; i++) {
      records[i] = new TestRecord(ids[i], 1, TestRecord.uniqueIp(i));
      alive[i] = random.nextDouble() >= deadFraction;
    }
  }

  int size() {
    return ids.length;
  }

  int indexOf(NodeId id) {
    int i = Arrays.binarySearch(ids, id);
    if (i < 0) {
      throw new IllegalArgumentException("not a network node: " + id);
    }
    return i;
  }

  /** The members of node {@code node}'s bucket at log distance {@code d} (at most 16). */
  List<TestRecord> bucket(int node, int d) {
    BigInteger self = ids[node].toBigInteger();
    BigInteger lo = self.flipBit(d - 1).shiftRight(d - 1).shiftLeft(d - 1);
    BigInteger hi = lo.add(BigInteger.ONE.shiftLeft(d - 1).subtract(BigInteger.ONE));
    int from = lowerBound(NodeId.fromBigInteger(lo));
    int to = upperBound(NodeId.fromBigInteger(hi));
    List<TestRecord> out = new ArrayList<>();
    int count = to - from;
    if (count <= 16) {
      for (int i = from; i < to; i++) {
        out.add(records[i]);
      }
      return out;
    }
    // a fixed subset per (node, d): partial Fisher-Yates over the range
    SplittableRandom pick = new SplittableRandom(seed * 1_000_003L + node * 257L + d);
    int[] idx = new int[count];
    for (int i = 0; i < count; i++) {
      idx[i] = from + i;
    }
    for (int i = 0; i < 16; i++) {
      int j = i + pick.nextInt(count - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
      out.add(records[idx[i]]);
    }
    return out;
  }

  /** Node {@code node}'s routing table, holding the given buckets (all if null), all seen. */
  RoutingTable<TestRecord> table(int node, int[] distances) {
    RoutingTable<TestRecord> table =
        new RoutingTable<>(
            ids[node], TestRecord.VIEW, TableConfig.DEFAULT, new SplittableRandom(seed + node));
    int[] ds = distances;
    if (ds == null) {
      // The XOR-closest node is a neighbour in sorted order: no bucket below its distance is used.
      int nearest = 256;
      if (node > 0) {
        nearest = Math.min(nearest, ids[node].logDistance(ids[node - 1]));
      }
      if (node + 1 < ids.length) {
        nearest = Math.min(nearest, ids[node].logDistance(ids[node + 1]));
      }
      ds = new int[257 - nearest];
      for (int i = 0; i < ds.length; i++) {
        ds[i] = nearest + i;
      }
    }
    for (int d : ds) {
      if (d >= 1 && d <= 256) {
        for (TestRecord r : bucket(node, d)) {
          table.add(r, false);
          table.onSuccess(r.id(), 0);
        }
      }
    }
    return table;
  }

  /** Node {@code node}'s honest FINDNODE answer: its own record for distance 0, else its table. */
  List<TestRecord> findNode(int node, List<Integer> distances) {
    if (distances.contains(0)) {
      return List.of(records[node]);
    }
    int[] ds = distances.stream().mapToInt(Integer::intValue).toArray();
    return table(node, ds).atDistances(ds, 16, 1.0);
  }

  /** Node {@code node}'s honest FINDNODE_FAST answer: its 6 closest seen entries. */
  List<TestRecord> findNodeFast(int node, NodeId target) {
    return table(node, null).closest(target, 6, 1.0);
  }

  /**
   * The {@code n} closest nodes to {@code target}, excluding {@code exclude}, alive only if set.
   */
  List<NodeId> trueClosest(NodeId target, int n, NodeId exclude, boolean aliveOnly) {
    List<NodeId> best = new ArrayList<>(n + 1);
    for (int i = 0; i < ids.length; i++) {
      if ((aliveOnly && !alive[i]) || ids[i].equals(exclude)) {
        continue;
      }
      int pos = best.size();
      while (pos > 0 && target.compareDistance(ids[i], best.get(pos - 1)) < 0) {
        pos--;
      }
      if (pos < n) {
        best.add(pos, ids[i]);
        if (best.size() > n) {
          best.remove(n);
        }
      }
    }
    return best;
  }

  private int lowerBound(NodeId key) {
    int i = Arrays.binarySearch(ids, key);
    return i >= 0 ? i : -i - 1;
  }

  private int upperBound(NodeId key) {
    int i = Arrays.binarySearch(ids, key);
    return i >= 0 ? i + 1 : -i - 1;
  }
}
