package io.codex.dht.discv5.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.SignedPeerRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Floods against the provider store (security.md G1, G2 at PR-tier counts), each with a negative
 * control that switches the defence off and shows the attack then succeeds.
 */
class ProviderStoreAbuseTest {
  private static final long SEED = 0x5EED_0007L;
  private static final long T0 = 77_000L;

  private final Random random = new Random(SEED);

  /** No rate limit, so only the caps under test act. */
  private static ProviderStoreConfig unlimitedRate() {
    return ProviderStoreConfig.defaults().withAddRate(Double.POSITIVE_INFINITY, 1);
  }

  @Test
  void g1SybilFloodOnOneKeyKeepsTheFirstHonestProviders() {
    NodeId cid = TestRecords.randomKey(random);
    List<SignedPeerRecord> honest = TestRecords.records(random, 5);
    List<SignedPeerRecord> sybils = TestRecords.records(random, 1_000);
    InMemoryProviderStore store = new InMemoryProviderStore();
    long now = T0;
    for (SignedPeerRecord h : honest) {
      assertEquals(AddOutcome.STORED, store.add(cid, h, h.nodeId(), now));
    }
    // 1,000 sybil providers, each its own sender, announce 10 times over a few hours: 10,000 adds.
    for (int round = 0; round < 10; round++) {
      now += 20 * 60_000L;
      for (SignedPeerRecord s : sybils) {
        AddOutcome outcome = store.add(cid, s, s.nodeId(), now);
        assertTrue(outcome.accepted() || outcome == AddOutcome.KEY_FULL, outcome.name());
      }
      // The honest providers re-announce and are still refreshable.
      for (SignedPeerRecord h : honest) {
        assertEquals(AddOutcome.REFRESHED, store.add(cid, h, h.nodeId(), now));
      }
    }
    List<SignedPeerRecord> got = store.get(cid, 1_000, now);
    assertEquals(20, got.size());
    assertEquals(honest, got.subList(0, 5));
    assertEquals(20, store.size());
    // Refusals: 985 per round, the 15 admitted sybils refresh.
    assertEquals(10 * 985, store.addCount(AddOutcome.KEY_FULL));
    assertEquals(20, store.addCount(AddOutcome.STORED));

    // Negative control: without the per-key cap the sybils take the key.
    InMemoryProviderStore open =
        new InMemoryProviderStore(ProviderStoreConfig.defaults().withMaxProvidersPerKey(10_000));
    for (SignedPeerRecord h : honest) {
      open.add(cid, h, h.nodeId(), T0);
    }
    for (SignedPeerRecord s : sybils) {
      open.add(cid, s, s.nodeId(), T0);
    }
    assertEquals(1_005, open.get(cid, 10_000, T0).size());
  }

  @Test
  void g1ExpiredProvidersFreeTheirSlots() {
    NodeId cid = TestRecords.randomKey(random);
    List<SignedPeerRecord> first = TestRecords.records(random, 20);
    List<SignedPeerRecord> later = TestRecords.records(random, 5);
    InMemoryProviderStore store = new InMemoryProviderStore();
    for (SignedPeerRecord r : first) {
      store.add(cid, r, r.nodeId(), T0);
    }
    SignedPeerRecord newcomer = later.get(0);
    assertEquals(AddOutcome.KEY_FULL, store.add(cid, newcomer, newcomer.nodeId(), T0 + 1));
    long afterTtl = T0 + ProviderStoreConfig.DEFAULT_TTL.toMillis();
    for (SignedPeerRecord r : later) {
      assertEquals(AddOutcome.STORED, store.add(cid, r, r.nodeId(), afterTtl));
    }
    assertEquals(later, store.get(cid, 20, afterTtl));
  }

  @Test
  void g2RandomKeyFloodStaysUnderTheRecordCap() {
    // 120,000 adds of random keys from 1,000 sybil senders (records reused: memory is not the
    // point here, the count is). The default cap is 100,000 records.
    List<SignedPeerRecord> pool = TestRecords.records(random, 50);
    InMemoryProviderStore store = new InMemoryProviderStore(unlimitedRate());
    NodeId[] senders = new NodeId[1_000];
    for (int i = 0; i < senders.length; i++) {
      senders[i] = TestRecords.randomKey(random);
    }
    for (int i = 0; i < 120_000; i++) {
      SignedPeerRecord r = pool.get(random.nextInt(pool.size()));
      store.add(TestRecords.randomKey(random), r, senders[i % senders.length], T0 + i);
    }
    assertEquals(ProviderStoreConfig.DEFAULT_MAX_RECORDS, store.size());
    assertEquals(20_000, store.addCount(AddOutcome.STORE_FULL));
    assertTrue(store.bytes() <= ProviderStoreConfig.DEFAULT_MAX_BYTES);
  }

