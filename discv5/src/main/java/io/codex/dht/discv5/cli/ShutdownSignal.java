package io.codex.dht.discv5.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGTERM (and SIGINT) into an orderly stop: a shutdown hook wakes the command's thread,
 * which stops the node and closes the data dir, and the hook waits for that before the JVM exits.
 */
final class ShutdownSignal {
  /** How long the hook waits for the orderly stop. */
  static final long STOP_TIMEOUT_SECONDS = 30;

  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  private ShutdownSignal() {
    this.hook = new Thread(this::onSignal, "discv5-shutdown");
  }

  /** Installs the hook. */
  static ShutdownSignal install() {
    ShutdownSignal s = new ShutdownSignal();
    Runtime.getRuntime().addShutdownHook(s.hook);
    return s;
  }

  private void onSignal() {
    requested.countDown();
    try {
      finished.await(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Blocks until a stop is requested. */
  void await() throws InterruptedException {
    requested.await();
  }

  /** Whether a stop was requested. */
  boolean requested() {
    return requested.getCount() == 0;
  }

  /** Tells the hook the stop is done, or removes it when the command ends on its own. */
  void finished() {
    finished.countDown();
    if (!requested()) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down: its hook runs, finds finished, and returns at once.
        requested.countDown();
      }
    }
  }
}
