package io.codex.dht.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.codex.dht.spr.NodeId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Random;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The session cache's LRU and per-IP bounds, and the key slots that absorb crossed handshakes. */
class SessionCacheTest {
  private final Random random = new Random(1);
  private final SessionStats stats = new SessionStats();

  @Test
  void leastRecentlyUsedSessionGoesFirst() throws Exception {
    SessionCache cache = new SessionCache(3, 10, false, stats);
    SessionKey k1 = key(1, 1);
    SessionKey k2 = key(2, 1);
    SessionKey k3 = key(3, 1);
    store(cache, k1);
    store(cache, k2);
    store(cache, k3);
    cache.get(k1); // k2 is now the least recently used
    store(cache, key(4, 1));
    assertEquals(3, cache.size());
    assertNull(cache.get(k2));
    assertNotNull(cache.get(k1));
    assertNotNull(cache.get(k3));
    assertEquals(1, stats.sessionsEvicted());
  }

  @Test
  void oneAddressCannotPushOutOthers() throws Exception {
    SessionCache cache = new SessionCache(100, 3, false, stats);
    SessionKey other = key(100, 2);
    store(cache, other);
    SessionKey[] same = new SessionKey[6];
    for (int i = 0; i < same.length; i++) {
      same[i] = key(i, 1);
      store(cache, same[i]);
      cache.get(other);
    }
    assertEquals(3, cache.sizeForIp(same[0].address().getAddress()));
    assertEquals(4, cache.size());
    assertNotNull(cache.get(other));
    assertNull(cache.get(same[0]));
    assertNotNull(cache.get(same[5]));
    assertEquals(3, stats.sessionsEvicted());
  }

  @Test
  void aNewHandshakeKeepsThePreviousReadKey() throws Exception {
    SessionCache cache = new SessionCache(10, 10, false, stats);
    SessionKey k = key(1, 1);
    SecretKeySpec r1 = aes();
    SecretKeySpec r2 = aes();
    SecretKeySpec w2 = aes();
    Session s = cache.store(k, r1, aes(), null);
    assertNull(s.oldReadKey);
    assertSame(s, cache.store(k, r2, w2, null));
    assertSame(r2, s.readKey);
    assertSame(r1, s.oldReadKey);
    assertSame(w2, s.writeKey);
    s.swapReadKeys();
    assertSame(r1, s.readKey);
    assertSame(r2, s.oldReadKey);
    assertEquals(1, cache.size());
    cache.remove(k);
    assertEquals(0, cache.size());
    assertEquals(0, cache.sizeForIp(k.address().getAddress()));
  }

  @Test
  void unprotectedSessionsGoFirstThenTheLeastRecentlyUsedProtectedOne() throws Exception {
    java.util.Set<SessionKey> protectedKeys = new java.util.HashSet<>();
    SessionCache cache = new SessionCache(3, 10, false, s -> protectedKeys.contains(s.key), stats);
    SessionKey p1 = key(1, 1);
    SessionKey p2 = key(2, 2);
    SessionKey u = key(3, 3);
    protectedKeys.add(p1);
    protectedKeys.add(p2);
    store(cache, p1);
    store(cache, p2);
    store(cache, u);
    cache.get(u); // the unprotected one is the most recently used, and still goes first
    store(cache, key(4, 4));
    assertNull(cache.get(u));
    assertNotNull(cache.get(p1));
    assertEquals(0, stats.protectedSessionsEvicted());
    // Only protected ones left besides the newest: p2 is now the least recently used.
    protectedKeys.add(key(4, 4));
    store(cache, key(5, 5));
    assertNull(cache.get(p2));
    assertEquals(1, stats.protectedSessionsEvicted());
    assertEquals(2, stats.sessionsEvicted());
  }

  @Test
  void perIpEvictionSparesProtectedSessionsOfThatIp() throws Exception {
    java.util.Set<SessionKey> protectedKeys = new java.util.HashSet<>();
    SessionCache cache = new SessionCache(100, 3, false, s -> protectedKeys.contains(s.key), stats);
    SessionKey member = key(1, 7);
    protectedKeys.add(member);
    store(cache, member);
    for (int i = 2; i < 50; i++) {
      store(cache, key(i, 7));
    }
    assertEquals(3, cache.sizeForIp(member.address().getAddress()));
    assertNotNull(cache.get(member));
    assertEquals(0, stats.protectedSessionsEvicted());
  }

  private void store(SessionCache cache, SessionKey key) {
    cache.store(key, aes(), aes(), null);
  }

  private SecretKeySpec aes() {
    byte[] k = new byte[16];
    random.nextBytes(k);
    return Crypto.aesKey(k, 0);
  }

  @Test
  void localAddressesAreExemptFromThePerIpBoundUnlessAsked() throws Exception {
    SessionCache exempt = new SessionCache(100, 3, false, stats);
    SessionCache limited = new SessionCache(100, 3, true, stats);
    InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    InetAddress lan = InetAddress.getByAddress(new byte[] {(byte) 192, (byte) 168, 1, 2});
    for (InetAddress ip : new InetAddress[] {loopback, lan}) {
      for (int i = 0; i < 6; i++) {
        store(exempt, key(i, ip));
        store(limited, key(i, ip));
      }
      assertEquals(6, exempt.sizeForIp(ip));
      assertEquals(3, limited.sizeForIp(ip));
    }
  }

  private SessionKey key(int node, int host) throws Exception {
    return key(node, InetAddress.getByAddress(new byte[] {(byte) 203, 0, 113, (byte) host}));
  }

  private SessionKey key(int node, InetAddress ip) {
    byte[] id = new byte[32];
    id[31] = (byte) node;
    return new SessionKey(NodeId.fromBytes(id), new InetSocketAddress(ip, 9000 + node));
  }
}
