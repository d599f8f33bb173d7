package io.codex.dht.session;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and timeouts of a {@link SessionLayer}; {@link #defaults()} gives the Codex timeouts and
 * the project's bounds.
 *
 * @param sessionCacheSize sessions kept (LRU)
 * @param maxSessionsPerIp sessions kept per IP address (the least recently used one goes first)
 * @param challengeTtl how long a WHOAREYOU challenge we sent stays valid
 * @param handshakeTimeout how long we wait for the WHOAREYOU answering our first packet
 * @param pendingRequestTtl how long a sent request can be answered with WHOAREYOU
 * @param maxChallenges challenges kept at once
 * @param maxPendingRequests sent requests remembered at once (the oldest is forgotten first)
 * @param maxHandshakes handshakes we started and that wait for their WHOAREYOU
 * @param maxQueuedPerHandshake messages queued behind one such handshake
 * @param limitLocalAddresses whether the per-IP bound also applies to loopback and private
 *     addresses (off by default, as in the routing table, so local clusters work)
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
    boolean limitLocalAddresses) {

  /** Checks that every bound is positive. */
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
  }

  /**
   * 1024 sessions, 10 per IP; challenges and handshakes time out after 500 ms and requests after 1
   * s (the Codex values); 4096 challenges, 4096 pending requests, 1024 handshakes in progress with
   * 16 queued messages each.
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
        limitLocalAddresses);
  }

  /** A copy that applies (or not) the per-IP bound to loopback and private addresses too. */
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
        value);
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
