package io.codex.dht.discv5;

import io.codex.dht.discv5.exec.NodeScheduler;
import io.codex.dht.spr.NodeId;
import java.util.ArrayList;
import java.util.List;

/**
 * The node's timers: revalidation (ping the least recently seen entry of a random bucket every 5-10
 * s, fetching its record when the PONG shows a newer one), table refresh (a random lookup when none
 * ran for a while), and the periodic expiry of session and provider state.
 */
final class Maintenance {
  private static final long SESSION_EXPIRY_MILLIS = 1_000;
  private static final long PROVIDER_EXPIRY_MILLIS = 30_000;

  private final NodeCore node;
  private final List<Periodic> timers = new ArrayList<>();
  private NodeScheduler.Cancellable revalidation;
  private boolean running;

  Maintenance(NodeCore node) {
    this.node = node;
  }

  /** Starts the loops; the table fills with a self lookup and a random lookup. */
  void start() {
    running = true;
    node.lookups.lookup(node.localId, false).whenComplete((outcome, error) -> node.openInbound());
    node.lookups.lookup(NodeId.random(node.config.random()), false);
    scheduleRevalidation();
    every(node.config.refreshInterval().toMillis() / 2, this::refresh);
    every(SESSION_EXPIRY_MILLIS, node.session::expire);
    every(PROVIDER_EXPIRY_MILLIS, () -> node.providerStore.expire(node.scheduler.nowMillis()));
  }

  void stop() {
    running = false;
    timers.forEach(NodeScheduler.Cancellable::cancel);
    timers.clear();
    if (revalidation != null) {
      revalidation.cancel();
    }
  }

  /** A task repeated every {@code periodMillis} until the node stops. */
  private final class Periodic implements NodeScheduler.Cancellable {
    private final long periodMillis;
    private final Runnable task;
    private NodeScheduler.Cancellable next;

    Periodic(long periodMillis, Runnable task) {
      this.periodMillis = periodMillis;
      this.task = task;
    }

    void arm() {
      next = node.scheduler.schedule(this::fire, periodMillis);
    }

    private void fire() {
      if (running) {
        task.run();
        arm();
      }
    }

    @Override
    public void cancel() {
      if (next != null) {
        next.cancel();
      }
    }
  }

  private void every(long periodMillis, Runnable task) {
    Periodic p = new Periodic(periodMillis, task);
    timers.add(p);
    p.arm();
  }

  private void scheduleRevalidation() {
    long min = node.config.revalidationMin().toMillis();
    long max = node.config.revalidationMax().toMillis();
    long delay = min + (max > min ? (long) (node.config.random().nextDouble() * (max - min)) : 0);
    revalidation = node.scheduler.schedule(this::revalidate, delay);
  }

  private void revalidate() {
    if (!running) {
      return;
    }
    scheduleRevalidation();
    node.table.revalidationCandidate().ifPresent(this::revalidate);
  }

  /** Pings {@code peer}; a PONG with a higher record seq triggers FINDNODE [0] for the record. */
  void revalidate(Peer peer) {
    node.ping(peer)
        .thenAccept(
            pong -> {
              if (Long.compareUnsigned(pong.enrSeq(), peer.seq()) > 0) {
                fetchRecord(peer);
              }
            });
  }

  private void fetchRecord(Peer peer) {
    node.findNode(peer, List.of(0))
        .thenAccept(
            peers -> {
              for (Peer p : peers) {
                if (p.nodeId().equals(peer.nodeId()) && p.record().isNewerThan(peer.record())) {
                  node.table.add(p, false);
                  node.recent.put(p.record());
                }
              }
            });
  }

  private void refresh() {
    long idle = node.scheduler.nowMillis() - node.lookups.lastLookupMillis();
    if (node.lookups.lastLookupMillis() == Long.MIN_VALUE
        || idle >= node.config.refreshInterval().toMillis()) {
      node.lookups.lookup(NodeId.random(node.config.random()), false);
    }
  }
}
