package io.codex.dht.simulator.scenario;

/** Hears how far a run has come, for a progress bar; every method must return quickly. */
public interface Progress {
  /** A progress that shows nothing. */
  Progress NONE =
      new Progress() {
        @Override
        public void phase(String name, long total) {}

        @Override
        public void update(long done, String detail) {}
      };

  /** A new phase of the run begins, with {@code total} steps (0: unknown). */
  void phase(String name, long total);

  /** {@code done} steps of the current phase are complete; {@code detail} may be empty. */
  void update(long done, String detail);

  /** The run is over (clears the bar). */
  default void finish() {}
}
