package io.codex.dht.simulator;

/** An event that runs a {@link Runnable}: what {@link VirtualScheduler} and the loop post. */
final class TaskEvent extends Event {
  private Runnable task;

  TaskEvent(Runnable task) {
    this.task = task;
  }

  @Override
  protected void run() {
    Runnable t = task;
    // Drop the reference first: a node may keep the Cancellable long after the task ran.
    task = null;
    t.run();
  }

  @Override
  protected void onDiscard() {
    task = null;
  }
}
