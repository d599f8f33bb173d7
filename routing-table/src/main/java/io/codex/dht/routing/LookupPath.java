package io.codex.dht.routing;

import io.codex.dht.spr.NodeId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One path of a {@link Lookup}: the iterative Kademlia state machine over its own candidates (see
 * {@link Lookup} for the rules). With disjoint paths, the paths share a map of which path queried a
 * node, and a path skips a candidate another path already queried, so no node is asked by two
 * paths.
 *
 * @param <R> the record type, read through a {@link RecordView}
 */
final class LookupPath<R> {
  /** Levels below 256 a member of a window that is not full is asked for (see completionsDue). */
  private static final int SMALL_NETWORK_LEVELS = 12;

  private enum State {
    WAITING,
    IN_FLIGHT,
    ANSWERED,
    FAILED,
    /** Queried by another path: out of this path's candidates, never asked by it. */
    SKIPPED
  }

  private static final class Candidate<R> {
    final NodeId id;
    final int hop;
    long subnet = SubnetKeys.NONE;
    R record;
    State state = State.WAITING;
    long sentAtMillis;
    long stallAtMillis;

    /** In flight past its stall time: holds no slot, and a regular query is out of the window. */
    boolean stalled;

    /** Records read from the peer's latest answer (late parts included). */
    int read;

    Candidate(NodeId id, R record, int hop) {
      this.id = id;
      this.record = record;
      this.hop = hop;
    }
  }

  /** A completion query already sent: never sent twice. */
  private record Sent(NodeId peer, List<Integer> distances) {}

  private final NodeId target;
  private final NodeId local;
  private final RecordView<R> view;
  private final LookupConfig config;
  private final SubnetKeys subnets;
  private final Map<NodeId, LookupPath<R>> owners;
  // Failed candidates per subnet key; at most one entry per subnet of a known candidate. Per path:
  // shared counts would let a captured path shut honest subnets out of the other paths by handing
  // out dead records in them.
  private final Map<Long, Integer> failedPerSubnet = new HashMap<>();

  /** Not-failed candidates, closest first, at most candidateLimit. */
  private final List<Candidate<R>> candidates = new ArrayList<>();

  /** Every node met, in any state, trimmed ones included: for de-duplication and found(). */
  private final Map<NodeId, Candidate<R>> known = new HashMap<>();

  /** Queries in flight; a candidate is here at most once. */
  private final List<Candidate<R>> inFlight = new ArrayList<>();

  private final Set<Sent> completionsSent = new HashSet<>();
  private final Lookup.RttSource rtt;
  private int stalledNow;
  private int stalls;
  private int lateResponses;
  private int rounds;
  private int queries;
  private int responses;
  private int failures;
  private int timeouts;
  private int ignored;

  /**
   * A path for {@code target} with no candidates yet (see {@link #seed}); {@code owners}, shared by
   * the paths of one lookup, maps each queried node to its path (null: a single path).
   */
  LookupPath(
      NodeId target,
      NodeId local,
      RecordView<R> view,
      LookupConfig config,
      Map<NodeId, LookupPath<R>> owners,
      Lookup.RttSource rtt) {
    this.rtt = rtt;
    this.target = target;
    this.local = local;
    this.view = view;
    this.config = config;
    this.owners = owners;
    this.subnets = new SubnetKeys(config.maxPerSubnet() > 0, false);
  }

  /** Whether {@code record} can be a candidate: not the local node, and with an endpoint. */
  boolean usable(R record) {
    return !view.nodeId(record).equals(local) && view.ip(record) != null;
  }

  /** Adds a starting candidate (hop 0). */
  void seed(R record) {
    learn(record, 0);
  }

