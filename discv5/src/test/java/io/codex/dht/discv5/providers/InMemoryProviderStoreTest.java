package io.codex.dht.discv5.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Add, get, refresh, seq and remove rules of the in-memory provider store. */
class InMemoryProviderStoreTest {
  private static final long HOUR = 3_600_000L;
  private static final long TTL = 24 * HOUR;
  private static final long T0 = 5_000_000L; // an arbitrary monotonic origin

  private final Random random = new Random(11);
  private final NodeId key = TestRecords.randomKey(random);
  private final NodeId sender = TestRecords.randomKey(random);
  private final PrivateKey aliceKey = PrivateKey.generate(random);
  private final PrivateKey bobKey = PrivateKey.generate(random);
  private final InMemoryProviderStore store = new InMemoryProviderStore();

  @Test
  void storesProvidersAndReturnsThemOldestFirst() {
    SignedPeerRecord alice = TestRecords.record(aliceKey, 1);
    SignedPeerRecord bob = TestRecords.record(bobKey, 1);
    assertEquals(AddOutcome.STORED, store.add(key, alice, sender, T0));
    assertEquals(AddOutcome.STORED, store.add(key, bob, sender, T0 + 1));
    assertEquals(List.of(alice, bob), store.get(key, 20, T0 + 2));
    assertEquals(List.of(alice), store.get(key, 1, T0 + 2));
    assertEquals(List.of(), store.get(key, 0, T0 + 2));
    assertEquals(List.of(), store.get(TestRecords.randomKey(random), 20, T0 + 2));
    assertEquals(2, store.size());
    assertEquals(1, store.keyCount());
    assertEquals((long) alice.size() + bob.size(), store.bytes());
    // A refresh does not reorder.
    store.add(key, alice, sender, T0 + 3);
    assertEquals(List.of(alice, bob), store.get(key, 20, T0 + 4));
    assertThrows(IllegalArgumentException.class, () -> store.get(key, -1, T0));
  }

  @Test
  void equalSeqRefreshesTheExpiryAndKeepsTheRecord() {
    SignedPeerRecord alice = TestRecords.record(aliceKey, 5);
    SignedPeerRecord sameSeqOtherAddresses = TestRecords.record(aliceKey, 5, 2);
    store.add(key, alice, sender, T0);
    assertEquals(
        AddOutcome.REFRESHED, store.add(key, sameSeqOtherAddresses, sender, T0 + 10 * HOUR));
    // Past the first add's expiry, inside the refreshed one.
    assertEquals(List.of(alice), store.get(key, 20, T0 + TTL + HOUR));
    assertEquals(List.of(), store.get(key, 20, T0 + 10 * HOUR + TTL));
  }

  @Test
  void higherSeqReplacesTheRecordAndItsBytes() {
    SignedPeerRecord old = TestRecords.record(aliceKey, 5);
    SignedPeerRecord newer = TestRecords.record(aliceKey, 6, 3);
    store.add(key, old, sender, T0);
    assertEquals(AddOutcome.UPDATED, store.add(key, newer, sender, T0 + HOUR));
    List<SignedPeerRecord> got = store.get(key, 20, T0 + TTL + 1);
    assertEquals(1, got.size());
    assertSame(newer, got.get(0));
    assertEquals(newer.size(), store.bytes());
    assertEquals(1, store.size());
  }

  @Test
  void lowerSeqIsRefusedAndRefreshesNothing() {
    SignedPeerRecord current = TestRecords.record(aliceKey, 7);
    SignedPeerRecord replayed = TestRecords.record(aliceKey, 6);
    store.add(key, current, sender, T0);
    assertEquals(AddOutcome.STALE, store.add(key, replayed, sender, T0 + 10 * HOUR));
    assertEquals(List.of(current), store.get(key, 20, T0 + TTL - 1));
    // Expires on the original schedule: the replay did not extend it.
    assertEquals(List.of(), store.get(key, 20, T0 + TTL));
  }

  @Test
  void sameRecordUnderManyKeysCountsOncePerKey() {
    SignedPeerRecord alice = TestRecords.record(aliceKey, 1);
    for (int i = 0; i < 10; i++) {
      assertEquals(
          AddOutcome.STORED, store.add(TestRecords.randomKey(random), alice, sender, T0 + i));
    }
    assertEquals(10, store.size());
    assertEquals(10, store.keyCount());
    assertEquals(10L * alice.size(), store.bytes());
  }

