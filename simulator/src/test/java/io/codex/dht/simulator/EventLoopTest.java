package io.codex.dht.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EventLoopTest {
  private static final long MS = 1_000_000L;

  @Test
  void clocksStartAtTheirEpochsAndAdvanceTogether() {
    EventLoop loop = new EventLoop();
    assertEquals(0, loop.now());
    assertEquals(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli(), loop.currentTimeMillis());
    assertEquals(EventLoop.DEFAULT_MONOTONIC_ORIGIN_NANOS, loop.monotonicNanos());

    loop.runFor(Duration.ofMillis(1500));

    assertEquals(1500 * MS, loop.now());
    assertEquals(Duration.ofMillis(1500), loop.elapsed());
    assertEquals(
        Instant.parse("2026-01-01T00:00:01.500Z").toEpochMilli(), loop.currentTimeMillis());
    assertEquals(EventLoop.DEFAULT_MONOTONIC_ORIGIN_NANOS + 1500 * MS, loop.monotonicNanos());
  }

  @Test
  void customEpochs() {
    EventLoop loop = new EventLoop(Instant.ofEpochMilli(1234), 7);
    assertEquals(1234, loop.currentTimeMillis());
    assertEquals(7, loop.monotonicNanos());
  }

  @Test
  void eventsRunInTimeOrderWithTheClockAtTheirTime() {
    EventLoop loop = new EventLoop();
    List<String> log = new ArrayList<>();
    loop.scheduleAt(30 * MS, () -> log.add("c@" + loop.now()));
    loop.scheduleAt(10 * MS, () -> log.add("a@" + loop.now()));
    loop.scheduleAt(20 * MS, () -> log.add("b@" + loop.now()));

    assertEquals(3, loop.runUntilIdle());

    assertEquals(List.of("a@" + 10 * MS, "b@" + 20 * MS, "c@" + 30 * MS), log);
    assertEquals(30 * MS, loop.now());
  }

  @Test
  void equalTimesRunFirstInFirstOut() {
    EventLoop loop = new EventLoop();
    List<Integer> log = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      int n = i;
      loop.scheduleAt(5 * MS, () -> log.add(n));
    }
    // Posted at 5 ms - 1 ns: runs before the rest.
    loop.scheduleAt(5 * MS - 1, () -> loop.execute(() -> log.add(-1)));
    // Posted while running at 5 ms, for 5 ms: runs after everything already due then.
    loop.scheduleAt(5 * MS, () -> loop.execute(() -> log.add(1000)));

    loop.runUntilIdle();

    List<Integer> expected = new ArrayList<>();
    expected.add(-1);
    for (int i = 0; i <= 1000; i++) {
      expected.add(i);
    }
    assertEquals(expected, log);
  }

  @Test
  void runUntilRunsDueEventsAndStopsAtTheDeadline() {
    EventLoop loop = new EventLoop();
    List<Long> fired = new ArrayList<>();
    for (long t : new long[] {10, 20, 20, 30}) {
      loop.scheduleAt(t * MS, () -> fired.add(loop.now() / MS));
    }

    assertEquals(3, loop.runUntil(20 * MS));

    assertEquals(List.of(10L, 20L, 20L), fired);
    assertEquals(20 * MS, loop.now());
    assertEquals(1, loop.pendingEvents());
    assertEquals(0, loop.runUntil(25 * MS));
    assertEquals(25 * MS, loop.now());
    assertThrows(IllegalArgumentException.class, () -> loop.runUntil(24 * MS));
    assertEquals(1, loop.runFor(Duration.ofMillis(5)));
    assertEquals(List.of(10L, 20L, 20L, 30L), fired);
  }

  @Test
  void aTaskPostedInThePastRunsNow() {
    EventLoop loop = new EventLoop();
    loop.runFor(Duration.ofSeconds(1));
    AtomicReference<Long> at = new AtomicReference<>();
    Event e = loop.scheduleAt(5, () -> at.set(loop.now()));
    assertEquals(1_000 * MS, e.time());
    loop.runUntilIdle();
    assertEquals(1_000 * MS, at.get());
  }

  @Test
  void cancelledEventsDoNotRun() {
    EventLoop loop = new EventLoop();
    List<String> log = new ArrayList<>();
    Event a = loop.schedule(() -> log.add("a"), Duration.ofMillis(10));
    Event b = loop.schedule(() -> log.add("b"), Duration.ofMillis(20));
    Event c = loop.schedule(() -> log.add("c"), Duration.ofMillis(30));
    assertTrue(b.isScheduled());

    b.cancel();
    b.cancel(); // harmless

    assertFalse(b.isScheduled());
    assertEquals(2, loop.pendingEvents());
    loop.runUntilIdle();
    assertEquals(List.of("a", "c"), log);
    a.cancel(); // after it ran: harmless
    c.cancel();
    assertEquals(1, loop.cancelledEvents());
    assertEquals(2, loop.executedEvents());
    assertEquals(3, loop.postedEvents());
  }

  @Test
  void cancellingManyEventsKeepsTheOthersInOrder() {
    EventLoop loop = new EventLoop();
    List<Long> fired = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    for (int i = 0; i < 5000; i++) {
      long t = r.nextLong(1_000_000);
      events.add(loop.scheduleAt(t, () -> fired.add(loop.now())));
    }
    int kept = 0;
    for (int i = 0; i < events.size(); i++) {
      if (i % 3 == 0) {
        events.get(i).cancel();
      } else {
        kept++;
      }
    }

    loop.runUntilIdle();

    assertEquals(kept, fired.size());
    for (int i = 1; i < fired.size(); i++) {
      assertTrue(fired.get(i - 1) <= fired.get(i));
    }
  }

  @Test
  void aThrowingTaskIsCountedAndTheLoopCarriesOn() {
    EventLoop loop = new EventLoop();
    List<String> log = new ArrayList<>();
    loop.schedule(() -> log.add("before"), Duration.ofMillis(1));
    loop.schedule(
        () -> {
          throw new IllegalStateException("boom");
        },
        Duration.ofMillis(2));
    loop.schedule(
        () -> {
          throw new AssertionError("assert");
        },
        Duration.ofMillis(3));
    loop.schedule(() -> log.add("after"), Duration.ofMillis(4));

    loop.runUntilIdle();

    assertEquals(List.of("before", "after"), log);
    assertEquals(2, loop.failedEvents());
    assertEquals(4, loop.executedEvents());
    assertInstanceOf(IllegalStateException.class, loop.firstFailure());
  }

  @Test
  void awaitDrivesTheLoopUntilTheFutureCompletes() {
    EventLoop loop = new EventLoop();
    CompletableFuture<String> f = new CompletableFuture<>();
    loop.schedule(() -> f.complete("done"), Duration.ofSeconds(3));
    loop.schedule(() -> {}, Duration.ofSeconds(10));

    assertEquals("done", loop.await(f, Duration.ofSeconds(5)));

    assertEquals(3_000 * MS, loop.now()); // stopped at the completing event
    assertEquals(1, loop.pendingEvents());
  }

  @Test
  void awaitTimesOutAtTheVirtualDeadline() {
    EventLoop loop = new EventLoop();
    CompletableFuture<String> f = new CompletableFuture<>();
    loop.schedule(() -> f.complete("late"), Duration.ofSeconds(10));

    assertThrows(SimulationTimeoutException.class, () -> loop.await(f, Duration.ofSeconds(5)));
    assertEquals(5_000 * MS, loop.now());
    assertFalse(f.isDone());

    // Nothing left to run: the clock still moves to the deadline.
    assertEquals("late", loop.await(f, Duration.ofSeconds(5)));
    assertFalse(loop.runUntilDone(new CompletableFuture<>(), Duration.ofSeconds(1)));
    assertEquals(11_000 * MS, loop.now());
  }

  @Test
  void awaitRethrowsAFailure() {
    EventLoop loop = new EventLoop();
    CompletableFuture<String> f = new CompletableFuture<>();
    loop.execute(() -> f.completeExceptionally(new IllegalArgumentException("bad")));

    CompletionException e =
        assertThrows(CompletionException.class, () -> loop.await(f, Duration.ofSeconds(1)));
    assertInstanceOf(IllegalArgumentException.class, e.getCause());
  }

  @Test
  void runUntilConditionChecksBeforeAndAfterEachEvent() {
    EventLoop loop = new EventLoop();
    int[] count = {0};
    for (int i = 1; i <= 10; i++) {
      loop.scheduleAt(i * MS, () -> count[0]++);
    }
    assertTrue(loop.runUntil(() -> true, 100 * MS));
    assertEquals(0, loop.executedEvents());
    assertTrue(loop.runUntil(() -> count[0] == 4, 100 * MS));
    assertEquals(4 * MS, loop.now());
    assertFalse(loop.runUntil(() -> count[0] == 40, 100 * MS));
    assertEquals(100 * MS, loop.now());
    assertEquals(10, count[0]);
  }

  @Test
  void stepRunsOneEvent() {
    EventLoop loop = new EventLoop();
    loop.scheduleAt(MS, () -> {});
    assertTrue(loop.step());
    assertEquals(MS, loop.now());
    assertFalse(loop.step());
  }

  @Test
  void runningFromInsideAnEventIsRefused() {
    EventLoop loop = new EventLoop();
    AtomicReference<Throwable> seen = new AtomicReference<>();
    loop.execute(
        () -> {
          try {
            loop.runUntilIdle();
          } catch (IllegalStateException e) {
            seen.set(e);
          }
        });
    loop.runUntilIdle();
    assertInstanceOf(IllegalStateException.class, seen.get());
    assertEquals(0, loop.failedEvents());
  }

  @Test
  void postingFromAnotherThreadWhileRunningIsRefused() throws Exception {
    EventLoop loop = new EventLoop();
    AtomicReference<Throwable> seen = new AtomicReference<>();
    loop.execute(
        () -> {
          Thread t =
              new Thread(
                  () -> {
                    try {
                      loop.execute(() -> {});
                    } catch (IllegalStateException e) {
                      seen.set(e);
                    }
                  });
          t.start();
          try {
            t.join();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    loop.runUntilIdle();
    assertInstanceOf(IllegalStateException.class, seen.get());
    assertEquals(0, loop.pendingEvents());
  }

  @Test
  void anEventCanBePostedAgainAfterItRan() {
    EventLoop loop = new EventLoop();
    List<Long> times = new ArrayList<>();
    Event periodic =
        new Event() {
          @Override
          protected void run() {
            times.add(loop.now() / MS);
            if (times.size() < 3) {
              loop.post(this, loop.now() + 100 * MS, null);
            }
          }
        };
    loop.post(periodic, 100 * MS, null);
    assertThrows(IllegalStateException.class, () -> loop.post(periodic, 0, null));

    loop.runUntilIdle();

    assertEquals(List.of(100L, 200L, 300L), times);
    assertNull(loop.firstFailure());
  }

  @Test
  void schedulersOfAnotherLoopAreRefused() {
    EventLoop a = new EventLoop();
    EventLoop b = new EventLoop();
    VirtualScheduler s = a.newScheduler();
    assertSame(a, s.loop());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            b.post(
                new Event() {
                  @Override
                  protected void run() {}
                },
                0,
                s));
  }
}
