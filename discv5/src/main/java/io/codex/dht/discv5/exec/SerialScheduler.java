package io.codex.dht.discv5.exec;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link NodeScheduler} on the system clock that runs one node's tasks one at a time on a pool
 * shared by many nodes, so no node needs a thread of its own.
 *
 * <p>Inbound datagrams go through {@link #offer}, which drops work beyond a bound instead of
 * letting a flood grow the queue; API calls and timers use {@link #execute}.
 */
public final class SerialScheduler implements NodeScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(SerialScheduler.class);

  /** Tasks run per turn before yielding the pool thread to other nodes. */
  private static final int BATCH = 256;

  private final ScheduledExecutorService pool;
  private final int maxQueued;
  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile Thread owner;

  /**
   * A scheduler on {@code pool} (typically {@link SharedPool#executor()}); at most {@code
   * maxQueued} offered tasks wait at once.
   */
  public SerialScheduler(ScheduledExecutorService pool, int maxQueued) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.maxQueued = maxQueued;
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public long currentTimeMillis() {
    return System.currentTimeMillis();
  }

  @Override
  public void execute(Runnable task) {
    queued.incrementAndGet();
    queue.add(task);
    trigger();
  }

  /**
   * Enqueues {@code task} unless {@link #maxQueued} tasks already wait; returns false (and counts a
   * drop) when it does not.
   */
  @Override
  public boolean offer(Runnable task) {
    if (queued.incrementAndGet() > maxQueued) {
      queued.decrementAndGet();
      dropped.incrementAndGet();
      return false;
    }
    queue.add(task);
    trigger();
    return true;
  }

  @Override
  public Cancellable schedule(Runnable task, long delayMillis) {
    ScheduledFuture<?> f =
        pool.schedule(() -> execute(task), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
    return () -> f.cancel(false);
  }

  @Override
  public boolean inNodeThread() {
    return owner == Thread.currentThread();
  }

  /** Offered tasks refused because the queue was full. */
  public long droppedTasks() {
    return dropped.get();
  }

  /** Tasks that threw; the scheduler logs them and carries on. */
  public long failedTasks() {
    return failed.get();
  }

  /** Tasks waiting to run. */
  public int queuedTasks() {
    return queued.get();
  }

  private void trigger() {
    if (scheduled.compareAndSet(false, true)) {
      pool.execute(this::drain);
    }
  }

  private void drain() {
    owner = Thread.currentThread();
    try {
      for (int i = 0; i < BATCH; i++) {
        Runnable task = queue.poll();
        if (task == null) {
          break;
        }
        queued.decrementAndGet();
        try {
          task.run();
        } catch (RuntimeException e) {
          failed.incrementAndGet();
          LOG.warn("node task failed; the node carries on", e);
        }
      }
    } finally {
      owner = null;
      scheduled.set(false);
    }
    if (!queue.isEmpty()) {
      trigger();
    }
  }
}
