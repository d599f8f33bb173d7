package io.codex.dht.discv5.store;

import static io.codex.dht.discv5.store.StoreTestData.WALL_START;
import static io.codex.dht.discv5.store.StoreTestData.dhtKey;
import static io.codex.dht.discv5.store.StoreTestData.key;
import static io.codex.dht.discv5.store.StoreTestData.options;
import static io.codex.dht.discv5.store.StoreTestData.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.discv5.providers.AddOutcome;
import io.codex.dht.discv5.providers.InMemoryProviderStore;
import io.codex.dht.discv5.providers.ProviderStoreConfig;
import io.codex.dht.discv5.store.PersistentProviderStore.Slot;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.SignedPeerRecord;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provider records across restarts: same outcomes as in memory, and lifetimes that never grow. */
class PersistentProviderStoreTest {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final ProviderStoreConfig CONFIG =
      ProviderStoreConfig.defaults().withTtl(Duration.ofHours(1));
  private static final NodeId KEY = dhtKey("key");

  @TempDir Path dir;

  private final AtomicLong wall = new AtomicLong(WALL_START);
  private final SignedPeerRecord r1 = record(key(101), 1);

  @Test
  void outcomesAndResultsMatchTheInMemoryStoreAndSurviveAReopen() throws Exception {
    ProviderStoreConfig small =
        CONFIG.withMaxProvidersPerKey(3).withCapacity(12, 1 << 20).withAddRate(0.002, 2);
    Random random = new Random(7);
    List<List<SignedPeerRecord>> versions = new ArrayList<>();
    for (int p = 0; p < 10; p++) {
      versions.add(List.of(record(key(200 + p), 1), record(key(200 + p), 2)));
    }
    List<NodeId> keys = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      keys.add(dhtKey("k" + k));
    }
    InMemoryProviderStore reference = new InMemoryProviderStore(small);
    long start = -5 * DAY; // monotonic time may be negative; only differences count
    long now = start;
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      PersistentProviderStore persistent = store.providerStore(small, now);
      for (int step = 0; step < 1500; step++) {
        now += random.nextInt((int) MINUTE / 3);
        wall.set(WALL_START + now - start);
        NodeId key = keys.get(random.nextInt(keys.size()));
        SignedPeerRecord r = versions.get(random.nextInt(10)).get(random.nextInt(2));
        int op = random.nextInt(20);
        if (op < 12) {
          NodeId sender = keys.get(random.nextInt(keys.size()));
          assertEquals(reference.add(key, r, sender, now), persistent.add(key, r, sender, now));
        } else if (op < 15) {
          assertEquals(reference.get(key, 20, now), persistent.get(key, 20, now));
        } else if (op < 17) {
          assertEquals(reference.remove(key, r.peerId()), persistent.remove(key, r.peerId()));
        } else {
          assertEquals(reference.expire(now), persistent.expire(now));
        }
        assertEquals(reference.size(), persistent.size());
        assertEquals(reference.bytes(), persistent.bytes());
        assertEquals(reference.keyCount(), persistent.keyCount());
        assertEquals(reference.size(), persistent.persistedEntries());
      }
      for (AddOutcome o : AddOutcome.values()) {
        assertEquals(reference.addCount(o), persistent.addCount(o), o.name());
      }
      assertEquals(reference.expiredCount(), persistent.expiredCount());
      for (AddOutcome o : AddOutcome.values()) {
        assertTrue(reference.addCount(o) > 0, "the workload reaches " + o);
      }
      assertTrue(reference.expiredCount() > 0);
    }
    long later = now + 123_456_789; // a new process, another monotonic origin
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      PersistentProviderStore reopened = store.providerStore(small, later);
      assertEquals(reference.size(), reopened.size());
      assertEquals(reference.bytes(), reopened.bytes());
      for (NodeId key : keys) {
        assertEquals(
            new HashSet<>(reference.get(key, 20, now)),
            new HashSet<>(reopened.get(key, 20, later)));
      }
      assertEquals(0, reopened.addCount(AddOutcome.STORED)); // the load is not counted
    }
  }

  /** How the wall clock moves while the node is down, and when the entry must then expire. */
  private record Downtime(String name, long wallStep, long expiresAfterRestart) {}

  @Test
  void remainingLifetimeSurvivesARestartAndNoWallClockJumpStretchesIt() throws Exception {
    List<Downtime> cases =
        List.of(
            new Downtime("instant restart", 0, 40 * MINUTE),
            new Downtime("down 15 minutes", 15 * MINUTE, 25 * MINUTE),
            new Downtime("clock stepped back 10 days", -10 * DAY, 40 * MINUTE),
            new Downtime("clock stepped forward 2 days", 2 * DAY, 0));
    for (Downtime c : cases) {
      Path d = dir.resolve(c.name.replace(' ', '-'));
      wall.set(WALL_START);
      saveOneEntryWith40MinutesLeft(d);
      wall.addAndGet(c.wallStep);
      long base = 987_654_321L; // a new process, another monotonic origin
      try (NodeStore store = NodeStore.open(d, options(wall))) {
        PersistentProviderStore p = store.providerStore(CONFIG, base);
        if (c.expiresAfterRestart == 0) {
          assertEquals(List.of(), p.get(KEY, 20, base), c.name);
          assertEquals(1, p.loadReport().expired(), c.name);
          assertEquals(0, p.persistedEntries(), c.name);
          continue;
        }
        long expiry = base + c.expiresAfterRestart;
        assertEquals(List.of(r1), p.get(KEY, 20, expiry - 1), c.name);
        assertEquals(List.of(), p.get(KEY, 20, expiry), c.name);
        assertEquals(1, p.expire(expiry), c.name);
        assertEquals(0, p.persistedEntries(), c.name);
      }
    }
  }

  @Test
  void aWallClockJumpWhileRunningChangesNothingAfterARestart() throws Exception {
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      PersistentProviderStore p = store.providerStore(CONFIG, 0);
      assertEquals(AddOutcome.STORED, p.add(KEY, r1, r1.nodeId(), 0));
      wall.addAndGet(-3 * DAY + 20 * MINUTE); // stepped back while running; 20 min pass
      p.commit();
      p.expire(20 * MINUTE);
    }
    wall.addAndGet(5 * MINUTE); // down 5 minutes, measured on the stepped clock
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      PersistentProviderStore p = store.providerStore(CONFIG, 0);
      assertEquals(List.of(r1), p.get(KEY, 20, 35 * MINUTE - 1));
      assertEquals(List.of(), p.get(KEY, 20, 35 * MINUTE));
    }
  }

  @Test
  void refreshesAndUpdatesArePersisted() throws Exception {
    SignedPeerRecord r1v2 = record(key(101), 2);
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      PersistentProviderStore p = store.providerStore(CONFIG, 0);
      assertEquals(AddOutcome.STORED, p.add(KEY, r1, r1.nodeId(), 0));
      assertEquals(AddOutcome.REFRESHED, p.add(KEY, r1, r1.nodeId(), 30 * MINUTE));
      assertEquals(AddOutcome.UPDATED, p.add(KEY, r1v2, r1.nodeId(), 31 * MINUTE));
      assertEquals(AddOutcome.STALE, p.add(KEY, r1, r1.nodeId(), 50 * MINUTE));
      wall.addAndGet(50 * MINUTE);
      p.commit();
    }
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      PersistentProviderStore p = store.providerStore(CONFIG, 0);
      // Updated at 31 min, saved at 50 min: 41 minutes left.
      assertEquals(List.of(r1v2), p.get(KEY, 20, 41 * MINUTE - 1));
      assertEquals(List.of(), p.get(KEY, 20, 41 * MINUTE));
    }
  }

  @Test
  void removalsAndExpiriesAreDeletedFromDisk() throws Exception {
    SignedPeerRecord r2 = record(key(102), 1);
    SignedPeerRecord r3 = record(key(103), 1);
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      PersistentProviderStore p = store.providerStore(CONFIG, 0);
      p.add(KEY, r1, r1.nodeId(), 0);
      p.add(KEY, r2, r2.nodeId(), 0);
      p.add(dhtKey("other"), r3, r3.nodeId(), 10 * MINUTE);
      assertEquals(3, p.persistedEntries());
      assertTrue(p.remove(KEY, r2.peerId()));
      assertFalse(p.remove(KEY, r2.peerId()));
      assertEquals(2, p.persistedEntries());
      assertEquals(1, p.expire(HOUR));
      assertEquals(1, p.persistedEntries());
    }
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      PersistentProviderStore p = store.providerStore(CONFIG, 0);
      assertEquals(1, p.size());
      assertEquals(List.of(r3), p.get(dhtKey("other"), 20, 0));
    }
  }

  @Test
  void corruptEntriesAreSkippedCountedAndLeftOnDisk() throws Exception {
    SignedPeerRecord r2 = record(key(102), 1);
    SignedPeerRecord r3 = record(key(103), 1);
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      PersistentProviderStore p = store.providerStore(CONFIG, 0);
      p.add(KEY, r1, r1.nodeId(), 0);
      p.add(dhtKey("k2"), r2, r2.nodeId(), 0);
    }
    byte[] tampered = r3.encoded();
    tampered[tampered.length - 1] ^= 1;
    NodeId k3 = dhtKey("k3");
    StoreTestData.editRaw(
        dir,
        maps -> {
          var map = maps.open(NodeStore.PROVIDERS);
          byte[] junkKey = new byte[64];
          new Random(3).nextBytes(junkKey);
          map.put(junkKey, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
          // A valid record stored under another provider's slot.
          map.put(ProviderEntries.slotBytes(new Slot(k3, r2.nodeId())), value(r3.encoded()));
          map.put(ProviderEntries.slotBytes(new Slot(k3, r3.nodeId())), value(tampered));
          map.put(ProviderEntries.slotBytes(new Slot(k3, r1.nodeId())), new byte[8]);
          map.put(new byte[] {1, 2}, value(r1.encoded()));
        });
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      PersistentProviderStore p = store.providerStore(CONFIG, 0);
      assertEquals(new LoadReport(LoadReport.Part.PROVIDERS, 2, 5, 0, 0), p.loadReport());
      assertEquals(List.of(r1), p.get(KEY, 20, 0));
      assertEquals(List.of(r2), p.get(dhtKey("k2"), 20, 0));
      assertEquals(List.of(), p.get(k3, 20, 0));
      assertEquals(7, p.persistedEntries());
    }
  }

  @Test
  void aDamagedExpiryOrClockRecordNeverGivesMoreThanTheTtl() throws Exception {
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      store.providerStore(CONFIG, 0).add(KEY, r1, r1.nodeId(), 0);
    }
    StoreTestData.editRaw(
        dir,
        maps -> {
          var map = maps.open(NodeStore.PROVIDERS);
          long clock = ByteBuffer.wrap(map.get(ProviderEntries.STAMP_KEY)).getLong();
          map.put(
              ProviderEntries.slotBytes(new Slot(KEY, r1.nodeId())),
              ProviderEntries.value(clock + 10 * DAY, r1));
        });
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      PersistentProviderStore p = store.providerStore(CONFIG, 0);
      assertEquals(List.of(r1), p.get(KEY, 20, HOUR - 1));
      assertEquals(List.of(), p.get(KEY, 20, HOUR));
    }
    // The clamped expiry was written back; now damage the clock record instead.
    StoreTestData.editRaw(
        dir, maps -> maps.open(NodeStore.PROVIDERS).put(ProviderEntries.STAMP_KEY, new byte[3]));
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      PersistentProviderStore p = store.providerStore(CONFIG, 0);
      assertEquals(1, p.loadReport().corrupt());
      assertEquals(List.of(r1), p.get(KEY, 20, HOUR - 1));
      assertEquals(List.of(), p.get(KEY, 20, HOUR));
    }
  }

  @Test
  void aLoweredCapDropsTheEntriesThatExpireLastOnLoad() throws Exception {
    List<SignedPeerRecord> records = new ArrayList<>();
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      PersistentProviderStore p = store.providerStore(CONFIG, 0);
      for (int i = 0; i < 5; i++) {
        records.add(record(key(300 + i), 1));
        p.add(KEY, records.get(i), records.get(i).nodeId(), i * MINUTE);
      }
    }
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      PersistentProviderStore p = store.providerStore(CONFIG.withMaxProvidersPerKey(3), 0);
      assertEquals(new LoadReport(LoadReport.Part.PROVIDERS, 3, 0, 0, 2), p.loadReport());
      assertEquals(records.subList(0, 3), p.get(KEY, 20, 0));
      assertEquals(3, p.persistedEntries());
    }
  }

  @Test
  void loadingIsNotRateLimitedNorCountedAsAdds() throws Exception {
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      PersistentProviderStore p = store.providerStore(ProviderStoreConfig.defaults(), 0);
      for (int i = 0; i < 120; i++) {
        assertEquals(AddOutcome.STORED, p.add(dhtKey("k" + i), r1, dhtKey("s" + i), 0));
      }
    }
    try (NodeStore store = NodeStore.open(dir, options(wall))) {
      PersistentProviderStore p = store.providerStore(ProviderStoreConfig.defaults(), 0);
      assertEquals(120, p.size());
      assertEquals(0, p.addCount(AddOutcome.STORED));
      assertEquals(AddOutcome.REFRESHED, p.add(dhtKey("k0"), r1, r1.nodeId(), 1));
      assertEquals(1, p.addCount(AddOutcome.REFRESHED));
    }
  }

  private void saveOneEntryWith40MinutesLeft(Path d) throws Exception {
    try (NodeStore store = NodeStore.open(d, options(wall))) {
      PersistentProviderStore p = store.providerStore(CONFIG, 1_000);
      assertEquals(AddOutcome.STORED, p.add(KEY, r1, r1.nodeId(), 1_000));
      wall.addAndGet(20 * MINUTE); // the wall clock runs with the monotonic one
      p.expire(1_000 + 20 * MINUTE);
    }
  }

  private static byte[] value(byte[] record) {
    return ByteBuffer.allocate(8 + record.length).putLong(0).put(record).array();
  }
}
