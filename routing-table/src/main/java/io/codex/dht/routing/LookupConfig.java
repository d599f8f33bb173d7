package io.codex.dht.routing;

/**
 * Parameters of one {@link Lookup}; {@link #DEFAULT} holds the Codex values.
 *
 * @param alpha queries in flight at most (Codex {@code Alpha = 3})
 * @param resultSize how many closest answered nodes the lookup converges on (Codex 16)
 * @param perPeerTimeoutMillis a query older than this at {@link Lookup#poll} counts as failed; a
 *     safety net, the node should also report its own request timeouts with {@link
 *     Lookup#onFailure}
 * @param fast whether peers are asked FINDNODE_FAST(target) instead of FINDNODE(distances)
 * @param maxNodesPerResponse records read from one response at most; the rest are ignored (Codex
 *     reads 16 for FINDNODE, 6 for FINDNODE_FAST)
 * @param candidateLimit candidates kept at most (the closest ones), so hostile responses cannot
 *     grow the lookup's state without bound
 * @param maxQueries queries sent at most over the whole lookup
 * @param completion whether to send the completion queries of {@link CompletionPlan} once the
 *     window has answered (on by default; off gives the plain Codex lookup, which returns the exact
 *     16 closest in only about 86 % of lookups in a 10,000-node network)
 * @param maxPerSubnet candidates kept at most from one IPv4 /24 or IPv6 /48 (the closest ones;
 *     loopback and private addresses are not counted), so that one attacker's subnets cannot fill
 *     the lookup's window with sybils; 0 switches the limit off
 * @param paths disjoint paths (1 to {@link #MAX_PATHS}): above 1, the lookup runs that many paths
 *     that never query the same peer, as S/Kademlia proposes against eclipse attacks, at about that
 *     many times the queries (see {@link Lookup}); 1, the default, is the single Codex path
 * @param stallFloorMillis the least time a query waits before it stalls: a query that has not
 *     answered within {@code max(stallFloorMillis, stallFactor x timeout estimate)} (at most {@code
 *     perPeerTimeoutMillis}) frees its slot, so the lookup asks the next candidate, and leaves the
 *     window until it answers or fails; its late answer is still used. Without a timeout estimate
 *     for the peer (see {@link Lookup.RttSource}) queries never stall.
 * @param stallFactor the stall time as a multiple of the peer's timeout estimate
 * @param maxStalled stalled queries per path at most: while that many are pending, a slow query
 *     keeps its slot, so a path never has more than {@code alpha + maxStalled} queries in flight; 0
 *     switches stalling off (the plain Codex rule: a query holds its slot until it ends)
 */
