package io.codex.dht.session;

import io.codex.dht.spr.IpScope;
import io.codex.dht.spr.PublicKey;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/**
 * The session cache: an LRU of at most {@code capacity} sessions keyed by (node id, ip, port), with
 * at most {@code perIp} sessions from one IP address (a new one evicts that IP's least recently
 * used session, so one host cannot push out the sessions of others). Loopback and private addresses
 * are exempt from the per-IP bound unless {@code limitLocal} is set, as in the routing table, so
 * many nodes on one machine or LAN work.
 */
final class SessionCache {
  private final int capacity;
  private final int perIp;
  private final boolean limitLocal;
  private final LinkedHashMap<SessionKey, Session> lru = new LinkedHashMap<>(64, 0.75f, true);
  private final Map<InetAddress, List<Session>> byIp = new HashMap<>();
  private final SessionStats stats;
  private long useCounter;

  SessionCache(int capacity, int perIp, boolean limitLocal, SessionStats stats) {
    this.capacity = capacity;
    this.perIp = perIp;
    this.limitLocal = limitLocal;
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
        Session oldest = sameIp.get(0);
        for (Session candidate : sameIp) {
          if (candidate.lastUsed < oldest.lastUsed) {
            oldest = candidate;
          }
        }
        remove(oldest.key);
        stats.sessionsEvicted++;
      } else if (lru.size() >= capacity) {
        Iterator<Session> eldest = lru.values().iterator();
        remove(eldest.next().key);
        stats.sessionsEvicted++;
      }
      s = new Session(key, readKey, writeKey, remoteKey);
      lru.put(key, s);
      byIp.computeIfAbsent(ip, a -> new ArrayList<>(2)).add(s);
    }
    s.lastUsed = ++useCounter;
    return s;
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
