package io.codex.dht.simulator.cli;

import io.codex.dht.simulator.scenario.Progress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress of a run on stderr: on a terminal a bar redrawn in place, otherwise one line per
 * finished phase; nothing at all for runs that end within the first {@link #QUIET_NANOS}.
 */
final class ProgressBar implements Progress {
  static final long QUIET_NANOS = 2_000_000_000L;
  private static final long REDRAW_NANOS = 200_000_000L;
  private static final int WIDTH = 24;

  private final PrintStream err;
  private final boolean redraw;
  private final LongSupplier clock;
  private final long start;
  private String phase = "";
  private long total;
  private long done;
  private String detail = "";
  private long phaseStart;
  private long lastDraw = Long.MIN_VALUE;
  private boolean drawn;

  /** A bar on {@code err}; {@code redraw}: a terminal that understands carriage returns. */
  ProgressBar(PrintStream err, boolean redraw, LongSupplier clock) {
    this.err = err;
    this.redraw = redraw;
    this.clock = clock;
    this.start = clock.getAsLong();
    this.phaseStart = start;
  }

  @Override
  public synchronized void phase(String name, long steps) {
    endPhase();
    phase = name;
    total = steps;
    done = 0;
    detail = "";
    phaseStart = clock.getAsLong();
    lastDraw = Long.MIN_VALUE;
  }

  @Override
  public synchronized void update(long stepsDone, String text) {
    done = stepsDone;
    detail = text;
    long now = clock.getAsLong();
    if (redraw && now - start >= QUIET_NANOS && now - lastDraw >= REDRAW_NANOS) {
      lastDraw = now;
      err.print("\r" + line(now) + "\033[K");
      err.flush();
      drawn = true;
    }
  }

  @Override
  public synchronized void finish() {
    endPhase();
    phase = "";
  }

  private void endPhase() {
    if (phase.isEmpty()) {
      return;
    }
    long now = clock.getAsLong();
    if (drawn) {
      err.print("\r" + line(now) + "\033[K\n");
      drawn = false;
    } else if (!redraw && now - start >= QUIET_NANOS) {
      err.println(line(now));
    }
    err.flush();
  }

  String line(long now) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-20s ", phase));
    if (total > 0) {
      int filled = (int) Math.min(WIDTH, done * WIDTH / total);
      b.append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ");
      b.append(String.format(Locale.ROOT, "%d/%d ", done, total));
    }
    if (!detail.isEmpty()) {
      b.append(detail).append(' ');
    }
    long seconds = (now - phaseStart) / 1_000_000_000L;
    b.append(String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60));
    return b.toString();
  }
}