  /**
   * Fails the queries older than the per-peer timeout at {@code nowMillis}, stalls those past their
   * stall time (oldest first, while fewer than {@link LookupConfig#maxStalled} are stalled), then
   * returns the queries to send now (possibly none).
   */
  List<QueryRequest<R>> poll(long nowMillis) {
    for (int i = inFlight.size() - 1; i >= 0; i--) {
      Candidate<R> c = inFlight.get(i);
      if (nowMillis - c.sentAtMillis >= config.perPeerTimeoutMillis()) {
        timeouts++;
        fail(c);
      }
    }
    for (Candidate<R> c : inFlight) {
      if (stalledNow >= config.maxStalled()) {
        break;
      }
      if (!c.stalled && nowMillis >= c.stallAtMillis) {
        c.stalled = true;
        stalledNow++;
        stalls++;
      }
    }
    List<QueryRequest<R>> out = new ArrayList<>();
    while (canSend()) {
      Candidate<R> c = nextWaiting();
      if (c == null) {
        break;
      }
      if (!claim(c.id)) {
        c.state = State.SKIPPED;
        candidates.remove(c);
        continue;
      }
      c.state = State.IN_FLIGHT;
      List<Integer> distances = config.fast() ? List.of() : Lookup.lookupDistances(target, c.id);
      out.add(send(c, nowMillis, distances, config.fast()));
    }
    if (settled()) {
      for (Sent s : completionsDue()) {
        Candidate<R> c = known.get(s.peer());
        if (!canSend()) {
          break;
        }
        if (!inFlight.contains(c)) {
          completionsSent.add(s);
          out.add(send(c, nowMillis, s.distances(), false));
        }
      }
    }
    return out;
  }

  /**
   * Reports the records {@code peer} answered with; at most {@link
   * LookupConfig#maxNodesPerResponse} of them are read. The node should have checked them already
   * (signatures, distances, address scope).
   *
   * @return false (and nothing changes) if no query to {@code peer} is in flight
   */
  boolean onResponse(NodeId peer, Collection<? extends R> nodes) {
    Candidate<R> c = known.get(peer);
    if (c == null || !inFlight.remove(c)) {
      ignored++;
      return false;
    }
    if (c.stalled) {
      c.stalled = false;
      stalledNow--;
      lateResponses++;
    }
    c.state = State.ANSWERED;
    responses++;
    rounds = Math.max(rounds, c.hop + 1);
    c.read = 0;
    read(c, nodes);
    return true;
  }

  /**
   * Reports more records of an answer {@code peer} already gave (the late messages of a
   * multi-message answer); together with the earlier ones at most {@link
   * LookupConfig#maxNodesPerResponse} are read.
   *
   * @return false (and nothing changes) if {@code peer} has not answered this path
   */
  boolean onMoreNodes(NodeId peer, Collection<? extends R> nodes) {
    Candidate<R> c = known.get(peer);
    if (c == null || c.state != State.ANSWERED) {
      ignored++;
      return false;
    }
    read(c, nodes);
    return true;
  }

  private void read(Candidate<R> c, Collection<? extends R> nodes) {
    for (R record : nodes) {
      if (c.read >= config.maxNodesPerResponse()) {
        break;
      }
      c.read++;
      learn(record, c.hop + 1);
    }
  }

  /**
   * Reports that the query to {@code peer} failed (no reply, invalid reply); the peer leaves the
   * candidates and the result.
   *
   * @return false if no query to {@code peer} is in flight
   */
  boolean onFailure(NodeId peer) {
    Candidate<R> c = known.get(peer);
    if (c == null || !inFlight.contains(c)) {
      ignored++;
      return false;
    }
    fail(c);
    return true;
  }

  /**
   * Whether the lookup is over: no query in flight but stalled ones, and either the query budget is
   * spent, or every candidate in the window answered and the completion queries are done, with
   * nothing stalled unless the window is full (a window that is not full waits for its stalled
   * queries: they are all it has left).
   */
  boolean isFinished() {
    if (inFlight.size() > stalledNow) {
      return false;
    }
    if (queries >= config.maxQueries()) {
      return true;
    }
    if (!settled() || !completionsDue().isEmpty()) {
      return false;
    }
    return stalledNow == 0 || windowMembers().size() == config.resultSize();
  }

  /**
   * The up to {@link LookupConfig#resultSize} closest peers that answered, closest first; once the
   * lookup is finished these are the closest live peers it could reach.
   */
  List<R> result() {
    List<R> out = new ArrayList<>(config.resultSize());
    for (int i = 0, n = candidates.size(); i < n && out.size() < config.resultSize(); i++) {
      Candidate<R> c = candidates.get(i);
      if (c.state == State.ANSWERED) {
        out.add(c.record);
      }
    }
    return out;
  }

