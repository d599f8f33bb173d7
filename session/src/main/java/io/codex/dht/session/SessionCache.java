package io.codex.dht.session;

import io.codex.dht.spr.IpScope;
import io.codex.dht.spr.PublicKey;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/**
 * The session cache: an LRU of at most {@code capacity} sessions keyed by (node id, ip, port), with
 * at most {@code perIp} sessions from one IP address (a new one evicts one of that IP's sessions,
 * so one host cannot push out the sessions of others). Loopback and private addresses are exempt
 * from the per-IP bound unless {@code limitLocal} is set, as in the routing table, so many nodes on
 * one machine or LAN work.
 *
 * <p>Eviction order: the least recently used unprotected session first, the least recently used
 * protected one only when every candidate is protected. What is protected is the owner's {@link
 * Protection}: routing-table members and sessions with requests in flight.
 */
final class SessionCache {
  /** Which sessions are evicted last. */
  @FunctionalInterface
  interface Protection {
    /** Nothing is protected: plain LRU. */
    Protection NONE = s -> false;

    /** Whether {@code session} should be evicted only after every unprotected one. */
    boolean isProtected(Session session);
  }

  // Implementation notes: protection changes outside the cache (table membership, time), so it is
  // asked when a victim is chosen rather than kept in separate lists. Finding the least recently
  // used unprotected session walks the LRU from its eldest end; every session in front of the
  // victim is protected, so the walk costs at most the number of protected sessions (in practice
  // the routing table's size) and happens only when a verified handshake adds a session, which the
  // handshake budget bounds.

  private final int capacity;
  private final int perIp;
  private final boolean limitLocal;
  private final Protection protection;
  private final LinkedHashMap<SessionKey, Session> lru = new LinkedHashMap<>(64, 0.75f, true);
  private final Map<InetAddress, List<Session>> byIp = new HashMap<>();
  private final SessionStats stats;
  private long useCounter;

  SessionCache(int capacity, int perIp, boolean limitLocal, SessionStats stats) {
    this(capacity, perIp, limitLocal, Protection.NONE, stats);
  }

  SessionCache(
      int capacity, int perIp, boolean limitLocal, Protection protection, SessionStats stats) {
    this.capacity = capacity;
    this.perIp = perIp;
    this.limitLocal = limitLocal;
    this.protection = protection;
    this.stats = stats;
  }

  /** The session of {@code key}, marked as used; or {@code null}. */
  Session get(SessionKey key) {
    Session s = lru.get(key);
    if (s != null) {
      s.lastUsed = ++useCounter;
    }
    return s;
  }

  /**
   * Stores the keys of a completed handshake: a new session, or new keys for an existing one (the
   * current read key becomes the old one).
   */
  Session store(
      SessionKey key, SecretKeySpec readKey, SecretKeySpec writeKey, PublicKey remoteKey) {
    Session s = lru.get(key);
    if (s != null) {
      s.rekey(readKey, writeKey, remoteKey);
    } else {
      InetAddress ip = key.address().getAddress();
      List<Session> sameIp = byIp.get(ip);
      if (sameIp != null && sameIp.size() >= perIp && (limitLocal || !IpScope.isLocal(ip))) {
        evict(victimOf(sameIp));
      } else if (lru.size() >= capacity) {
        evict(eldestVictim());
      }
      s = new Session(key, readKey, writeKey, remoteKey);
      lru.put(key, s);
      byIp.computeIfAbsent(ip, a -> new ArrayList<>(2)).add(s);
    }
    s.lastUsed = ++useCounter;
    return s;
  }

  /** The least recently used unprotected session of one IP, else its least recently used one. */
  private Session victimOf(List<Session> sessions) {
    Session oldest = null;
    Session oldestUnprotected = null;
    for (Session candidate : sessions) {
      if (oldest == null || candidate.lastUsed < oldest.lastUsed) {
        oldest = candidate;
      }
      if ((oldestUnprotected == null || candidate.lastUsed < oldestUnprotected.lastUsed)
          && !protection.isProtected(candidate)) {
        oldestUnprotected = candidate;
      }
    }
    return oldestUnprotected != null ? oldestUnprotected : oldest;
  }

  /** The least recently used unprotected session, else the least recently used one. */
  private Session eldestVictim() {
    Session eldest = null;
    for (Session candidate : lru.values()) {
      if (eldest == null) {
        eldest = candidate;
      }
      if (!protection.isProtected(candidate)) {
        return candidate;
      }
    }
    return eldest;
  }

  private void evict(Session victim) {
    if (protection.isProtected(victim)) {
      stats.protectedSessionsEvicted++;
    }
    remove(victim.key);
    stats.sessionsEvicted++;
  }

  /** Forgets the session of {@code key}. */
  void remove(SessionKey key) {
    Session s = lru.remove(key);
    if (s == null) {
      return;
    }
    InetAddress ip = key.address().getAddress();
    List<Session> sameIp = byIp.get(ip);
    sameIp.remove(s);
    if (sameIp.isEmpty()) {
      byIp.remove(ip);
    }
  }

  int size() {
    return lru.size();
  }

  int sizeForIp(InetAddress ip) {
    List<Session> sameIp = byIp.get(ip);
    return sameIp == null ? 0 : sameIp.size();
  }

  void clear() {
    lru.clear();
    byIp.clear();
  }
}
