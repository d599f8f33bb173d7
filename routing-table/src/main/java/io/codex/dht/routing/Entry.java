package io.codex.dht.routing;

import io.codex.dht.spr.NodeId;

/** One stored record with its table metadata; mutable, owned by its {@link Bucket}. */
final class Entry<R> {
  /** Seen-score smoothing: {@code seen = SMOOTHING * seen + (1 - SMOOTHING) * outcome}. */
  static final double SMOOTHING = 0.9;

  final NodeId id;
  R record;
  long subnetKey;
  double seen;
  long lastSeenMillis = Long.MIN_VALUE;
  boolean bootstrap;
  boolean inbound;

  Entry(NodeId id, R record, long subnetKey, boolean inbound, boolean bootstrap) {
    this.id = id;
    this.record = record;
    this.subnetKey = subnetKey;
    this.inbound = inbound;
    this.bootstrap = bootstrap;
  }

  // Implementation notes: Codex's registerSeen sets seen = 1 on the first call whatever the
  // outcome, so a node that never answered gets 1.0 after its first failure and is then offered
  // to FINDNODE. Here only a success sets the first 1.0; a failure before any success leaves 0.
  void registerSuccess(long nowMillis) {
    seen = seen == 0 ? 1.0 : SMOOTHING * seen + (1 - SMOOTHING);
    lastSeenMillis = nowMillis;
  }

  void registerFailure() {
    seen = SMOOTHING * seen;
  }

  TableEntry<R> snapshot() {
    return new TableEntry<>(record, seen, lastSeenMillis, bootstrap, inbound);
  }
}
