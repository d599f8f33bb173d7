package io.codex.dht.discv5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.discv5.exec.NodeScheduler;
import io.codex.dht.session.Message;
import io.codex.dht.session.NodeContact;
import io.codex.dht.spr.NodeId;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.SplittableRandom;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/**
 * {@link RequestTracker}: round-trip samples from the first response message, and the grace given
 * to the rest of a multi-message answer, after which what came is delivered and later messages
 * still count.
 */
class RequestTrackerTest {
  private static final long TIMEOUT = 1_000;

  private final ManualScheduler scheduler = new ManualScheduler();
  private final RttEstimator rtt = new RttEstimator(new RttConfig(1_000, 50, 1_000, 16, 20, 0.1));
  private final List<Long> roundTrips = new ArrayList<>();
  private final RequestTracker tracker =
      new RequestTracker(
          scheduler,
          new Random(1),
          TIMEOUT,
          64,
          new RequestTracker.Events() {
            @Override
            public void timeout(Message request) {}

            @Override
            public void unsolicited(Message response) {}

            @Override
            public void roundTrip(long nanos) {
              roundTrips.add(nanos);
            }
          },
          rtt);
  private final NodeId peer = NodeId.random(new SplittableRandom(2));
  private final InetSocketAddress address = new InetSocketAddress("192.0.2.1", 9000);
  private final Outcome outcome = new Outcome();
  private Message sent;

  /** What the callback saw. */
  private static final class Outcome implements RequestTracker.Callback {
    final List<Message> responses = new ArrayList<>();
    final List<Message> late = new ArrayList<>();
    final List<RequestTracker.Failure> failures = new ArrayList<>();

    @Override
    public void onResponse(Message response) {
      responses.add(response);
    }

    @Override
    public void onFailure(RequestTracker.Failure failure) {
      failures.add(failure);
    }

    @Override
    public void onLate(Message part) {
      late.add(part);
    }
  }

  private void findNode(int maxRecords) {
    tracker.request(
        new NodeContact(peer, address, null),
        rid -> new Message.FindNode(rid, List.of(256)),
        maxRecords,
        m -> sent = m,
        outcome);
  }

  private void answer(int total, int first, int count) {
    List<Bytes> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(Bytes.of(first + i));
    }
    assertTrue(
        tracker.onResponse(peer, address, new Message.Nodes(sent.requestId(), total, records)));
  }

  private static List<Bytes> records(Message m) {
    return ((Message.Nodes) m).records();
  }

  @Test
  void theFirstResponseMessageIsOneRoundTripSample() {
    findNode(16);
    scheduler.advance(80);
    answer(2, 0, 3);
    scheduler.advance(5);
    answer(2, 3, 3);
    assertEquals(List.of(80_000_000L), roundTrips, "one sample per request");
    assertEquals(80_000, rtt.smoothedMicros(peer).getAsLong());
    assertEquals(1, outcome.responses.size());
    assertEquals(6, records(outcome.responses.get(0)).size());
    assertEquals(List.of(), outcome.late);
  }

  @Test
  void afterTheGraceWhatCameIsDeliveredAndLaterPartsStillCount() {
    findNode(16);
    scheduler.advance(50); // estimate 150 ms after this sample: grace max(20, 15) = 20 ms
    answer(3, 0, 3);
    scheduler.advance(19);
    assertEquals(List.of(), outcome.responses, "still within the grace");
    scheduler.advance(1);
    assertEquals(1, outcome.responses.size(), "delivered at the end of the grace");
    assertEquals(3, records(outcome.responses.get(0)).size());
    assertEquals(1, tracker.size(), "still pending for the rest");
    scheduler.advance(300);
    answer(3, 3, 3);
    assertEquals(1, outcome.late.size());
    assertEquals(List.of(Bytes.of(3), Bytes.of(4), Bytes.of(5)), records(outcome.late.get(0)));
    answer(3, 6, 3);
    assertEquals(2, outcome.late.size());
    assertEquals(0, tracker.size(), "every part came");
    assertEquals(List.of(), outcome.failures);
  }

  @Test
  void aLostPartEndsTheRequestQuietlyAtTheResponseTimeout() {
    findNode(16);
    scheduler.advance(50);
    answer(2, 0, 3);
    scheduler.advance(20);
    assertEquals(1, outcome.responses.size());
    scheduler.advance(TIMEOUT);
    assertEquals(0, tracker.size());
    assertEquals(List.of(), outcome.failures, "the peer answered: no failure");
  }

  @Test
  void noAnswerFailsAtTheResponseTimeout() {
    findNode(16);
    scheduler.advance(TIMEOUT - 1);
    assertEquals(List.of(), outcome.failures);
    scheduler.advance(1);
    assertEquals(List.of(RequestTracker.Failure.TIMEOUT), outcome.failures);
    assertEquals(List.of(), roundTrips);
  }

  @Test
  void lateRecordsStayWithinTheRequestBound() {
    findNode(4);
    scheduler.advance(50);
    answer(3, 0, 3);
    scheduler.advance(20);
    answer(3, 3, 3);
    answer(3, 6, 3);
    assertEquals(1, outcome.late.size(), "nothing past the bound is delivered");
    assertEquals(List.of(Bytes.of(3)), records(outcome.late.get(0)));
  }

  /** Timers on a manual clock. */
  private static final class ManualScheduler implements NodeScheduler {
    private record Timer(long dueNanos, long order, Runnable task) {}

    private final PriorityQueue<Timer> timers =
        new PriorityQueue<>(
            (a, b) ->
                a.dueNanos != b.dueNanos
                    ? Long.compare(a.dueNanos, b.dueNanos)
                    : Long.compare(a.order, b.order));
    private long nanos;
    private long order;

    @Override
    public long nanoTime() {
      return nanos;
    }

    @Override
    public long currentTimeMillis() {
      return nanos / 1_000_000L;
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
      Timer t = new Timer(nanos + delayMillis * 1_000_000L, order++, task);
      timers.add(t);
      return () -> timers.remove(t);
    }

    @Override
    public boolean inNodeThread() {
      return true;
    }

    @Override
    public void execute(Runnable task) {
      schedule(task, 0);
    }

    void advance(long millis) {
      long target = nanos + millis * 1_000_000L;
      while (!timers.isEmpty() && timers.peek().dueNanos <= target) {
        Timer t = timers.poll();
        nanos = t.dueNanos;
        t.task.run();
      }
      nanos = target;
    }
  }
}
