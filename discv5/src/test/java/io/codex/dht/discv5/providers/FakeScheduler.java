package io.codex.dht.discv5.providers;

import io.codex.dht.discv5.exec.NodeScheduler;
import java.util.PriorityQueue;

/**
 * A {@link NodeScheduler} on virtual time with a monotonic clock and an independently settable wall
 * clock, so tests can jump the wall clock while monotonic time runs on.
 */
final class FakeScheduler implements NodeScheduler {
  private record Timer(long dueNanos, long order, Runnable task) {}

  private final PriorityQueue<Timer> timers =
      new PriorityQueue<>(
          (a, b) ->
              a.dueNanos != b.dueNanos
                  ? Long.compare(a.dueNanos, b.dueNanos)
                  : Long.compare(a.order, b.order));
  private long nanos;
  private long wallMillis;
  private long order;

  FakeScheduler(long startNanos, long startWallMillis) {
    this.nanos = startNanos;
    this.wallMillis = startWallMillis;
  }

  @Override
  public long nanoTime() {
    return nanos;
  }

  @Override
  public long currentTimeMillis() {
    return wallMillis;
  }

  @Override
  public Cancellable schedule(Runnable task, long delayMillis) {
    Timer t = new Timer(nanos + delayMillis * 1_000_000L, order++, task);
    timers.add(t);
    return () -> timers.remove(t);
  }

  @Override
  public boolean inNodeThread() {
    return true;
  }

  @Override
  public void execute(Runnable task) {
    schedule(task, 0);
  }

  /** Moves both clocks forward by {@code millis}, running the timers that fall due on the way. */
  void advance(long millis) {
    long target = nanos + millis * 1_000_000L;
    while (!timers.isEmpty() && timers.peek().dueNanos <= target) {
      Timer t = timers.poll();
      wallMillis += (t.dueNanos - nanos) / 1_000_000L;
      nanos = t.dueNanos;
      t.task.run();
    }
    wallMillis += (target - nanos) / 1_000_000L;
    nanos = target;
  }

  /** Jumps the wall clock alone, as an NTP step or an operator would; monotonic time is unmoved. */
  void jumpWallClock(long millis) {
    wallMillis += millis;
  }
}