  /**
   * The record of {@code id} if the seeds or any response carried it, with the highest seq seen,
   * whether or not the peer answered (for resolving a node id).
   */
  Optional<R> found(NodeId id) {
    Candidate<R> c = known.get(id);
    return c == null ? Optional.empty() : Optional.of(c.record);
  }

  /**
   * When the earliest in-flight query stalls (if it may) or times out, or {@link Long#MAX_VALUE} if
   * none is in flight.
   */
  long nextDeadlineMillis() {
    long next = Long.MAX_VALUE;
    boolean mayStall = stalledNow < config.maxStalled();
    for (Candidate<R> c : inFlight) {
      next = Math.min(next, c.sentAtMillis + config.perPeerTimeoutMillis());
      if (mayStall && !c.stalled) {
        next = Math.min(next, c.stallAtMillis);
      }
    }
    return next;
  }

  /** The number of queries in flight, stalled ones included. */
  int inFlight() {
    return inFlight.size();
  }

  /** The number of stalled queries in flight. */
  int stalled() {
    return stalledNow;
  }

  /** The counters so far. */
  LookupStats stats() {
    return new LookupStats(
        rounds,
        queries,
        completionsSent.size(),
        responses,
        failures,
        timeouts,
        ignored,
        known.size(),
        stalls,
        lateResponses);
  }

  /** The ids this path met, in any state. */
  Set<NodeId> knownIds() {
    return known.keySet();
  }

  /** Whether this path may query {@code id}: no other path of the lookup has. */
  private boolean claim(NodeId id) {
    if (owners == null) {
      return true;
    }
    LookupPath<R> owner = owners.putIfAbsent(id, this);
    return owner == null || owner == this;
  }

  /** Whether a regular query to {@code c} stalled: it is out of the window until it ends. */
  private static boolean outOfWindow(Candidate<?> c) {
    return c.stalled && c.state == State.IN_FLIGHT;
  }