  @Test
  void g2FloodStaysUnderTheByteCap() {
    List<SignedPeerRecord> pool = TestRecords.records(random, 20);
    long cap = 256L << 10;
    InMemoryProviderStore store =
        new InMemoryProviderStore(unlimitedRate().withCapacity(1_000_000, cap));
    long bytesStored = 0;
    for (int i = 0; i < 20_000; i++) {
      SignedPeerRecord r = pool.get(random.nextInt(pool.size()));
      AddOutcome outcome = store.add(TestRecords.randomKey(random), r, r.nodeId(), T0);
      if (outcome == AddOutcome.STORED) {
        bytesStored += r.size();
      }
      assertTrue(store.bytes() <= cap);
    }
    assertEquals(bytesStored, store.bytes());
    assertTrue(store.bytes() > cap - 1024, "the cap, not something else, stopped the flood");
    assertTrue(store.addCount(AddOutcome.STORE_FULL) > 0);

    // Negative control: with a large byte cap the same flood is stored in full.
    InMemoryProviderStore open =
        new InMemoryProviderStore(unlimitedRate().withCapacity(1_000_000, 1L << 30));
    for (int i = 0; i < 20_000; i++) {
      SignedPeerRecord r = pool.get(random.nextInt(pool.size()));
      open.add(TestRecords.randomKey(random), r, r.nodeId(), T0);
    }
    assertEquals(20_000, open.size());
    assertTrue(open.bytes() > cap);
  }

  @Test
  void rateLimitRefusesABurstFromOneSenderButNotFromMany() {
    SignedPeerRecord r = TestRecords.record(io.codex.dht.spr.PrivateKey.generate(random), 1);
    NodeId sender = r.nodeId();
    InMemoryProviderStore store = new InMemoryProviderStore();
    int accepted = 0;
    for (int i = 0; i < 1_000; i++) {
      if (store.add(TestRecords.randomKey(random), r, sender, T0).accepted()) {
        accepted++;
      }
    }
    assertEquals(ProviderStoreConfig.DEFAULT_ADD_BURST, accepted);
    assertEquals(1_000 - accepted, store.addCount(AddOutcome.RATE_LIMITED));
    // After 10 s of monotonic time the bucket holds 100 tokens again, capped at the burst of 50.
    accepted = 0;
    for (int i = 0; i < 1_000; i++) {
      if (store.add(TestRecords.randomKey(random), r, sender, T0 + 10_000).accepted()) {
        accepted++;
      }
    }
    assertEquals(ProviderStoreConfig.DEFAULT_ADD_BURST, accepted);
    // Sustained: one add every 50 ms for 60 s offers 20/s, of which about 10/s are accepted.
    accepted = 0;
    long start = T0 + 1_000_000;
    for (int i = 0; i < 1_200; i++) {
      if (store.add(TestRecords.randomKey(random), r, sender, start + 50L * i).accepted()) {
        accepted++;
      }
    }
    assertTrue(accepted >= 600 && accepted <= 600 + 50 + 1, "accepted " + accepted);

    // Many senders, one add each at the same instant: none is limited.
    InMemoryProviderStore fresh = new InMemoryProviderStore();
    for (int i = 0; i < 1_000; i++) {
      NodeId other = TestRecords.randomKey(random);
      assertEquals(
          AddOutcome.STORED, fresh.add(TestRecords.randomKey(random), r, other, T0), "" + i);
    }

    // Negative control: without the limit, one sender's burst is stored in full.
    InMemoryProviderStore open = new InMemoryProviderStore(unlimitedRate());
    for (int i = 0; i < 1_000; i++) {
      assertEquals(AddOutcome.STORED, open.add(TestRecords.randomKey(random), r, sender, T0));
    }
  }

  @Test
  void rateLimitIsNotResetByTimeGoingBackwards() {
    SenderRateLimiter<NodeId> limiter = new SenderRateLimiter<>(10, 5, 100);
    NodeId sender = TestRecords.randomKey(random);
    for (int i = 0; i < 5; i++) {
      assertTrue(limiter.tryAcquire(sender, 1_000_000));
    }
    assertTrue(!limiter.tryAcquire(sender, 1_000_000));
    // A step back (as a wall-clock jump would be, were wall time used) adds nothing.
    assertTrue(!limiter.tryAcquire(sender, 1_000_000 - 86_400_000L));
    assertTrue(!limiter.tryAcquire(sender, 1_000_050));
    assertTrue(limiter.tryAcquire(sender, 1_000_100));
  }

  @Test
  void rateLimiterStateIsBounded() {
    SignedPeerRecord r = TestRecords.record(io.codex.dht.spr.PrivateKey.generate(random), 1);
    InMemoryProviderStore store =
        new InMemoryProviderStore(ProviderStoreConfig.defaults().withCapacity(1_000, 1L << 20));
    Set<NodeId> senders = new HashSet<>();
    for (int i = 0; i < 50_000; i++) {
      NodeId sender = TestRecords.randomKey(random);
      senders.add(sender);
      store.add(TestRecords.randomKey(random), r, sender, T0 + i);
      assertTrue(store.trackedSenders() <= ProviderStoreConfig.DEFAULT_MAX_TRACKED_SENDERS);
    }
    assertEquals(50_000, senders.size());
    assertEquals(ProviderStoreConfig.DEFAULT_MAX_TRACKED_SENDERS, store.trackedSenders());

    // Negative control: a limiter sized for all of them keeps all of them.
    SenderRateLimiter<NodeId> big = new SenderRateLimiter<>(10, 50, 100_000);
    for (NodeId s : senders) {
      big.tryAcquire(s, T0);
    }
    assertEquals(50_000, big.trackedSenders());
  }
}
