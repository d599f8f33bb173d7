package io.codex.dht.discv5;

import io.codex.dht.routing.QueryRequest;
import io.codex.dht.spr.NodeId;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Watches one lookup from outside its state machine and builds its {@link LookupTrace}: {@link
 * LookupRunner} reports each query sent and how it ended, with whether the lookup accepted the
 * outcome. On the node's thread; bounded by the lookup's query budget.
 *
 * <p>Implementation notes: the hop of a peer (its round minus one) is worked out here the way the
 * lookup does it, without reading the lookup's state: seeds are hop 0, a peer first met in an
 * answer of a hop-h peer is hop h + 1.
 */
final class TraceRecorder {
  private static final class Sent {
    final NodeId peer;
    final String address;
    final List<Integer> asked;
    final int round;
    final long sentAt;
    long tookMillis = -1;
    LookupTrace.Outcome outcome = LookupTrace.Outcome.TIMEOUT;
    int records;
    int closestReturned = -1;
    String error = "";
    boolean open = true;

    Sent(NodeId peer, String address, List<Integer> asked, int round, long sentAt) {
      this.peer = peer;
      this.address = address;
      this.asked = asked;
      this.round = round;
      this.sentAt = sentAt;
    }
  }

  private final NodeId target;
  private final long startMillis;
  private final Map<NodeId, Integer> hops = new HashMap<>();
  private final List<Sent> sent = new ArrayList<>();
  private final Map<NodeId, Sent> open = new HashMap<>();

  TraceRecorder(NodeId target, List<Peer> seeds, long startMillis) {
    this.target = target;
    this.startMillis = startMillis;
    for (Peer p : seeds) {
      hops.put(p.nodeId(), 0);
    }
  }

  /** A query was sent at {@code nowMillis}. */
  void sent(QueryRequest<Peer> q, long nowMillis) {
    int round = hops.getOrDefault(q.peerId(), 0) + 1;
    Sent s =
        new Sent(
            q.peerId(),
            address(q.peer().endpoint()),
            q.distances(),
            round,
            nowMillis - startMillis);
    sent.add(s);
    open.put(q.peerId(), s);
  }

  /** {@code peer} answered with {@code records}; {@code accepted}: the lookup read them. */
  void answered(NodeId peer, List<Peer> records, boolean accepted, long nowMillis) {
    Sent s = close(peer, nowMillis);
    if (s == null) {
      return;
    }
    if (!accepted) {
      s.outcome = LookupTrace.Outcome.LATE;
      return;
    }
    s.outcome = LookupTrace.Outcome.ANSWERED;
    s.records = records.size();
    int hop = s.round;
    for (Peer p : records) {
      int d = target.logDistance(p.nodeId());
      s.closestReturned = s.closestReturned < 0 ? d : Math.min(s.closestReturned, d);
      hops.putIfAbsent(p.nodeId(), hop);
    }
  }

  /** The query to {@code peer} failed with {@code error}. */
  void failed(NodeId peer, Throwable error, long nowMillis) {
    Sent s = close(peer, nowMillis);
    if (s == null) {
      return;
    }
    Throwable cause =
        error instanceof java.util.concurrent.CompletionException && error.getCause() != null
            ? error.getCause()
            : error;
    boolean timeout =
        cause instanceof RequestException r && r.kind() == RequestException.Kind.TIMEOUT;
    s.outcome = timeout ? LookupTrace.Outcome.TIMEOUT : LookupTrace.Outcome.FAILED;
    s.error =
        cause instanceof RequestException r
            ? r.kind().name().toLowerCase(java.util.Locale.ROOT)
            : cause.getClass().getSimpleName();
  }

  /** The trace at the end of the lookup; queries still open count as timeouts. */
  LookupTrace finish(List<Peer> closest, long nowMillis) {
    TreeMap<Integer, List<LookupTrace.Query>> byRound = new TreeMap<>();
    TreeMap<Integer, Integer> returned = new TreeMap<>();
    int timeouts = 0;
    for (Sent s : sent) {
      if (s.outcome == LookupTrace.Outcome.TIMEOUT || s.outcome == LookupTrace.Outcome.LATE) {
        timeouts++;
      }
      byRound
          .computeIfAbsent(s.round, r -> new ArrayList<>())
          .add(
              new LookupTrace.Query(
                  s.peer,
                  s.address,
                  target.logDistance(s.peer),
                  s.asked,
                  s.sentAt,
                  s.tookMillis,
                  s.outcome,
                  s.records,
                  s.closestReturned,
                  s.error));
      if (s.closestReturned >= 0) {
        returned.merge(s.round, s.closestReturned, Math::min);
      }
    }
    List<LookupTrace.Round> rounds = new ArrayList<>();
    int soFar = Integer.MAX_VALUE;
    for (var e : byRound.entrySet()) {
      int asked = Integer.MAX_VALUE;
      for (LookupTrace.Query q : e.getValue()) {
        asked = Math.min(asked, q.distance());
      }
      soFar = Math.min(soFar, Math.min(asked, returned.getOrDefault(e.getKey(), asked)));
      rounds.add(new LookupTrace.Round(e.getKey(), e.getValue(), asked, soFar));
    }
    List<LookupTrace.Hit> hits = new ArrayList<>(closest.size());
    for (Peer p : closest) {
      hits.add(
          new LookupTrace.Hit(p.nodeId(), address(p.endpoint()), target.logDistance(p.nodeId())));
    }
    return new LookupTrace(target, rounds, hits, sent.size(), timeouts, nowMillis - startMillis);
  }

  private Sent close(NodeId peer, long nowMillis) {
    Sent s = open.remove(peer);
    if (s == null || !s.open) {
      return null;
    }
    s.open = false;
    s.tookMillis = nowMillis - startMillis - s.sentAt;
    return s;
  }

  static String address(InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }
}
