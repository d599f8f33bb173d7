package io.codex.dht.routing;

import io.codex.dht.spr.NodeId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The state machine of one iterative Kademlia lookup: which peers to ask next, what their answers
 * add, and when it is done; pure logic, the node sends the queries and feeds back the outcomes.
 *
 * <p>Usage: call {@link #poll} and send the returned queries; report each outcome with {@link
 * #onResponse} or {@link #onFailure}; call {@link #poll} again after every outcome and when {@link
 * #nextDeadlineMillis} passes, until {@link #isFinished}. Then {@link #result} holds the answer.
 *
 * <p>Candidates are kept sorted by XOR distance to the target. At most {@link LookupConfig#alpha}
 * queries are in flight. Each regular query goes to the closest candidate not yet asked among the
 * {@link LookupConfig#resultSize} closest candidates that have not failed (the window), with the
 * Codex distances ({@link #lookupDistances}) or, in fast mode, as FINDNODE_FAST(target). Failed
 * candidates leave the window, so the lookup goes deeper until the window is full of peers that
 * answered. Then, unless {@link LookupConfig#completion} is off, a few completion queries (see
 * {@link CompletionPlan}) fetch the tail the Codex distances tend to miss (in a small network,
 * where the window is not full, each member is also asked for distances 256 to 245); the lookup
 * ends when the window has answered and the completion queries its final state calls for are done,
 * or when {@link LookupConfig#maxQueries} is spent.
 *
 * <p>Result semantics: {@link #result} returns the closest peers that <em>answered</em> (proven
 * live), not, as Codex does, the closest peers seen. A peer that never answers (or the target
 * itself when it is offline) is still reported by {@link #found} if any response carried its
 * record.
 *
 * <p>At most {@link LookupConfig#maxPerSubnet} candidates come from one /24 (IPv6 /48), the closest
 * ones, so a responder cannot fill the window with sybils from a few subnets; candidates of a
 * subnet that failed to answer keep counting, so records that all point at one victim address cost
 * it at most that many contacts per lookup (security.md B4).
 *
 * <p>Disjoint paths ({@link LookupConfig#paths} above 1, S/Kademlia): the usable seeds are dealt to
 * the paths in turn, closest first, and each path runs the rules above on its own candidates,
 * learning only from the peers it queried itself; a peer one path queried is skipped by the others,
 * so no peer is asked by two paths, and an attacker must capture every path to hide a node id from
 * {@link #found}. {@link #result} merges the paths' results closest first, as rust-libp2p's
 * disjoint query does, still at most {@link LookupConfig#maxPerSubnet} per subnet: sybils ground
 * closer to the target than the honest nodes, from more subnets than the result has room for, still
 * crowd honest nodes out of it. The per-subnet limit applies per path, failed candidates included,
 * so records pointing at one dead address cost it at most {@code maxPerSubnet} contacts per path,
 * {@code maxPerSubnet * paths} per lookup (shared counts would let a captured path shut honest
 * subnets out of the others). Each path has its own {@link LookupConfig#alpha} and {@link
 * LookupConfig#maxQueries}, so a lookup costs about {@code paths} times as many queries.
 *
 * <p>Stalled queries ({@link LookupConfig#stallFloorMillis}): a query that has not answered within
 * its stall time, derived from the peer's timeout estimate ({@link RttSource}), frees its slot, so
 * the lookup asks the next candidate, and leaves the window, so the lookup does not wait for it to
 * converge; it stays in flight until it answers (the answer is used as any other) or fails (the
 * node's response timeout, or {@link LookupConfig#perPeerTimeoutMillis}). At most {@link
 * LookupConfig#maxStalled} queries per path are stalled at once, so a path never has more than
 * {@code alpha + maxStalled} queries in flight. The lookup may end with stalled queries pending
 * when its window is full of peers that answered; a window that is not full waits for them.
 *
 * <p>The local node is never a candidate; records without an endpoint are skipped; responses from
 * peers with no query in flight are ignored; a record seen again with a higher seq replaces the
 * stored one. Not thread-safe.
 *
 * @param <R> the record type, read through a {@link RecordView}
 */
public final class Lookup<R> {
  /** Distances asked per FINDNODE (Codex {@code LookupRequestLimit}). */
  public static final int DISTANCES_PER_QUERY = 3;

  /** The node's timeout estimates for its peers (from measured round trips), read on send. */
  @FunctionalInterface
  public interface RttSource {
    /** No estimates: queries never stall. */
    RttSource NONE = peer -> -1;

    /** The timeout estimate for a request to {@code peer} in milliseconds; negative if none. */
    long timeoutMillis(NodeId peer);
  }

  private final NodeId target;
  private final RecordView<R> view;
  private final LookupConfig config;
  private final List<LookupPath<R>> paths;

  /** Which path queried each node; null with a single path. */
  private final Map<NodeId, LookupPath<R>> owners;

  private int ignored;

  /**
   * Starts a lookup for {@code target} from {@code seeds} (typically the table's closest entries to
   * the target, closest first) without timeout estimates, so no query stalls; nothing is sent until
   * {@link #poll}.
   */
  public Lookup(
      NodeId target,
      NodeId local,
      Collection<? extends R> seeds,
      RecordView<R> view,
      LookupConfig config) {
    this(target, local, seeds, view, config, RttSource.NONE);
  }

  /**
   * Starts a lookup for {@code target} from {@code seeds} (typically the table's closest entries to
   * the target, closest first), stalling queries by the estimates of {@code rtt}; nothing is sent
   * until {@link #poll}.
   */
  public Lookup(
      NodeId target,
      NodeId local,
      Collection<? extends R> seeds,
      RecordView<R> view,
      LookupConfig config,
      RttSource rtt) {
    Objects.requireNonNull(rtt, "rtt");
    this.target = Objects.requireNonNull(target, "target");
    this.view = Objects.requireNonNull(view, "view");
    this.config = Objects.requireNonNull(config, "config");
    Objects.requireNonNull(local, "local");
    int n = config.paths();
    this.owners = n == 1 ? null : new HashMap<>();
    List<LookupPath<R>> p = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      p.add(new LookupPath<>(target, local, view, config, owners, rtt));
    }
    this.paths = List.copyOf(p);
    List<R> dealt = new ArrayList<>(seeds.size());
    for (R seed : seeds) {
      if (paths.get(0).usable(seed)) {
        dealt.add(seed);
      }
    }
    if (n > 1) {
      dealt.sort((a, b) -> target.compareDistance(view.nodeId(a), view.nodeId(b)));
    }
    for (int i = 0; i < dealt.size(); i++) {
      paths.get(i % n).seed(dealt.get(i));
    }
  }

  /**
   * The distances Codex asks a peer {@code dest} for when looking up {@code target}: {@code td =
   * logDistance(target, dest)}, then {@code td+1, td-1, td+2, td-2, ...}, where {@code td+i} is
   * used only if below 256 and {@code td-i} only if above 0, three values in all (codex-dht-wire
   * section 6.2; for example td 0 gives [0, 1, 2], td 256 gives [256, 255, 254]).
   */
  public static List<Integer> lookupDistances(NodeId target, NodeId dest) {
    int td = target.logDistance(dest);
    List<Integer> out = new ArrayList<>(DISTANCES_PER_QUERY);
    out.add(td);
    for (int i = 1; out.size() < DISTANCES_PER_QUERY; i++) {
      if (td + i < NodeId.BITS) {
        out.add(td + i);
      }
      if (td - i > 0 && out.size() < DISTANCES_PER_QUERY) {
        out.add(td - i);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Fails the queries older than the per-peer timeout at {@code nowMillis}, then returns the
   * queries to send now (possibly none).
   */
  public List<QueryRequest<R>> poll(long nowMillis) {
    if (paths.size() == 1) {
      return paths.get(0).poll(nowMillis);
    }
    List<QueryRequest<R>> out = new ArrayList<>();
    for (LookupPath<R> path : paths) {
      out.addAll(path.poll(nowMillis));
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
  public boolean onResponse(NodeId peer, Collection<? extends R> nodes) {
    LookupPath<R> path = pathOf(peer);
    return path != null && path.onResponse(peer, nodes);
  }

  /**
   * Reports more records of an answer {@code peer} already gave: the messages of a multi-message
   * NODES answer that arrived after the node delivered the first ones; together with those, at most
   * {@link LookupConfig#maxNodesPerResponse} are read.
   *
   * @return false (and nothing changes) if {@code peer} has not answered this lookup
   */
  public boolean onMoreNodes(NodeId peer, Collection<? extends R> nodes) {
    LookupPath<R> path = pathOf(peer);
    return path != null && path.onMoreNodes(peer, nodes);
  }

  /**
   * Reports that the query to {@code peer} failed (no reply, invalid reply); the peer leaves the
   * candidates and the result.
   *
   * @return false if no query to {@code peer} is in flight
   */
  public boolean onFailure(NodeId peer) {
    LookupPath<R> path = pathOf(peer);
    return path != null && path.onFailure(peer);
  }

  /**
   * Whether the lookup is over: on every path nothing is in flight but stalled queries, and every
   * candidate in the window answered and the completion queries are done (stalled queries pending
   * only with a full window), or the query budget is spent.
   */
  public boolean isFinished() {
    for (LookupPath<R> path : paths) {
      if (!path.isFinished()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The up to {@link LookupConfig#resultSize} closest peers that answered, closest first; once the
   * lookup is finished these are the closest live peers it could reach (over all paths, at most
   * {@link LookupConfig#maxPerSubnet} per subnet).
   */
  public List<R> result() {
    if (paths.size() == 1) {
      return paths.get(0).result();
    }
    List<R> all = new ArrayList<>();
    for (LookupPath<R> path : paths) {
      all.addAll(path.result());
    }
    all.sort((a, b) -> target.compareDistance(view.nodeId(a), view.nodeId(b)));
    SubnetKeys subnets = new SubnetKeys(config.maxPerSubnet() > 0, false);
    Map<Long, Integer> perSubnet = new HashMap<>();
    List<R> out = new ArrayList<>(config.resultSize());
    for (R r : all) {
      if (out.size() == config.resultSize()) {
        break;
      }
      long subnet = subnets.keyOf(view.ip(r));
      if (subnet == SubnetKeys.NONE
          || perSubnet.merge(subnet, 1, Integer::sum) <= config.maxPerSubnet()) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * The record of {@code id} if the seeds or any response carried it, with the highest seq seen,
   * whether or not the peer answered (for resolving a node id).
   */
  public Optional<R> found(NodeId id) {
    R best = null;
    for (LookupPath<R> path : paths) {
      R r = path.found(id).orElse(null);
      if (r != null && (best == null || view.compareFreshness(r, best) > 0)) {
        best = r;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * When the earliest in-flight query stalls or times out, or {@link Long#MAX_VALUE} if none is in
   * flight.
   */
  public long nextDeadlineMillis() {
    long next = Long.MAX_VALUE;
    for (LookupPath<R> path : paths) {
      next = Math.min(next, path.nextDeadlineMillis());
    }
    return next;
  }

  /** The number of queries in flight, stalled ones included. */
  public int inFlight() {
    int n = 0;
    for (LookupPath<R> path : paths) {
      n += path.inFlight();
    }
    return n;
  }

  /** The number of stalled queries in flight. */
  public int stalled() {
    int n = 0;
    for (LookupPath<R> path : paths) {
      n += path.stalled();
    }
    return n;
  }

  /** The lookup target. */
  public NodeId target() {
    return target;
  }

  /** The counters so far, summed over the paths (rounds: the longest path's). */
  public LookupStats stats() {
    if (paths.size() == 1) {
      return paths.get(0).stats();
    }
    int rounds = 0;
    int queries = 0;
    int completions = 0;
    int responses = 0;
    int failures = 0;
    int timeouts = 0;
    int stalls = 0;
    int late = 0;
    int ignoredSum = ignored;
    Set<NodeId> seen = new HashSet<>();
    for (LookupPath<R> path : paths) {
      LookupStats s = path.stats();
      rounds = Math.max(rounds, s.rounds());
      queries += s.queries();
      completions += s.completionQueries();
      responses += s.responses();
      failures += s.failures();
      timeouts += s.timeouts();
      ignoredSum += s.ignoredResponses();
      stalls += s.stalls();
      late += s.lateResponses();
      seen.addAll(path.knownIds());
    }
    return new LookupStats(
        rounds,
        queries,
        completions,
        responses,
        failures,
        timeouts,
        ignoredSum,
        seen.size(),
        stalls,
        late);
  }

  /** The path that queried {@code peer}, or null (counted as ignored) if none did. */
  private LookupPath<R> pathOf(NodeId peer) {
    if (owners == null) {
      return paths.get(0);
    }
    LookupPath<R> path = owners.get(peer);
    if (path == null) {
      ignored++;
    }
    return path;
  }
}
