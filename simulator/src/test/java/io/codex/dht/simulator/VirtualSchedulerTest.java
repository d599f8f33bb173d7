package io.codex.dht.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.discv5.exec.NodeScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {
  private static final long MS = 1_000_000L;

  @Test
  void timersFireAtTheirVirtualTime() {
    EventLoop loop = new EventLoop();
    VirtualScheduler s = loop.newScheduler();
    List<Long> fired = new ArrayList<>();
    s.schedule(() -> fired.add(s.nowMillis()), 250);
    s.schedule(() -> fired.add(s.nowMillis()), 100);
    long origin = s.nowMillis();

    loop.runFor(Duration.ofMillis(249));
    assertEquals(List.of(origin + 100), fired);
    loop.runFor(Duration.ofMillis(1));
    assertEquals(List.of(origin + 100, origin + 250), fired);
    assertEquals(loop.currentTimeMillis(), s.currentTimeMillis());
    assertEquals(loop.monotonicNanos(), s.nanoTime());
  }

  @Test
  void cancelledTimersDoNotFire() {
    EventLoop loop = new EventLoop();
    VirtualScheduler s = loop.newScheduler();
    List<String> log = new ArrayList<>();
    NodeScheduler.Cancellable t = s.schedule(() -> log.add("timeout"), 500);
    s.schedule(t::cancel, 499);
    s.schedule(() -> log.add("later"), 600);

    loop.runUntilIdle();

    assertEquals(List.of("later"), log);
    assertEquals(600 * MS, loop.now());
  }

  @Test
  void executeRunsNowAfterWhatIsAlreadyDue() {
    EventLoop loop = new EventLoop();
    VirtualScheduler s = loop.newScheduler();
    List<Integer> log = new ArrayList<>();
    s.schedule(() -> log.add(1), 0);
    s.execute(() -> log.add(2));
    s.schedule(() -> log.add(3), -5);

    loop.runUntilIdle();

    assertEquals(List.of(1, 2, 3), log);
    assertEquals(0, loop.now());
  }

  @Test
  void hugeDelaysSaturate() {
    EventLoop loop = new EventLoop();
    VirtualScheduler s = loop.newScheduler();
    s.schedule(() -> {}, Long.MAX_VALUE);
    s.schedule(() -> {}, Long.MAX_VALUE / 1000);
    assertEquals(2, loop.pendingEvents());
    assertEquals(0, loop.runFor(Duration.ofDays(365)));
  }

  @Test
  void inNodeThreadOnlyWhileRunningOwnTasks() {
    EventLoop loop = new EventLoop();
    VirtualScheduler a = loop.newScheduler();
    VirtualScheduler b = loop.newScheduler();
    List<String> log = new ArrayList<>();
    a.execute(() -> log.add("a:" + a.inNodeThread() + "," + b.inNodeThread()));
    b.schedule(() -> log.add("b:" + a.inNodeThread() + "," + b.inNodeThread()), 1);
    loop.execute(() -> log.add("loop:" + a.inNodeThread() + "," + b.inNodeThread()));
    assertFalse(a.inNodeThread());

    loop.runUntilIdle();

    assertEquals(List.of("a:true,false", "loop:false,false", "b:false,true"), log);
    assertFalse(a.inNodeThread());
  }

  @Test
  void aHaltedSchedulerDropsItsTasks() {
    EventLoop loop = new EventLoop();
    VirtualScheduler node = loop.newScheduler();
    VirtualScheduler other = loop.newScheduler();
    List<String> log = new ArrayList<>();
    node.schedule(() -> log.add("queued"), 10);
    other.schedule(
        () -> {
          node.halt();
          node.execute(() -> log.add("after halt"));
          node.schedule(() -> log.add("timer after halt"), 1).cancel();
        },
        5);
    other.schedule(() -> log.add("other"), 20);

    loop.runUntilIdle();

    assertTrue(node.isHalted());
    assertEquals(List.of("other"), log);
    assertEquals(3, loop.discardedEvents());
  }

  @Test
  void failuresAreCountedPerScheduler() {
    EventLoop loop = new EventLoop();
    VirtualScheduler a = loop.newScheduler();
    VirtualScheduler b = loop.newScheduler();
    a.execute(
        () -> {
          throw new IllegalStateException("node bug");
        });
    b.execute(() -> {});

    loop.runUntilIdle();

    assertEquals(1, a.failedTasks());
    assertEquals(0, b.failedTasks());
    assertEquals(1, loop.failedEvents());
  }
}
