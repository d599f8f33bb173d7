package io.codex.dht.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The heap against a sorted-set model under random adds, polls and removals. */
class EventQueueTest {
  private static final class E extends Event {
    @Override
    protected void run() {}
  }

  @Test
  void matchesASortedModel() {
    EventQueue q = new EventQueue();
    TreeSet<Event> model =
        new TreeSet<>(Comparator.<Event>comparingLong(e -> e.dueAt).thenComparingLong(e -> e.seq));
    List<Event> live = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(11);
    long seq = 0;
    for (int op = 0; op < 200_000; op++) {
      int kind = r.nextInt(10);
      if (kind < 5 || live.isEmpty()) {
        E e = new E();
        e.dueAt = r.nextLong(2_000); // many equal times
        e.seq = seq++;
        q.add(e);
        model.add(e);
        live.add(e);
      } else if (kind < 8) {
        Event expected = model.pollFirst();
        Event got = q.poll();
        assertSame(expected, got);
        assertFalse(got.isScheduled());
        live.remove(got);
      } else {
        Event victim = live.remove(r.nextInt(live.size()));
        assertTrue(victim.isScheduled());
        q.remove(victim);
        model.remove(victim);
        assertFalse(victim.isScheduled());
      }
      assertEquals(model.size(), q.size());
      assertSame(model.isEmpty() ? null : model.first(), q.peek());
    }
    while (!model.isEmpty()) {
      assertSame(model.pollFirst(), q.poll());
    }
    assertNull(q.peek());
  }
}
