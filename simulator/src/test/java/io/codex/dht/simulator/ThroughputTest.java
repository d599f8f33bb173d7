package io.codex.dht.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Runs two million events through the loop; asserts the count and prints the rate. */
class ThroughputTest {
  private static final int NODES = 10_000;
  private static final long EVENTS = 2_000_000;

  @Test
  void twoMillionEvents() {
    EventLoop loop = new EventLoop();
    SplittableRandom random = new SplittableRandom(42);
    long[] ran = {0};
    VirtualScheduler[] nodes = new VirtualScheduler[NODES];
    for (int i = 0; i < NODES; i++) {
      nodes[i] = loop.newScheduler();
    }
    // Every task re-arms a timer on a random node and, one time in four, also cancels a timeout:
    // the loop sees ~10k pending timers and a steady stream of cancellations, like a busy network.
    Runnable[] task = new Runnable[1];
    task[0] =
        () -> {
          ran[0]++;
          if (ran[0] + loop.pendingEvents() < EVENTS) {
            VirtualScheduler n = nodes[random.nextInt(NODES)];
            n.schedule(task[0], 1 + random.nextInt(1000));
            if ((ran[0] & 3) == 0) {
              n.schedule(task[0], 5_000).cancel();
            }
          }
        };
    for (VirtualScheduler n : nodes) {
      n.schedule(task[0], random.nextInt(1000));
    }

    long start = System.nanoTime();
    loop.runUntilIdle();
    long elapsed = System.nanoTime() - start;

    assertEquals(EVENTS, ran[0]);
    assertEquals(EVENTS, loop.executedEvents());
    assertEquals(0, loop.failedEvents());
    System.out.printf(
        "ThroughputTest: %,d events in %,d ms: %,.0f events/s%n",
        ran[0], elapsed / 1_000_000, ran[0] * 1e9 / elapsed);
  }
}
