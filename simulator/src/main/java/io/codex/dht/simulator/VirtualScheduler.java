package io.codex.dht.simulator;

import io.codex.dht.discv5.exec.NodeScheduler;
import java.util.Objects;

/**
 * A {@link NodeScheduler} on an {@link EventLoop}'s virtual clock: one per simulated node, a few
 * fields each, no thread and no queue of its own.
 *
 * <p>{@link #execute} posts an event at the current virtual instant and {@link #schedule} one at
 * now plus the delay. Since the loop runs one event at a time, a node's tasks never overlap. {@link
 * #inNodeThread()} is true only while the loop runs an event this scheduler owns (one of its tasks,
 * or a datagram delivered to its node's transport), not merely on the loop's thread, so code that
 * reaches into another node's state is not mistaken for that node's own.
 *
 * <p>{@link #halt()} simulates a crash: the node's queued and future tasks are dropped without
 * running.
 */
public final class VirtualScheduler implements NodeScheduler {
  private static final NodeScheduler.Cancellable NOTHING = () -> {};

  private final EventLoop loop;
  boolean halted;
  long failed;

  /** A scheduler on {@code loop}; see also {@link EventLoop#newScheduler()}. */
  public VirtualScheduler(EventLoop loop) {
    this.loop = Objects.requireNonNull(loop, "loop");
  }

  /** The loop this scheduler posts to. */
  public EventLoop loop() {
    return loop;
  }

  @Override
  public long nanoTime() {
    return loop.monotonicNanos();
  }

  @Override
  public long currentTimeMillis() {
    return loop.currentTimeMillis();
  }

  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    if (halted) {
      loop.countDiscarded();
      return;
    }
    loop.post(new TaskEvent(task), loop.now(), this);
  }

  /**
   * Runs {@code task} on this node after {@code delayMillis} of virtual time (a negative delay
   * means now, after what is already due now).
   */
  @Override
  public Cancellable schedule(Runnable task, long delayMillis) {
    Objects.requireNonNull(task, "task");
    if (halted) {
      loop.countDiscarded();
      return NOTHING;
    }
    long delayNanos =
        delayMillis <= 0
            ? 0
            : delayMillis >= Long.MAX_VALUE / 1_000_000L
                ? Long.MAX_VALUE
                : delayMillis * 1_000_000L;
    TaskEvent e = new TaskEvent(task);
    loop.post(e, EventLoop.saturatedAdd(loop.now(), delayNanos), this);
    return e;
  }

  @Override
  public boolean inNodeThread() {
    return loop.currentOwner() == this;
  }

  /** Drops this node's queued and future tasks from now on: the node has crashed. Irreversible. */
  public void halt() {
    halted = true;
  }

  /** Whether {@link #halt()} was called. */
  public boolean isHalted() {
    return halted;
  }

  /** This node's tasks that threw; the loop logged them and carried on. */
  public long failedTasks() {
    return failed;
  }
}
