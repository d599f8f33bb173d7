package io.codex.dht.discv5.exec;

import java.util.concurrent.Executor;

/**
 * Runs one node's tasks one at a time, schedules its timers and tells it the time; the system clock
 * and a shared thread pool in production, virtual time in the simulator.
 *
 * <p>Every task submitted through {@link #execute} or {@link #schedule} runs on the node's logical
 * thread: never concurrently with another task of the same node, and with happens-before edges
 * between consecutive tasks, so protocol state needs no locks.
 */
public interface NodeScheduler extends Executor {
  /** Monotonic time in nanoseconds, for timeouts, expiry and rate limits. */
  long nanoTime();

  /** Wall-clock time in milliseconds since the epoch, for record seq numbers and display. */
  long currentTimeMillis();

  /** Runs {@code task} on the node's thread after {@code delayMillis}. */
  Cancellable schedule(Runnable task, long delayMillis);

  /** Whether the caller is running on this node's logical thread. */
  boolean inNodeThread();

  /**
   * Enqueues work that may be shed under overload (inbound datagrams); returns false when it was
   * dropped. The default never drops.
   */
  default boolean offer(Runnable task) {
    execute(task);
    return true;
  }

  /** Monotonic time in milliseconds. */
  default long nowMillis() {
    return nanoTime() / 1_000_000L;
  }

  /** A scheduled task that can be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task if it has not run; harmless otherwise. */
    void cancel();
  }
}
