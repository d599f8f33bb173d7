package io.codex.dht.discv5.cli;

import io.codex.dht.discv5.exec.NodeScheduler;

/** A task run on a node's thread every period until cancelled. */
final class Repeating implements NodeScheduler.Cancellable {
  private final NodeScheduler scheduler;
  private final long periodMillis;
  private final Runnable task;
  private NodeScheduler.Cancellable next;
  private volatile boolean cancelled;

  private Repeating(NodeScheduler scheduler, long periodMillis, Runnable task) {
    this.scheduler = scheduler;
    this.periodMillis = periodMillis;
    this.task = task;
  }

  /** Runs {@code task} on the node's thread every {@code periodMillis}, first after one period. */
  static Repeating every(NodeScheduler scheduler, long periodMillis, Runnable task) {
    Repeating r = new Repeating(scheduler, periodMillis, task);
    scheduler.execute(r::arm);
    return r;
  }

  private void arm() {
    if (!cancelled) {
      next = scheduler.schedule(this::fire, periodMillis);
    }
  }

  private void fire() {
    if (!cancelled) {
      task.run();
      arm();
    }
  }

  /** Stops the repetition; call on the node's thread to cancel the pending timer at once. */
  @Override
  public void cancel() {
    cancelled = true;
    if (next != null) {
      next.cancel();
    }
  }
}
