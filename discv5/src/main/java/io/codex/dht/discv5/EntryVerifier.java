package io.codex.dht.discv5;

import io.codex.dht.discv5.exec.NodeScheduler;
import io.codex.dht.spr.NodeId;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Pings table entries learned from other nodes' answers soon after they arrive, at a bounded rate,
 * so that live ones reach the seen score that lets this node recommend them, and dead ones leave.
 *
 * <p>Implementation notes: Codex offers only entries with seen 1.0 to FINDNODE and verifies learned
 * entries only through revalidation (one ping per 5-10 s), so a node learned second-hand stays
 * invisible for minutes. A FIFO of at most {@link #MAX_QUEUED} entries drained at one ping per
 * {@link #INTERVAL_MILLIS} closes that gap without letting a burst of answers become a burst of
 * pings.
 */
final class EntryVerifier {
  static final int MAX_QUEUED = 64;
  static final long INTERVAL_MILLIS = 100;

  private final NodeCore node;
  private final ArrayDeque<NodeId> queue = new ArrayDeque<>();
  private final Set<NodeId> queued = new HashSet<>();
  private NodeScheduler.Cancellable timer;
  private boolean running = true;

  EntryVerifier(NodeCore node) {
    this.node = node;
  }

  /** Queues a newly learned entry for a liveness ping (dropped when the queue is full). */
  void enqueue(NodeId id) {
    if (!running || queue.size() >= MAX_QUEUED || !queued.add(id)) {
      return;
    }
    queue.add(id);
    if (timer == null) {
      timer = node.scheduler.schedule(this::drain, INTERVAL_MILLIS);
    }
  }

  void stop() {
    running = false;
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    queue.clear();
    queued.clear();
  }

  private void drain() {
    timer = null;
    NodeId id = queue.poll();
    if (id == null) {
      return;
    }
    queued.remove(id);
    node.table
        .entry(id)
        .filter(e -> e.seen() < RequestHandlers.SEEN_THRESHOLD)
        .ifPresent(e -> node.ping(e.record()));
    if (!queue.isEmpty() && running) {
      timer = node.scheduler.schedule(this::drain, INTERVAL_MILLIS);
    }
  }
}