public record LookupConfig(
    int alpha,
    int resultSize,
    long perPeerTimeoutMillis,
    boolean fast,
    int maxNodesPerResponse,
    int candidateLimit,
    int maxQueries,
    boolean completion,
    int maxPerSubnet,
    int paths,
    long stallFloorMillis,
    double stallFactor,
    int maxStalled) {

  /** The most disjoint paths a lookup may run. */
  public static final int MAX_PATHS = 8;

  /**
   * alpha 3, 16 results, 2 s per-peer timeout, FINDNODE, 16 records read per response, 64
   * candidates, 256 queries, completion on, 2 candidates per subnet (as the table's per-bucket
   * limit), one path; a query stalls after 0.75 times its timeout estimate, at least 50 ms, and at
   * most 8 are stalled at once (chosen by measurement in the simulator, see docs/design.md).
   */
  public static final LookupConfig DEFAULT =
      new LookupConfig(3, 16, 2_000, false, 16, 64, 256, true, 2, 1, 50, 0.75, 8);

  /** Checks the values. */
  public LookupConfig {
    if (alpha < 1 || resultSize < 1 || perPeerTimeoutMillis < 1 || maxNodesPerResponse < 0) {
      throw new IllegalArgumentException(
          "alpha, resultSize and perPeerTimeoutMillis must be >= 1, maxNodesPerResponse >= 0");
    }
    if (candidateLimit < resultSize) {
      throw new IllegalArgumentException(
          "candidateLimit " + candidateLimit + " < resultSize " + resultSize);
    }
    if (maxQueries < 1) {
      throw new IllegalArgumentException("maxQueries must be >= 1: " + maxQueries);
    }
    if (maxPerSubnet < 0) {
      throw new IllegalArgumentException("maxPerSubnet must be >= 0: " + maxPerSubnet);
    }
    if (paths < 1 || paths > MAX_PATHS) {
      throw new IllegalArgumentException("paths must be 1 to " + MAX_PATHS + ": " + paths);
    }
    if (stallFloorMillis < 1 || !(stallFactor > 0) || maxStalled < 0) {
      throw new IllegalArgumentException(
          "stallFloorMillis must be >= 1, stallFactor > 0, maxStalled >= 0");
    }
  }

  /** A copy using FINDNODE_FAST (or not). */
  public LookupConfig withFast(boolean value) {
    return new LookupConfig(
        alpha,
        resultSize,
        perPeerTimeoutMillis,
        value,
        maxNodesPerResponse,
        candidateLimit,
        maxQueries,
        completion,
        maxPerSubnet,
        paths,
        stallFloorMillis,
        stallFactor,
        maxStalled);
  }

  /** A copy with another per-peer timeout. */
  public LookupConfig withPerPeerTimeoutMillis(long value) {
    return new LookupConfig(
        alpha,
        resultSize,
        value,
        fast,
        maxNodesPerResponse,
        candidateLimit,
        maxQueries,
        completion,
        maxPerSubnet,
        paths,
        stallFloorMillis,
        stallFactor,
        maxStalled);
  }

  /** A copy with another cap on records read per response. */
  public LookupConfig withMaxNodesPerResponse(int value) {
    return new LookupConfig(
        alpha,
        resultSize,
        perPeerTimeoutMillis,
        fast,
        value,
        candidateLimit,
        maxQueries,
        completion,
        maxPerSubnet,
        paths,
        stallFloorMillis,
        stallFactor,
        maxStalled);
  }

  /** A copy with another candidate limit. */
  public LookupConfig withCandidateLimit(int value) {
    return new LookupConfig(
        alpha,
        resultSize,
        perPeerTimeoutMillis,
        fast,
        maxNodesPerResponse,
        value,
        maxQueries,
        completion,
        maxPerSubnet,
        paths,
        stallFloorMillis,
        stallFactor,
        maxStalled);
  }

  /** A copy with another cap on queries. */
  public LookupConfig withMaxQueries(int value) {
    return new LookupConfig(
        alpha,
        resultSize,
        perPeerTimeoutMillis,
        fast,
        maxNodesPerResponse,
        candidateLimit,
        value,
        completion,
        maxPerSubnet,
        paths,
        stallFloorMillis,
        stallFactor,
        maxStalled);
  }

  /** A copy with the completion queries switched on or off. */
  public LookupConfig withCompletion(boolean value) {
    return new LookupConfig(
        alpha,
        resultSize,
        perPeerTimeoutMillis,
        fast,
        maxNodesPerResponse,
        candidateLimit,
        maxQueries,
        value,
        maxPerSubnet,
        paths,
        stallFloorMillis,
        stallFactor,
        maxStalled);
  }

  /** A copy with another per-subnet candidate limit (0: off). */
  public LookupConfig withMaxPerSubnet(int value) {
    return new LookupConfig(
        alpha,
        resultSize,
        perPeerTimeoutMillis,
        fast,
        maxNodesPerResponse,
        candidateLimit,
        maxQueries,
        completion,
        value,
        paths,
        stallFloorMillis,
        stallFactor,
        maxStalled);
  }

  /** A copy with another number of disjoint paths (1: a single path). */
  public LookupConfig withPaths(int value) {
    return new LookupConfig(
        alpha,
        resultSize,
        perPeerTimeoutMillis,
        fast,
        maxNodesPerResponse,
        candidateLimit,
        maxQueries,
        completion,
        maxPerSubnet,
        value,
        stallFloorMillis,
        stallFactor,
        maxStalled);
  }

  /** A copy with another stall floor. */
  public LookupConfig withStallFloorMillis(long value) {
    return new LookupConfig(
        alpha,
        resultSize,
        perPeerTimeoutMillis,
        fast,
        maxNodesPerResponse,
        candidateLimit,
        maxQueries,
        completion,
        maxPerSubnet,
        paths,
        value,
        stallFactor,
        maxStalled);
  }

  /** A copy with another stall factor. */
  public LookupConfig withStallFactor(double value) {
    return new LookupConfig(
        alpha,
        resultSize,
        perPeerTimeoutMillis,
        fast,
        maxNodesPerResponse,
        candidateLimit,
        maxQueries,
        completion,
        maxPerSubnet,
        paths,
        stallFloorMillis,
        value,
        maxStalled);
  }

  /** A copy with another bound on stalled queries (0: no stalls). */
  public LookupConfig withMaxStalled(int value) {
    return new LookupConfig(
        alpha,
        resultSize,
        perPeerTimeoutMillis,
        fast,
        maxNodesPerResponse,
        candidateLimit,
        maxQueries,
        completion,
        maxPerSubnet,
        paths,
        stallFloorMillis,
        stallFactor,
        value);
  }
}
