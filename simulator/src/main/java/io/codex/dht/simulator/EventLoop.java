package io.codex.dht.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * A single-threaded discrete-event loop on a virtual clock: the one "thread" every simulated node
 * runs on, and the only source of time in a simulation.
 *
 * <p>Events run in order of (time, posting order), so events due at the same instant run first in
 * first out and a run is a pure function of its inputs. The clock only moves when the loop takes
 * the next event (or reaches a deadline), so a task never sees time pass while it runs.
 *
 * <p>Time comes in three forms: {@link #now()} (nanoseconds since the start, 0 at construction),
 * {@link #monotonicNanos()} (what nodes see as {@code nanoTime()}: a fixed origin plus {@code
 * now()}) and {@link #currentTimeMillis()} (a fixed wall-clock epoch plus {@code now()}, so record
 * sequence numbers derived from the wall clock are reproducible).
 *
 * <p>The loop is not thread-safe: build the simulation and drive it from one thread. While it runs,
 * posting from another thread is detected and refused, because it would make the run depend on
 * thread timing. Tasks that throw are logged and counted ({@link #failedEvents()}) and never stop
 * the loop.
 */
public final class EventLoop implements Executor {
  /** The default virtual wall-clock epoch: 2026-01-01T00:00:00Z. */
  public static final Instant DEFAULT_WALL_EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  /** The default origin of the nodes' monotonic clock: one day, like a machine up for a day. */
  public static final long DEFAULT_MONOTONIC_ORIGIN_NANOS = 86_400_000_000_000L;

  private final long wallEpochMillis;
  private final long monotonicOrigin;
  private final EventQueue queue = new EventQueue();

  private long now;
  private long nextSeq;
  private long posted;
  private long executed;
  private long cancelled;
  private long discarded;
  private final FailureLog failures = new FailureLog();

  private VirtualScheduler current;
  private boolean running;
  private Thread runner;

  /** A loop at the default epochs. */
  public EventLoop() {
    this(DEFAULT_WALL_EPOCH, DEFAULT_MONOTONIC_ORIGIN_NANOS);
  }

  /**
   * A loop whose wall clock starts at {@code wallEpoch} and whose monotonic clock starts at {@code
   * monotonicOriginNanos}.
   */
  public EventLoop(Instant wallEpoch, long monotonicOriginNanos) {
    this.wallEpochMillis = wallEpoch.toEpochMilli();
    this.monotonicOrigin = monotonicOriginNanos;
  }

  // ---- clocks ----

  /** Virtual nanoseconds since the start of the simulation. */
  public long now() {
    return now;
  }

  /** Virtual time since the start of the simulation. */
  public Duration elapsed() {
    return Duration.ofNanos(now);
  }

  /** The nodes' monotonic clock: the origin plus {@link #now()}. */
  public long monotonicNanos() {
    return monotonicOrigin + now;
  }

  /** The virtual wall clock in milliseconds since the Unix epoch. */
  public long currentTimeMillis() {
    return wallEpochMillis + now / 1_000_000L;
  }

  // ---- posting ----

  /** A new scheduler for one node on this loop. */
  public VirtualScheduler newScheduler() {
    return new VirtualScheduler(this);
  }

  /** Runs {@code task} at the current instant, after what is already due now; owned by no node. */
  @Override
  public void execute(Runnable task) {
    post(new TaskEvent(Objects.requireNonNull(task, "task")), now, null);
  }

  /** Runs {@code task} after {@code delay} of virtual time; owned by no node. */
  public Event schedule(Runnable task, Duration delay) {
    return scheduleAt(saturatedAdd(now, delay.toNanos()), task);
  }

  /** Runs {@code task} at virtual time {@code atNanos} (now, if that has passed). */
  public Event scheduleAt(long atNanos, Runnable task) {
    TaskEvent e = new TaskEvent(Objects.requireNonNull(task, "task"));
    post(e, atNanos, null);
    return e;
  }

  /**
   * Queues {@code event} at virtual time {@code atNanos} (now, if that has passed) on behalf of
   * {@code owner} (null: nobody); the event must not already be queued.
   */
  public void post(Event event, long atNanos, VirtualScheduler owner) {
    checkThread();
    if (event.heapIndex >= 0) {
      throw new IllegalStateException("event already queued");
    }
    if (owner != null && owner.loop() != this) {
      throw new IllegalArgumentException("scheduler of another loop");
    }
    event.dueAt = Math.max(atNanos, now);
    event.seq = nextSeq++;
    event.queuedOn = this;
    event.ownedBy = owner;
    posted++;
    queue.add(event);
  }

  void cancel(Event event) {
    checkThread();
    queue.remove(event);
    cancelled++;
  }

  /** Counts a task refused up front because its owner is halted. */
  void countDiscarded() {
    discarded++;
  }

  /** The scheduler whose event is running right now, or null. */
  VirtualScheduler currentOwner() {
    return current;
  }

  // ---- running ----

  /** Runs the earliest event, if any; returns whether there was one. */
  public boolean step() {
    enter();
    try {
      Event e = queue.peek();
      if (e == null) {
        return false;
      }
      fire(queue.poll());
      return true;
    } finally {
      exit();
    }
  }

  /**
   * Runs every event due at or before {@code deadlineNanos}, then moves the clock to the deadline;
   * returns the number of events run. The clock never goes back: a deadline before {@link #now()}
   * is an {@link IllegalArgumentException}.
   */
  public long runUntil(long deadlineNanos) {
    long before = executed + discarded;
    runUntil(null, deadlineNanos);
    return executed + discarded - before;
  }

  /** Runs for {@code duration} of virtual time; returns the number of events run. */
  public long runFor(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("negative duration: " + duration);
    }
    return runUntil(saturatedAdd(now, duration.toNanos()));
  }

  /**
   * Runs until no event is left; returns the number of events run. Nodes with periodic timers are
   * never idle, so prefer {@link #runFor} or {@link #runUntil(BooleanSupplier, long)} for them.
   */
  public long runUntilIdle() {
    enter();
    try {
      long before = executed + discarded;
      for (Event e = queue.peek(); e != null; e = queue.peek()) {
        fire(queue.poll());
      }
      return executed + discarded - before;
    } finally {
      exit();
    }
  }

  /**
   * Runs events until {@code done} holds (checked before the first event and after every event) or
   * no event is due at or before {@code deadlineNanos}; returns whether {@code done} holds. When it
   * does, the clock stays at the event that made it true; otherwise it moves to the deadline.
   */
  public boolean runUntil(BooleanSupplier done, long deadlineNanos) {
    if (deadlineNanos < now) {
      throw new IllegalArgumentException("deadline " + deadlineNanos + " is before now " + now);
    }
    enter();
    try {
      while (done == null || !done.getAsBoolean()) {
        Event e = queue.peek();
        if (e == null || e.dueAt > deadlineNanos) {
          now = deadlineNanos;
          return done == null;
        }
        fire(queue.poll());
      }
      return true;
    } finally {
      exit();
    }
  }

  /**
   * Runs events until {@code future} completes or {@code timeout} of virtual time has passed;
   * returns whether it completed.
   */
  public boolean runUntilDone(CompletableFuture<?> future, Duration timeout) {
    return runUntil(future::isDone, saturatedAdd(now, timeout.toNanos()));
  }

  /**
   * Runs events until {@code future} completes and returns its value, like {@link
   * CompletableFuture#join()}; throws {@link SimulationTimeoutException} if it has not completed
   * after {@code timeout} of virtual time.
   */
  public <T> T await(CompletableFuture<T> future, Duration timeout) {
    if (!runUntilDone(future, timeout)) {
      throw new SimulationTimeoutException(
          "not completed after " + timeout + " of virtual time (now " + elapsed() + ")");
    }
    return future.join();
  }

  private void fire(Event e) {
    now = e.dueAt;
    VirtualScheduler owner = e.ownedBy;
    e.queuedOn = null;
    if (owner != null && owner.halted) {
      discarded++;
      e.onDiscard();
      return;
    }
    executed++;
    current = owner;
    try {
      e.run();
    } catch (Exception | AssertionError ex) {
      if (owner != null) {
        owner.failed++;
      }
      failures.record(now, ex);
    } finally {
      current = null;
    }
  }

  private void enter() {
    if (running) {
      throw new IllegalStateException("the loop is already running (re-entrant run)");
    }
    running = true;
    runner = Thread.currentThread();
  }

  private void exit() {
    running = false;
    runner = null;
  }

  private void checkThread() {
    // Implementation notes: best effort (the fields are not volatile); it catches node code that
    // completes futures or schedules work from a JDK thread (orTimeout, *Async without executor).
    if (running && Thread.currentThread() != runner) {
      throw new IllegalStateException(
          "the event loop is confined to its thread; posted from " + Thread.currentThread());
    }
  }

  static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? (b < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
  }

  // ---- counters ----

  /** Events waiting in the queue. */
  public int pendingEvents() {
    return queue.size();
  }

  /** Events queued since the start (including those later cancelled or discarded). */
  public long postedEvents() {
    return posted;
  }

  /** Events run since the start (including those that threw; not the discarded ones). */
  public long executedEvents() {
    return executed;
  }

  /** Events cancelled before they ran. */
  public long cancelledEvents() {
    return cancelled;
  }

  /** Events that threw; the loop logged them and carried on. Tests should see zero. */
  public long failedEvents() {
    return failures.count();
  }

  /** Tasks and events dropped because their owner was halted. */
  public long discardedEvents() {
    return discarded;
  }

  /** The first exception an event threw, or null: handy in a failing test's message. */
  public Throwable firstFailure() {
    return failures.first();
  }
}
