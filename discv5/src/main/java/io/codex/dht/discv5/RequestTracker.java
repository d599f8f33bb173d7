package io.codex.dht.discv5;

import io.codex.dht.discv5.exec.NodeScheduler;
import io.codex.dht.session.Message;
import io.codex.dht.session.NodeContact;
import io.codex.dht.spr.NodeId;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.tuweni.bytes.Bytes;

/**
 * Requests in flight: 8-byte random request ids, one timer per request, responses accepted only
 * from the node and address the request went to, and NODES / PROVIDERS answers collected across
 * their {@code total} messages. Several requests to one peer may be in flight at once.
 *
 * <p>The time to the first response message of a request is a round-trip sample for the {@link
 * RttEstimator}. Once one message of a multi-message answer arrived, the others get a short grace
 * ({@link RttEstimator#partGraceMillis}, restarted by each message) before the request delivers
 * what came; it then stays pending for the response timeout, and the messages that still arrive go
 * to {@link Callback#onLate}.
 */
final class RequestTracker {
  /** Why a request produced no response. */
  enum Failure {
    TIMEOUT,
    SEND_FAILED,
    INVALID_RESPONSE,
    TOO_MANY_PENDING,
    STOPPED
  }

  /** Receives the outcome of one request, on the node thread. */
  interface Callback {
    void onResponse(Message response);

    void onFailure(Failure failure);

    /**
     * The records of a NODES or PROVIDERS message that arrived after {@link #onResponse} delivered
     * the answer's first messages (at most the request's record bound, over all messages).
     */
    default void onLate(Message part) {}
  }

  /** Counts what the tracker sees; bound to metrics by the node. */
  interface Events {
    void timeout(Message request);

    void unsolicited(Message response);

    /** A round trip was measured: the first response message of a request. */
    default void roundTrip(long nanos) {}
  }

  /** The most NODES / PROVIDERS messages taken for one request (Codex sends up to 6 NODES). */
  static final int MAX_NODES_PARTS = 6;

  static final int MAX_PROVIDERS_PARTS = 16;

  private static final class Pending {
    final long id;
    final NodeId node;
    final InetSocketAddress address;
    final Message request;
    final Callback callback;
    final int maxRecords;
    final long sentNanos;
    NodeScheduler.Cancellable timer;
    int expectedParts;
    int receivedParts;
    List<Bytes> records;
    boolean measured;

    /** The answer went to the callback; later messages go to onLate. */
    boolean delivered;

    Pending(
        long id,
        NodeContact to,
        Message request,
        Callback callback,
        int maxRecords,
        long sentNanos) {
      this.sentNanos = sentNanos;
      this.id = id;
      this.node = to.id();
      this.address = to.address();
      this.request = request;
      this.callback = callback;
      this.maxRecords = maxRecords;
    }
  }

  private final NodeScheduler scheduler;
  private final Random random;
  private final long timeoutMillis;
  private final int maxPending;
  private final Events events;
  private final RttEstimator rtt;
  private final Map<Long, Pending> pending = new HashMap<>();

  RequestTracker(
      NodeScheduler scheduler,
      Random random,
      long timeoutMillis,
      int maxPending,
      Events events,
      RttEstimator rtt) {
    this.rtt = rtt;
    this.scheduler = scheduler;
    this.random = random;
    this.timeoutMillis = timeoutMillis;
    this.maxPending = maxPending;
    this.events = events;
  }

  /**
   * Registers a request to {@code to} built by {@code make} from a fresh request id, sends it with
   * {@code send}, and reports the outcome to {@code callback}. {@code maxRecords} bounds the
   * records collected from a multi-message answer.
   */
  void request(
      NodeContact to,
      Function<Bytes, Message> make,
      int maxRecords,
      Consumer<Message> send,
      Callback callback) {
    if (pending.size() >= maxPending) {
      callback.onFailure(Failure.TOO_MANY_PENDING);
      return;
    }
    long id;
    do {
      id = random.nextLong();
    } while (pending.containsKey(id));
    Message request = make.apply(Bytes.ofUnsignedLong(id));
    Pending p = new Pending(id, to, request, callback, maxRecords, scheduler.nanoTime());
    pending.put(id, p);
    arm(p);
    send.accept(request);
  }