  @Test
  void newerRecordThatBreaksTheByteCapStillRefreshes() {
    SignedPeerRecord small = TestRecords.record(aliceKey, 1);
    SignedPeerRecord big = TestRecords.record(aliceKey, 2, 16);
    long delta = big.size() - small.size();
    assertTrue(delta > 0);
    // k small entries fill the budget to within delta - 1 bytes: the bigger record cannot fit.
    int k = (1024 + small.size() - 1) / small.size();
    long cap = (long) k * small.size() + delta - 1;
    InMemoryProviderStore tight =
        new InMemoryProviderStore(ProviderStoreConfig.defaults().withCapacity(1000, cap));
    tight.add(key, small, sender, T0);
    for (int i = 1; i < k; i++) {
      assertEquals(AddOutcome.STORED, tight.add(TestRecords.randomKey(random), small, sender, T0));
    }
    assertEquals(AddOutcome.REFRESHED, tight.add(key, big, sender, T0 + HOUR));
    assertEquals(List.of(small), tight.get(key, 20, T0 + TTL + 1));
    assertEquals(k, tight.size());
    assertEquals((long) k * small.size(), tight.bytes());
  }

  @Test
  void removeDropsOneProviderOfOneKey() {
    SignedPeerRecord alice = TestRecords.record(aliceKey, 1);
    SignedPeerRecord bob = TestRecords.record(bobKey, 1);
    NodeId other = TestRecords.randomKey(random);
    store.add(key, alice, sender, T0);
    store.add(key, bob, sender, T0);
    store.add(other, alice, sender, T0);
    assertTrue(store.remove(key, alice.peerId()));
    assertFalse(store.remove(key, alice.peerId()));
    assertEquals(List.of(bob), store.get(key, 20, T0));
    assertEquals(List.of(alice), store.get(other, 20, T0));
    assertTrue(store.remove(key, bob.peerId()));
    assertEquals(1, store.keyCount());
    assertEquals(1, store.size());
    assertEquals(alice.size(), store.bytes());
    // A removed provider is a newcomer again.
    assertEquals(AddOutcome.STORED, store.add(key, bob, sender, T0 + 1));
  }

  @Test
  void countersCountEveryOutcome() {
    SignedPeerRecord alice = TestRecords.record(aliceKey, 2);
    store.add(key, alice, sender, T0);
    store.add(key, alice, sender, T0);
    store.add(key, TestRecords.record(aliceKey, 3), sender, T0);
    store.add(key, TestRecords.record(aliceKey, 1), sender, T0);
    assertEquals(1, store.addCount(AddOutcome.STORED));
    assertEquals(1, store.addCount(AddOutcome.REFRESHED));
    assertEquals(1, store.addCount(AddOutcome.UPDATED));
    assertEquals(1, store.addCount(AddOutcome.STALE));
    assertEquals(0, store.addCount(AddOutcome.KEY_FULL));
    assertEquals(0, store.expiredCount());
    store.expire(T0 + TTL);
    assertEquals(1, store.expiredCount());
    for (AddOutcome o : AddOutcome.values()) {
      assertEquals(
          o == AddOutcome.STORED || o == AddOutcome.REFRESHED || o == AddOutcome.UPDATED,
          o.accepted(),
          o.name());
    }
  }

  @Test
  void configRejectsNonsense() {
    ProviderStoreConfig d = ProviderStoreConfig.defaults();
    assertThrows(IllegalArgumentException.class, () -> d.withMaxProvidersPerKey(0));
    assertThrows(IllegalArgumentException.class, () -> d.withCapacity(0, 1 << 20));
    assertThrows(IllegalArgumentException.class, () -> d.withCapacity(10, 100));
    assertThrows(IllegalArgumentException.class, () -> d.withAddRate(0, 10));
    assertThrows(IllegalArgumentException.class, () -> d.withAddRate(Double.NaN, 10));
    assertThrows(IllegalArgumentException.class, () -> d.withAddRate(1, 0));
    assertThrows(IllegalArgumentException.class, () -> d.withMaxTrackedSenders(0));
    assertThrows(IllegalArgumentException.class, () -> d.withTtl(java.time.Duration.ofNanos(10)));
    assertEquals(20, d.maxProvidersPerKey());
    assertEquals(100_000, d.maxRecords());
    assertEquals(64L << 20, d.maxBytes());
    assertEquals(TTL, d.ttl().toMillis());
  }
}
