package io.codex.dht.discv5.records;

import io.codex.dht.discv5.exec.NodeScheduler;

/** A scheduler whose clocks the test moves; tasks run at once, timers never fire. */
final class ManualScheduler implements NodeScheduler {
  long nanos = 1_000_000_000L;
  long wallMillis = ValidatorsTest.NOW;

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
    return () -> {};
  }

  @Override
  public boolean inNodeThread() {
    return true;
  }

  @Override
  public void execute(Runnable task) {
    task.run();
  }

  void advanceMillis(long millis) {
    nanos += millis * 1_000_000L;
    wallMillis += millis;
  }
}