  /** The window: the resultSize closest candidates, not counting regular queries that stalled. */
  private List<Candidate<R>> windowMembers() {
    List<Candidate<R>> out = new ArrayList<>(config.resultSize());
    for (int i = 0, n = candidates.size(); i < n && out.size() < config.resultSize(); i++) {
      Candidate<R> c = candidates.get(i);
      if (!outOfWindow(c)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The closest window member not asked yet, or null. */
  private Candidate<R> nextWaiting() {
    for (Candidate<R> c : windowMembers()) {
      if (c.state == State.WAITING) {
        return c;
      }
    }
    return null;
  }

  /** A query slot is free (stalled queries hold none) and the budget is not spent. */
  private boolean canSend() {
    return inFlight.size() - stalledNow < config.alpha() && queries < config.maxQueries();
  }

  private QueryRequest<R> send(
      Candidate<R> c, long nowMillis, List<Integer> distances, boolean fast) {
    c.sentAtMillis = nowMillis;
    c.stallAtMillis = nowMillis + stallMillis(c.id);
    c.stalled = false;
    inFlight.add(c);
    queries++;
    return new QueryRequest<>(c.record, c.id, distances, target, fast);
  }

  /**
   * {@code max(stallFloor, stallFactor x estimate)}, at most the per-peer timeout; the per-peer
   * timeout (never stalls) without an estimate or with stalls switched off.
   */
  private long stallMillis(NodeId peer) {
    long estimate = config.maxStalled() == 0 ? -1 : rtt.timeoutMillis(peer);
    if (estimate < 0) {
      return config.perPeerTimeoutMillis();
    }
    long stall =
        Math.max(config.stallFloorMillis(), (long) Math.ceil(config.stallFactor() * estimate));
    return Math.min(config.perPeerTimeoutMillis(), stall);
  }

  /**
   * No regular query in flight but stalled ones, and every candidate in the window has answered.
   */
  private boolean settled() {
    for (Candidate<R> c : inFlight) {
      if (c.state == State.IN_FLIGHT && !c.stalled) {
        return false;
      }
    }
    for (Candidate<R> c : windowMembers()) {
      if (c.state != State.ANSWERED) {
        return false;
      }
    }
    return true;
  }

  /**
   * The completion queries the current window calls for that were not sent yet, but those to
   * members with a stalled query in flight (a member has one query in flight at most; if it
   * answers, its completion queries are due again).
   */
  private List<Sent> completionsDue() {
    List<Candidate<R>> members = windowMembers();
    int window = members.size();
    if (!config.completion() || window == 0) {
      return List.of();
    }
    List<NodeId> ids = new ArrayList<>(window);
    for (Candidate<R> c : members) {
      ids.add(c.id);
    }
    List<Sent> due = new ArrayList<>();
    for (CompletionPlan.Query q : CompletionPlan.plan(target, ids)) {
      Sent s = new Sent(ids.get(q.peer()), q.distances());
      if (!completionsSent.contains(s) && !members.get(q.peer()).stalled) {
        due.add(s);
      }
    }
    if (window < config.resultSize()) {
      // A window that is not full means a small network. Its members' few entries may sit at
      // distances the Codex choice never asks for, so each member is also asked for 256 down to
      // 245, where all but about 1 in 4,000 of a table's entries lie.
      for (Candidate<R> member : members) {
        if (member.stalled) {
          continue;
        }
        for (int d = 256; d > 256 - SMALL_NETWORK_LEVELS; d -= Lookup.DISTANCES_PER_QUERY) {
          Sent s = new Sent(member.id, List.of(d, d - 1, d - 2));
          if (!completionsSent.contains(s)) {
            due.add(s);
          }
        }
      }
    }
    return due;
  }

  // Implementation notes: a node met again only updates its record (higher seq); failed and
  // trimmed nodes stay in `known`, so they are never re-added and a hostile peer cannot make the
  // lookup ask a failed node again. `candidates` is capped at candidateLimit by dropping the
  // farthest; a dropped node that is in flight still has its answer read.
  private void learn(R record, int hop) {
    if (!usable(record)) {
      return;
    }
    NodeId id = view.nodeId(record);
    Candidate<R> existing = known.get(id);
    if (existing != null) {
      if (view.compareFreshness(record, existing.record) > 0) {
        existing.record = record;
      }
      return;
    }
    Candidate<R> c = new Candidate<>(id, record, hop);
    known.put(id, c);
    int pos = insertionPoint(id);
    if (pos >= config.candidateLimit()) {
      return;
    }
    c.subnet = subnets.keyOf(view.ip(record));
    if (c.subnet != SubnetKeys.NONE && !makeRoomInSubnet(c.subnet, pos)) {
      return;
    }
    pos = insertionPoint(id);
    candidates.add(pos, c);
    if (candidates.size() > config.candidateLimit()) {
      candidates.remove(candidates.size() - 1);
    }
  }

  // Implementation notes: the per-subnet limit keeps the closest maxPerSubnet candidates of each
  // subnet. A newcomer that would be among them pushes out the farthest one still waiting; if that
  // one was already asked (or the newcomer would be the farthest), the newcomer is left out. Left
  // out and pushed out nodes stay in `known` (found() still reports them, nothing re-adds them).
  private boolean makeRoomInSubnet(long subnet, int pos) {
    int count = failedPerSubnet.getOrDefault(subnet, 0);
    int farthest = -1;
    for (int i = 0, n = candidates.size(); i < n; i++) {
      if (candidates.get(i).subnet == subnet) {
        count++;
        farthest = i;
      }
    }
    if (count < config.maxPerSubnet()) {
      return true;
    }
    if (farthest < pos || candidates.get(farthest).state != State.WAITING) {
      return false;
    }
    candidates.remove(farthest);
    return true;
  }

  private int insertionPoint(NodeId id) {
    int lo = 0;
    int hi = candidates.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (target.compareDistance(candidates.get(mid).id, id) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private void fail(Candidate<R> c) {
    inFlight.remove(c);
    if (c.stalled) {
      c.stalled = false;
      stalledNow--;
    }
    c.state = State.FAILED;
    failures++;
    if (c.subnet != SubnetKeys.NONE) {
      failedPerSubnet.merge(c.subnet, 1, Integer::sum);
    }
    candidates.remove(c);
  }
}
