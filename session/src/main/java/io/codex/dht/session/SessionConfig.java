package io.codex.dht.session;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits, timeouts and defences of a {@link SessionLayer}; {@link #defaults()} gives the Codex
 * timeouts and the project's bounds.
 *
 * <p>Rates are per second; a rate of zero or less switches that limit off (tests use this for their
 * negative controls). A per-IP bucket holds one second's worth of tokens, so a host's short burst
 * (a node starting up and greeting its peers) passes; a global bucket holds a tenth of a second's
 * worth, so the total stays close to its rate in every interval. Per-IP limits, like the per-IP
 * session bound, spare loopback and private addresses unless {@link #limitLocalAddresses()}.
 *
 * @param sessionCacheSize sessions kept (LRU)
 * @param maxSessionsPerIp sessions kept per IP address (the least recently used one goes first)
 * @param challengeTtl how long a WHOAREYOU challenge we sent stays valid
 * @param handshakeTimeout how long we wait for the WHOAREYOU answering our first packet
 * @param pendingRequestTtl how long a sent request can be answered with WHOAREYOU; a session that
 *     sent a request this recently counts as having a request in flight
 * @param maxChallenges challenges kept at once
 * @param maxPendingRequests sent requests remembered at once (the oldest is forgotten first)
 * @param maxHandshakes handshakes we started and that wait for their WHOAREYOU
 * @param maxQueuedPerHandshake messages queued behind one such handshake
 * @param limitLocalAddresses whether the per-IP bounds also apply to loopback and private addresses
 *     (off by default, as in the routing table, so local clusters work)
 * @param whoareyouPerIpPerSecond WHOAREYOU packets sent to one IP per second, new and repeated
 *     challenges alike (reflection towards a spoofed victim)
 * @param whoareyouPerSecond WHOAREYOU packets sent per second in total
 * @param handshakesPerSecond handshakes we did not start that are checked (signature, ECDH) per
 *     second in total; a handshake crossing one we started is exempt
 * @param handshakesPerIpPerSecond such handshakes checked per second per source IP, so that one
 *     host cannot take the whole budget; an IP's rate is also at most an equal share of {@code
 *     handshakesPerSecond} among the IPs that sent handshakes in the last second
 * @param rateLimitedIps IPs whose rate-limit buckets are remembered (LRU; a forgotten IP's bucket
 *     comes back full)
 * @param protectSessions whether sessions of protected nodes ({@link NodeDirectory#isProtected})
 *     and sessions with a request in flight are evicted only after every other session
 */
public record SessionConfig(
    int sessionCacheSize,
    int maxSessionsPerIp,
    Duration challengeTtl,
    Duration handshakeTimeout,
    Duration pendingRequestTtl,
    int maxChallenges,
    int maxPendingRequests,
    int maxHandshakes,
    int maxQueuedPerHandshake,
    boolean limitLocalAddresses,
    int whoareyouPerIpPerSecond,
    int whoareyouPerSecond,
    int handshakesPerSecond,
    int handshakesPerIpPerSecond,
    int rateLimitedIps,
    boolean protectSessions) {

  /** Default WHOAREYOU packets per second to one IP. */
  public static final int DEFAULT_WHOAREYOU_PER_IP = 10;

  /** Default WHOAREYOU packets per second in total. */
  public static final int DEFAULT_WHOAREYOU_TOTAL = 1000;

  /** Default unsolicited handshakes checked per second in total. */
  public static final int DEFAULT_HANDSHAKES_TOTAL = 200;

  /**
   * Unsolicited handshakes checked back to back at most, before the total rate applies: what a
   * bootstrap node sees when a network restarts (40 honest newcomers at once) passes. 64 checked
   * handshakes cost about 64 x 0.2 ms of CPU with libsecp256k1 (64 x 0.5 ms with BouncyCastle).
   */
  public static final int DEFAULT_HANDSHAKE_BURST = 64;

  /** Default unsolicited handshakes checked per second from one IP. */
  public static final int DEFAULT_HANDSHAKES_PER_IP = 10;

  /** Default number of IPs whose rate-limit buckets are remembered. */
  public static final int DEFAULT_RATE_LIMITED_IPS = 4096;

  /** Checks that every bound is positive (rates may be zero or negative: off). */
  public SessionConfig {
    positive(sessionCacheSize, "sessionCacheSize");
    positive(maxSessionsPerIp, "maxSessionsPerIp");
    positive(challengeTtl, "challengeTtl");
    positive(handshakeTimeout, "handshakeTimeout");
    positive(pendingRequestTtl, "pendingRequestTtl");
    positive(maxChallenges, "maxChallenges");
    positive(maxPendingRequests, "maxPendingRequests");
    positive(maxHandshakes, "maxHandshakes");
    positive(maxQueuedPerHandshake, "maxQueuedPerHandshake");
    positive(rateLimitedIps, "rateLimitedIps");
  }

  /** The limits and timeouts of the first ten components, with the default defences. */
  public SessionConfig(
      int sessionCacheSize,
      int maxSessionsPerIp,
      Duration challengeTtl,
      Duration handshakeTimeout,
      Duration pendingRequestTtl,
      int maxChallenges,
      int maxPendingRequests,
      int maxHandshakes,
      int maxQueuedPerHandshake,
      boolean limitLocalAddresses) {
    this(
        sessionCacheSize,
        maxSessionsPerIp,
        challengeTtl,
        handshakeTimeout,
        pendingRequestTtl,
        maxChallenges,
        maxPendingRequests,
        maxHandshakes,
        maxQueuedPerHandshake,
        limitLocalAddresses,
        DEFAULT_WHOAREYOU_PER_IP,
        DEFAULT_WHOAREYOU_TOTAL,
        DEFAULT_HANDSHAKES_TOTAL,
        DEFAULT_HANDSHAKES_PER_IP,
        DEFAULT_RATE_LIMITED_IPS,
        true);
  }

  /**
   * 1024 sessions, 10 per IP; challenges and handshakes time out after 500 ms and requests after 1
   * s (the Codex values); 4096 challenges, 4096 pending requests, 1024 handshakes in progress with
   * 16 queued messages each; WHOAREYOU at most 10 per second per IP and 1000 in total; 200
   * unsolicited handshakes per second (burst 64), 10 per IP; buckets for 4096 IPs; protected
   * sessions evicted last.
   */
  public static SessionConfig defaults() {
    return new SessionConfig(
        1024,
        10,
        Duration.ofMillis(500),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        4096,
        4096,
        1024,
        16,
        false);
  }

  /** A copy with another session cache bound. */
  public SessionConfig withSessionCache(int size, int perIp) {
    return new SessionConfig(
        size,
        perIp,
        challengeTtl,
        handshakeTimeout,
        pendingRequestTtl,
        maxChallenges,
        maxPendingRequests,
        maxHandshakes,
        maxQueuedPerHandshake,
        limitLocalAddresses,
        whoareyouPerIpPerSecond,
        whoareyouPerSecond,
        handshakesPerSecond,
        handshakesPerIpPerSecond,
        rateLimitedIps,
        protectSessions);
  }

  /** A copy that applies (or not) the per-IP bounds to loopback and private addresses too. */
  public SessionConfig withLimitLocalAddresses(boolean value) {
    return new SessionConfig(
        sessionCacheSize,
        maxSessionsPerIp,
        challengeTtl,
        handshakeTimeout,
        pendingRequestTtl,
        maxChallenges,
        maxPendingRequests,
        maxHandshakes,
        maxQueuedPerHandshake,
        value,
        whoareyouPerIpPerSecond,
        whoareyouPerSecond,
        handshakesPerSecond,
        handshakesPerIpPerSecond,
        rateLimitedIps,
        protectSessions);
  }

  /** A copy with other WHOAREYOU rates (zero or less: off). */
  public SessionConfig withWhoareyouLimits(int perIpPerSecond, int perSecond) {
    return new SessionConfig(
        sessionCacheSize,
        maxSessionsPerIp,
        challengeTtl,
        handshakeTimeout,
        pendingRequestTtl,
        maxChallenges,
        maxPendingRequests,
        maxHandshakes,
        maxQueuedPerHandshake,
        limitLocalAddresses,
        perIpPerSecond,
        perSecond,
        handshakesPerSecond,
        handshakesPerIpPerSecond,
        rateLimitedIps,
        protectSessions);
  }

  /** A copy with another budget for unsolicited handshakes (zero or less: off). */
  public SessionConfig withHandshakeBudget(int perSecond, int perIpPerSecond) {
    return new SessionConfig(
        sessionCacheSize,
        maxSessionsPerIp,
        challengeTtl,
        handshakeTimeout,
        pendingRequestTtl,
        maxChallenges,
        maxPendingRequests,
        maxHandshakes,
        maxQueuedPerHandshake,
        limitLocalAddresses,
        whoareyouPerIpPerSecond,
        whoareyouPerSecond,
        perSecond,
        perIpPerSecond,
        rateLimitedIps,
        protectSessions);
  }

  /** A copy without WHOAREYOU limits and handshake budget (for simulations and tests). */
  public SessionConfig withoutRateLimits() {
    return withWhoareyouLimits(0, 0).withHandshakeBudget(0, 0);
  }

  /** A copy remembering the rate-limit buckets of another number of IPs. */
  public SessionConfig withRateLimitedIps(int ips) {
    return new SessionConfig(
        sessionCacheSize,
        maxSessionsPerIp,
        challengeTtl,
        handshakeTimeout,
        pendingRequestTtl,
        maxChallenges,
        maxPendingRequests,
        maxHandshakes,
        maxQueuedPerHandshake,
        limitLocalAddresses,
        whoareyouPerIpPerSecond,
        whoareyouPerSecond,
        handshakesPerSecond,
        handshakesPerIpPerSecond,
        ips,
        protectSessions);
  }

  /** A copy that evicts protected sessions last (or, with false, in plain LRU order). */
  public SessionConfig withSessionProtection(boolean value) {
    return new SessionConfig(
        sessionCacheSize,
        maxSessionsPerIp,
        challengeTtl,
        handshakeTimeout,
        pendingRequestTtl,
        maxChallenges,
        maxPendingRequests,
        maxHandshakes,
        maxQueuedPerHandshake,
        limitLocalAddresses,
        whoareyouPerIpPerSecond,
        whoareyouPerSecond,
        handshakesPerSecond,
        handshakesPerIpPerSecond,
        rateLimitedIps,
        value);
  }

  /** The limiter of WHOAREYOU packets these settings describe. */
  RateLimiter whoareyouLimiter() {
    return new RateLimiter(
        whoareyouPerSecond,
        globalBurst(whoareyouPerSecond),
        whoareyouPerIpPerSecond,
        whoareyouPerIpPerSecond,
        rateLimitedIps,
        limitLocalAddresses);
  }

  /** The limiter of unsolicited handshakes these settings describe (with a fair share per IP). */
  RateLimiter handshakeLimiter() {
    return new RateLimiter(
        handshakesPerSecond,
        handshakeBurst(handshakesPerSecond),
        handshakesPerIpPerSecond,
        handshakesPerIpPerSecond,
        rateLimitedIps,
        limitLocalAddresses,
        true);
  }

  /**
   * The total burst of unsolicited handshakes: {@link #DEFAULT_HANDSHAKE_BURST}, but never more
   * than one second's worth nor less than a tenth of it.
   */
  static int handshakeBurst(int perSecond) {
    return Math.max(globalBurst(perSecond), Math.min(perSecond, DEFAULT_HANDSHAKE_BURST));
  }

  /** A tenth of a second's worth, at least one. */
  static int globalBurst(int perSecond) {
    return Math.max(1, perSecond / 10);
  }

  private static void positive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }

  private static void positive(Duration value, String name) {
    if (Objects.requireNonNull(value, name).isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
