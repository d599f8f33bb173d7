package io.codex.dht.routing;

import io.codex.dht.spr.NodeId;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the {@code capacity} entries closest to a target among those offered, sorted, without
 * sorting everything offered.
 */
final class ClosestSelector<R> {
  private final NodeId target;
  private final double minSeen;
  private final Entry<?>[] best;
  private int size;

  ClosestSelector(NodeId target, int capacity, double minSeen) {
    this.target = target;
    this.minSeen = minSeen;
    this.best = new Entry<?>[capacity];
  }

  boolean full() {
    return size == best.length;
  }

  void offerAll(List<Entry<R>> entries) {
    for (int i = 0, n = entries.size(); i < n; i++) {
      offer(entries.get(i));
    }
  }

  // Implementation notes: insertion into a sorted array of at most n (16) elements; once the array
  // is full most offers are rejected by the single comparison with the current farthest.
  void offer(Entry<R> e) {
    if (e.seen < minSeen) {
      return;
    }
    int i = size;
    if (i == best.length) {
      if (i == 0 || target.compareDistance(e.id, best[i - 1].id) >= 0) {
        return;
      }
      i--;
    } else {
      size++;
    }
    while (i > 0 && target.compareDistance(e.id, best[i - 1].id) < 0) {
      best[i] = best[i - 1];
      i--;
    }
    best[i] = e;
  }

  List<R> result() {
    List<R> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      @SuppressWarnings("unchecked")
      Entry<R> e = (Entry<R>) best[i];
      out.add(e.record);
    }
    return out;
  }
}
