package io.codex.dht.routing;

import io.codex.dht.spr.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/** The read-only table queries: closest, FINDNODE answers, revalidation pick and sampling. */
final class TableQueries {
  private TableQueries() {}

  // Implementation notes: with dt = logDistance(local, target), entries of bucket dt are at log
  // distance < dt from the target, entries of every bucket below dt at exactly dt, and entries of
  // bucket d > dt at exactly d. So bucket dt comes first, then all lower buckets together, then the
  // higher buckets in increasing order; the walk stops after the first bucket group that completes
  // the selection, so a query looks at a few buckets, not the whole table.
  static <R> List<R> closest(RoutingTable<R> table, NodeId target, int n, double minSeen) {
    if (n <= 0 || table.size() == 0) {
      return List.of();
    }
    ClosestSelector<R> selector = new ClosestSelector<>(target, Math.min(n, table.size()), minSeen);
    int dt = table.localId().logDistance(target);
    if (dt > 0) {
      selector.offerAll(table.bucket(dt).live);
    }
    if (!selector.full()) {
      for (int d = 1; d < dt; d++) {
        selector.offerAll(table.bucket(d).live); // all at log distance dt: no early stop
      }
    }
    for (int d = dt + 1; d <= NodeId.BITS && !selector.full(); d++) {
      selector.offerAll(table.bucket(d).live);
    }
    return selector.result();
  }

  static <R> Optional<R> revalidationCandidate(RoutingTable<R> table, RandomGenerator random) {
    if (table.size() == 0) {
      return Optional.empty();
    }
    int nonEmpty = 0;
    for (int d = 1; d <= NodeId.BITS; d++) {
      nonEmpty += table.bucket(d).live.isEmpty() ? 0 : 1;
    }
    int pick = random.nextInt(nonEmpty);
    for (int d = 1; d <= NodeId.BITS; d++) {
      List<Entry<R>> live = table.bucket(d).live;
      if (!live.isEmpty() && pick-- == 0) {
        return Optional.of(live.get(live.size() - 1).record);
      }
    }
    throw new IllegalStateException("non-empty bucket count changed during the scan");
  }

  // Implementation notes: Codex answers FINDNODE with the closest entries to the id at the first
  // requested distance, filtered to the requested distances, which can leave out a requested
  // distance that has entries (a TODO in routing_table.nim). Here each requested distance gets one
  // slot per round until the limit is reached or every requested bucket is exhausted.
  static <R> List<R> atDistances(
      RoutingTable<R> table, int[] distances, int limit, double minSeen) {
    if (limit <= 0 || distances.length == 0 || table.size() == 0) {
      return List.of();
    }
    boolean[] requested = new boolean[257];
    List<Bucket<R>> chosen = new ArrayList<>();
    for (int d : distances) {
      if (d >= 1 && d <= 256 && !requested[d]) {
        requested[d] = true;
        Bucket<R> b = table.bucket(d);
        if (!b.live.isEmpty()) {
          chosen.add(b);
        }
      }
    }
    int m = chosen.size();
    int[] cursor = new int[m];
    List<List<R>> picked = new ArrayList<>(m);
    for (int k = 0; k < m; k++) {
      picked.add(new ArrayList<>());
    }
    int total = 0;
    boolean progress = true;
    while (total < limit && progress) {
      progress = false;
      for (int k = 0; k < m && total < limit; k++) {
        List<Entry<R>> live = chosen.get(k).live;
        while (cursor[k] < live.size()) {
          Entry<R> e = live.get(cursor[k]++);
          if (e.seen >= minSeen) {
            picked.get(k).add(e.record);
            total++;
            progress = true;
            break;
          }
        }
      }
    }
    List<R> out = new ArrayList<>(total);
    for (List<R> p : picked) {
      out.addAll(p);
    }
    return out;
  }

  // Implementation notes: a partial Fisher-Yates shuffle over a snapshot of the live entries, so
  // every matching entry is equally likely and none repeats; O(table size) per call.
  static <R> List<R> randomSample(
      RoutingTable<R> table, int n, Predicate<? super R> filter, RandomGenerator random) {
    if (n <= 0 || table.size() == 0) {
      return List.of();
    }
    List<R> all = new ArrayList<>(table.size());
    for (int d = 1; d <= 256; d++) {
      for (Entry<R> e : table.bucket(d).live) {
        all.add(e.record);
      }
    }
    List<R> out = new ArrayList<>(Math.min(n, all.size()));
    for (int i = 0, size = all.size(); i < size && out.size() < n; i++) {
      int j = i + random.nextInt(size - i);
      R pick = all.get(j);
      all.set(j, all.get(i));
      all.set(i, pick);
      if (filter.test(pick)) {
        out.add(pick);
      }
    }
    return out;
  }
}
