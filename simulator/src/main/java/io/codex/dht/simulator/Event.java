package io.codex.dht.simulator;

import io.codex.dht.discv5.exec.NodeScheduler;

/**
 * One entry of an {@link EventLoop}'s queue: something that happens at a virtual instant, on behalf
 * of a node's {@link VirtualScheduler} or of nobody in particular.
 *
 * <p>Subclasses carry their own data (a task, a datagram) so that one small object per event is
 * enough. An event sits in at most one queue at a time; it may be posted again after it has run or
 * been cancelled.
 *
 * <p>Implementation notes: the loop keeps the event's heap index in the event itself, so {@link
 * #cancel} removes it from the queue in O(log n) instead of leaving a tombstone behind; long timers
 * that nodes cancel and re-arm all the time therefore never pile up.
 */
public abstract class Event implements NodeScheduler.Cancellable {
  // Package-private, with names unlikely to be shadowed by a subclass's own fields.
  long dueAt;
  long seq;
  int heapIndex = -1;
  EventLoop queuedOn;
  VirtualScheduler ownedBy;

  /** An event not yet posted. */
  protected Event() {}

  /** What happens when the event's time comes; runs on the loop's thread. */
  protected abstract void run();

  /**
   * Called instead of {@link #run} when the event's owner has been halted (a crashed node); does
   * nothing by default.
   */
  protected void onDiscard() {}

  /** The virtual time (nanoseconds since the start of the simulation) the event is due at. */
  public final long time() {
    return dueAt;
  }

  /** Whether the event is waiting in a queue (posted, not yet run, not cancelled). */
  public final boolean isScheduled() {
    return heapIndex >= 0;
  }

  /** Removes the event from its queue if it has not run yet; harmless otherwise. */
  @Override
  public final void cancel() {
    if (heapIndex >= 0) {
      queuedOn.cancel(this);
    }
  }
}
