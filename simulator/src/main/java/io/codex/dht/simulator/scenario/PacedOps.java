package io.codex.dht.simulator.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * Starts measured operations at a steady pace, waits for them (each at most the operation timeout)
 * and collects their outcomes: value or error, and latency on the cluster's clock.
 *
 * <p>Operations start on the driving thread at their slot: operation {@code i} at {@code i /
 * perSecond} seconds after the call. Completions may arrive on any thread (UDP mode), so outcomes
 * are kept in atomic arrays and read once the wait is over.
 */
final class PacedOps {
  private PacedOps() {}

  /**
   * The outcome of one operation.
   *
   * @param value the operation's result, or null if it failed, timed out or could not start
   * @param error the exception it failed with, or null
   * @param latencyNanos the time from start to completion, or -1 if it did not complete in time
   */
  record Outcome<T>(T value, Throwable error, long latencyNanos) {
    /** Whether the operation completed in time (successfully or not). */
    boolean completed() {
      return latencyNanos >= 0;
    }

    /** Whether it completed in time with a value. */
    boolean ok() {
      return completed() && value != null;
    }
  }

  /**
   * Runs {@code count} operations, {@code op.apply(i)} returning the future of operation {@code i}
   * (or null when it cannot start, e.g. no live node), {@code perSecond} per second; waits until
   * every one completed or {@code timeout} after the last start. An operation slower than {@code
   * timeout} counts as not completed.
   */
  static <T> List<Outcome<T>> run(
      Cluster cluster,
      Progress progress,
      String phase,
      int count,
      double perSecond,
      Duration timeout,
      IntFunction<CompletableFuture<T>> op) {
    progress.phase(phase, count);
    AtomicLongArray start = new AtomicLongArray(count);
    AtomicLongArray end = new AtomicLongArray(count);
    AtomicReferenceArray<T> values = new AtomicReferenceArray<>(count);
    AtomicReferenceArray<Throwable> errors = new AtomicReferenceArray<>(count);
    AtomicInteger finished = new AtomicInteger();
    long t0 = cluster.nowNanos();
    double step = 1e9 / perSecond;
    for (int i = 0; i < count; i++) {
      int n = i;
      end.set(n, -1);
      cluster.at(
          t0 + (long) (n * step),
          () -> {
            start.set(n, cluster.nowNanos());
            CompletableFuture<T> f;
            try {
              f = op.apply(n);
            } catch (RuntimeException e) {
              f = CompletableFuture.failedFuture(e);
            }
            if (f == null) {
              f = CompletableFuture.failedFuture(new IllegalStateException("no live node"));
            }
            f.whenComplete(
                (value, error) -> {
                  end.set(n, cluster.nowNanos());
                  if (error != null) {
                    errors.set(n, error);
                  } else {
                    values.set(n, value);
                  }
                  finished.incrementAndGet();
                });
          });
    }
    long deadline = t0 + (long) (count * step) + timeout.toNanos();
    cluster.runUntil(
        () -> finished.get() >= count, deadline, () -> progress.update(finished.get(), ""));
    progress.update(finished.get(), "");
    long limit = timeout.toNanos();
    List<Outcome<T>> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long e = end.get(i);
      long latency = e < 0 ? -1 : e - start.get(i);
      if (latency > limit) {
        latency = -1;
      }
      out.add(
          latency < 0
              ? new Outcome<>(null, errors.get(i), -1)
              : new Outcome<>(values.get(i), errors.get(i), latency));
    }
    return out;
  }
}
