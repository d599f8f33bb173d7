package io.codex.dht.discv5;

import io.codex.dht.discv5.exec.NodeScheduler;
import io.codex.dht.routing.Lookup;
import io.codex.dht.routing.LookupConfig;
import io.codex.dht.routing.QueryRequest;
import io.codex.dht.spr.NodeId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Drives {@link Lookup} state machines with real queries: FINDNODE (or FINDNODE_FAST) to the peers
 * each lookup names, verified answers fed back, newly met nodes offered to the table.
 */
final class LookupRunner {
  /** The outcome of one lookup. */
  record Outcome(
      NodeId target,
      List<Peer> closest,
      Peer targetFound,
      int rounds,
      int queries,
      LookupTrace trace) {}

  private final NodeCore node;
  private long lastLookupMillis = Long.MIN_VALUE;

  LookupRunner(NodeCore node) {
    this.node = node;
  }

  /** When the last lookup started, in monotonic millis ({@link Long#MIN_VALUE} if never). */
  long lastLookupMillis() {
    return lastLookupMillis;
  }

  /** Looks up {@code target}; completes with the closest live peers found. */
  CompletableFuture<Outcome> lookup(NodeId target, boolean fast) {
    return lookup(target, fast, false);
  }

  /**
   * Looks up {@code target}; completes with the closest live peers found and, when {@code trace},
   * the path the lookup took.
   */
  CompletableFuture<Outcome> lookup(NodeId target, boolean fast, boolean trace) {
    NodeScheduler s = node.scheduler;
    lastLookupMillis = s.nowMillis();
    LookupConfig config = node.config.lookup().withFast(fast);
    List<Peer> seeds = node.table.closest(target, config.resultSize());
    Run run =
        new Run(
            new Lookup<>(target, node.localId, seeds, Peer.VIEW, config, node.rtt::timeoutMillis),
            s.nanoTime());
    run.recorder = trace ? new TraceRecorder(target, seeds, s.nowMillis()) : null;
    run.pump();
    return run.done;
  }

  private final class Run {
    final Lookup<Peer> lookup;
    final long startNanos;
    final CompletableFuture<Outcome> done = new CompletableFuture<>();
    TraceRecorder recorder;
    NodeScheduler.Cancellable timer;
    long timerAt = Long.MAX_VALUE;

    Run(Lookup<Peer> lookup, long startNanos) {
      this.lookup = lookup;
      this.startNanos = startNanos;
    }

    void pump() {
      if (done.isDone()) {
        return;
      }
      if (!node.running) {
        finish();
        return;
      }
      for (QueryRequest<Peer> q : lookup.poll(node.scheduler.nowMillis())) {
        Peer peer = q.peer();
        if (recorder != null) {
          recorder.sent(q, node.scheduler.nowMillis());
        }
        Consumer<List<Peer>> late =
            peers -> {
              lookup.onMoreNodes(peer.nodeId(), peers);
              for (Peer p : peers) {
                node.learn(p);
              }
              pump();
            };
        CompletableFuture<List<Peer>> answer =
            q.fast()
                ? node.findNodeFast(peer, q.target(), late)
                : node.findNode(peer, q.distances(), late);
        answer.whenComplete(
            (peers, error) -> {
              if (error == null) {
                boolean read = lookup.onResponse(peer.nodeId(), peers);
                if (recorder != null && !done.isDone()) {
                  recorder.answered(peer.nodeId(), peers, read, node.scheduler.nowMillis());
                }
                for (Peer p : peers) {
                  node.learn(p);
                }
              } else {
                lookup.onFailure(peer.nodeId());
                if (recorder != null && !done.isDone()) {
                  recorder.failed(peer.nodeId(), error, node.scheduler.nowMillis());
                }
              }
              pump();
            });
      }
      if (lookup.isFinished()) {
        finish();
        return;
      }
      long deadline = lookup.nextDeadlineMillis();
      if (deadline != Long.MAX_VALUE && deadline != timerAt) {
        if (timer != null) {
          timer.cancel();
        }
        timerAt = deadline;
        timer =
            node.scheduler.schedule(this::pump, Math.max(1, deadline - node.scheduler.nowMillis()));
      }
    }

    void finish() {
      if (timer != null) {
        timer.cancel();
      }
      var stats = lookup.stats();
      node.metrics.lookupDone(
          Duration.ofNanos(node.scheduler.nanoTime() - startNanos),
          stats.rounds(),
          stats.stalls(),
          stats.lateResponses());
      Peer targetFound = lookup.found(lookup.target()).orElse(null);
      if (targetFound == null && lookup.target().equals(node.localId)) {
        // The local node is never a candidate, but a self lookup has found its target.
        targetFound = Peer.of(node.local.current(), node.ipv4, node.ipv6).orElse(null);
      }
      List<Peer> closest = lookup.result();
      LookupTrace trace =
          recorder == null ? null : recorder.finish(closest, node.scheduler.nowMillis());
      done.complete(
          new Outcome(
              lookup.target(), closest, targetFound, stats.rounds(), stats.queries(), trace));
    }
  }
}
