package io.codex.dht.discv5.exec;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small pool of daemon threads shared by every node of a process; each node runs on it through
 * its own {@link SerialScheduler}.
 */
public final class SharedPool implements AutoCloseable {
  private final ScheduledThreadPoolExecutor executor;

  /** A pool of {@code threads} daemon threads named {@code name-N}. */
  public SharedPool(int threads, String name) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, name + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    executor = new ScheduledThreadPoolExecutor(threads, factory);
    executor.setRemoveOnCancelPolicy(true);
  }

  /** A pool sized to the machine: one thread per core. */
  public static SharedPool forMachine(String name) {
    return new SharedPool(Runtime.getRuntime().availableProcessors(), name);
  }

  /** The executor to hand to {@link SerialScheduler}s. */
  public ScheduledExecutorService executor() {
    return executor;
  }

  /** A new serial scheduler for one node on this pool. */
  public SerialScheduler newScheduler(int maxQueued) {
    return new SerialScheduler(executor, maxQueued);
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