  /** Matches a response; returns false when no request of ours expects it (it is dropped). */
  boolean onResponse(NodeId from, InetSocketAddress address, Message response) {
    Bytes rid = response.requestId();
    Pending p = rid.size() == 8 ? pending.get(rid.toLong()) : null;
    if (p == null || !p.node.equals(from) || !p.address.equals(address)) {
      events.unsolicited(response);
      return false;
    }
    if (!matches(p.request, response)) {
      finish(p);
      p.callback.onFailure(Failure.INVALID_RESPONSE);
      return true;
    }
    if (!p.measured) {
      p.measured = true;
      long nanos = scheduler.nanoTime() - p.sentNanos;
      rtt.sample(p.node, nanos);
      events.roundTrip(nanos);
    }
    if (response instanceof Message.Nodes n) {
      collect(p, n.total(), n.records(), MAX_NODES_PARTS);
    } else if (response instanceof Message.Providers pr) {
      collect(p, pr.total(), pr.records(), MAX_PROVIDERS_PARTS);
    } else {
      finish(p);
      p.callback.onResponse(response);
    }
    return true;
  }

  /** The session could not deliver {@code request}: fail it now rather than at its timeout. */
  void onSendFailed(Message request) {
    Bytes rid = request.requestId();
    Pending p = rid.size() == 8 ? pending.get(rid.toLong()) : null;
    if (p != null && p.request == request) {
      finish(p);
      p.callback.onFailure(Failure.SEND_FAILED);
    }
  }

  /** Fails every request in flight (the node is stopping). */
  void cancelAll() {
    List<Pending> all = new ArrayList<>(pending.values());
    pending.clear();
    for (Pending p : all) {
      p.timer.cancel();
      if (!p.delivered) {
        p.callback.onFailure(Failure.STOPPED);
      }
    }
  }

  /** Requests in flight. */
  int size() {
    return pending.size();
  }

  private void collect(Pending p, int total, List<Bytes> records, int maxParts) {
    if (p.records == null) {
      p.expectedParts = Math.max(1, Math.min(total, maxParts));
      p.records = new ArrayList<>();
    }
    p.receivedParts++;
    int before = p.records.size();
    for (Bytes r : records) {
      if (p.records.size() < p.maxRecords) {
        p.records.add(r);
      }
    }
    boolean complete = p.receivedParts >= p.expectedParts;
    if (p.delivered) {
      if (complete) {
        finish(p);
      }
      if (p.records.size() > before) {
        p.callback.onLate(part(p, p.records.subList(before, p.records.size())));
      }
    } else if (complete) {
      finish(p);
      p.callback.onResponse(aggregate(p));
    } else {
      p.timer.cancel();
      p.timer = scheduler.schedule(() -> graceOver(p), rtt.partGraceMillis(p.node));
    }
  }

  private void arm(Pending p) {
    p.timer = scheduler.schedule(() -> timeout(p), timeoutMillis);
  }

  /** The rest of a multi-message answer is late: deliver what came, keep taking the rest. */
  private void graceOver(Pending p) {
    if (pending.get(p.id) != p) {
      return;
    }
    p.delivered = true;
    p.timer = scheduler.schedule(() -> expire(p), timeoutMillis);
    p.callback.onResponse(aggregate(p));
  }

  private void expire(Pending p) {
    if (pending.get(p.id) == p) {
      pending.remove(p.id);
    }
  }

  private void timeout(Pending p) {
    if (pending.get(p.id) != p) {
      return;
    }
    pending.remove(p.id); // no message arrived (after one, the grace timer runs instead)
    events.timeout(p.request);
    p.callback.onFailure(Failure.TIMEOUT);
  }

  private void finish(Pending p) {
    pending.remove(p.id);
    p.timer.cancel();
  }

  private static Message aggregate(Pending p) {
    return part(p, p.records);
  }

  private static Message part(Pending p, List<Bytes> records) {
    Bytes rid = p.request.requestId();
    return p.request instanceof Message.GetProviders
        ? new Message.Providers(rid, p.receivedParts, records)
        : new Message.Nodes(rid, p.receivedParts, records);
  }

  private static boolean matches(Message request, Message response) {
    if (request instanceof Message.Ping) {
      return response instanceof Message.Pong;
    }
    if (request instanceof Message.FindNode || request instanceof Message.FindNodeFast) {
      return response instanceof Message.Nodes;
    }
    if (request instanceof Message.TalkReq) {
      return response instanceof Message.TalkResp;
    }
    if (request instanceof Message.GetProviders) {
      return response instanceof Message.Providers;
    }
    return false;
  }
}
