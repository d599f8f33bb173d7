package io.codex.dht.discv5.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.discv5.exec.SerialScheduler;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.SignedPeerRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** TTL expiry on the monotonic clock (security.md G3, G4), with a fake clock and timer. */
class ProviderStoreExpiryTest {
  private static final long SEED = 0x7711_E5L;
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final long TTL = ProviderStoreConfig.DEFAULT_TTL.toMillis();
  private static final long SWEEP_MILLIS = 30_000L;

  private final Random random = new Random(SEED);

  @Test
  void g3PresentJustBeforeTheTtlAndGoneAtIt() {
    SignedPeerRecord r = TestRecords.records(random, 1).get(0);
    NodeId key = TestRecords.randomKey(random);
    InMemoryProviderStore store = new InMemoryProviderStore();
    long t = -3 * DAY; // monotonic time may be negative; only differences matter
    store.add(key, r, r.nodeId(), t);
    assertEquals(List.of(r), store.get(key, 20, t + TTL - 1));
    assertEquals(0, store.expire(t + TTL - 1));
    // At the TTL: never returned, even before a sweep removes it.
    assertEquals(List.of(), store.get(key, 20, t + TTL));
    assertEquals(1, store.size());
    assertEquals(1, store.expire(t + TTL));
    assertEquals(0, store.size());
    assertEquals(0, store.bytes());
    assertEquals(0, store.keyCount());
    assertEquals(1, store.expiredCount());
  }

  @Test
  void g3ExpireRemovesExactlyTheExpiredEntries() {
    List<SignedPeerRecord> providers = TestRecords.records(random, 30);
    List<NodeId> keys = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      keys.add(TestRecords.randomKey(random));
    }
    InMemoryProviderStore store =
        new InMemoryProviderStore(
            ProviderStoreConfig.defaults().withAddRate(Double.POSITIVE_INFINITY, 1));
    Map<List<Object>, Long> model = new HashMap<>(); // (key, provider) -> expiry
    long now = 1_000_000L;
    long removedTotal = 0;
    for (int step = 0; step < 20_000; step++) {
      now += random.nextInt(20 * (int) MINUTE);
      if (random.nextInt(10) == 0) {
        int removed = store.expire(now);
        long finalNow = now;
        int expected = (int) model.values().stream().filter(e -> e <= finalNow).count();
        model.values().removeIf(e -> e <= finalNow);
        assertEquals(expected, removed, "step " + step);
        removedTotal += removed;
        assertEquals(model.size(), store.size(), "step " + step);
      } else {
        NodeId key = keys.get(random.nextInt(keys.size()));
        SignedPeerRecord r = providers.get(random.nextInt(providers.size()));
        AddOutcome outcome = store.add(key, r, r.nodeId(), now);
        // add sweeps first, like the model does here.
        long finalNow = now;
        removedTotal += model.values().stream().filter(e -> e <= finalNow).count();
        model.values().removeIf(e -> e <= finalNow);
        assertTrue(outcome == AddOutcome.STORED || outcome == AddOutcome.REFRESHED);
        model.put(List.of(key, r.nodeId()), now + TTL);
        assertEquals(model.size(), store.size(), "step " + step);
      }
    }
    assertEquals(removedTotal, store.expiredCount());
  }

  @Test
  void g3PeriodicSweepRemovesExpiredEntriesWithinAMinute() {
    List<SignedPeerRecord> providers = TestRecords.records(random, 10);
    FakeScheduler clock = new FakeScheduler(123_456_789L, 1_700_000_000_000L);
    InMemoryProviderStore store = new InMemoryProviderStore();
    // The node's wiring: a timer every 30 s calls expire with monotonic time.
    Runnable[] sweep = new Runnable[1];
    sweep[0] =
        () -> {
          store.expire(clock.nowMillis());
          clock.schedule(sweep[0], SWEEP_MILLIS);
        };
    clock.schedule(sweep[0], SWEEP_MILLIS);

    Map<List<Object>, Long> expiries = new HashMap<>();
    for (int minute = 0; minute < 60 * 60; minute++) { // 60 hours
      clock.advance(MINUTE - 7_000 + random.nextInt(14_000));
      long now = clock.nowMillis();
      if (minute < 30 * 60 && random.nextInt(3) == 0) {
        NodeId key = TestRecords.randomKey(random);
        SignedPeerRecord r = providers.get(random.nextInt(providers.size()));
        store.add(key, r, r.nodeId(), now);
        expiries.put(List.of(key, r.nodeId()), now + TTL);
      }
      long live = expiries.values().stream().filter(e -> e > now).count();
      long withinAMinute = expiries.values().stream().filter(e -> e > now - MINUTE).count();
      assertTrue(store.size() >= live, "a live entry was removed");
      assertTrue(store.size() <= withinAMinute, "an entry outlived its TTL by over a minute");
    }
    assertEquals(0, store.size());
    assertEquals(expiries.size(), store.expiredCount());
  }

  /**
   * G4: the same scenario run twice on a fake scheduler, once with wall-clock jumps of +1 day, -1
   * day and -1 year and once without, gives identical results, and no record lives past its TTL in
   * monotonic time. What this shows: driven by {@code NodeScheduler.nowMillis()}, as the node does,
   * the store is unaffected by the wall clock; that it cannot read the wall clock itself is shown
   * by {@link #storeCodeReadsNoClock}. The negative control drives the same store from the wall
   * clock and shows the jumps would then matter.
   */
  @Test
  void g4WallClockJumpsChangeNothing() {
    List<SignedPeerRecord> providers = TestRecords.records(random, 8);
    List<String> calm = runScenario(providers, false, false);
    List<String> jumpy = runScenario(providers, true, false);
    assertEquals(calm, jumpy);
    assertTrue(calm.contains("get=0"), "the scenario reaches expiry");
    assertFalse(calm.contains("outlived"));

    // Negative control: fed wall-clock time, the jumps change what the store does.
    List<String> wallDriven = runScenario(providers, true, true);
    assertNotEquals(calm, wallDriven);
    assertTrue(wallDriven.contains("outlived"), "the -1 year jump keeps records alive");
  }

  private static List<String> runScenario(
      List<SignedPeerRecord> providers, boolean jumps, boolean useWallClock) {
    FakeScheduler clock = new FakeScheduler(-5_000_000_000L, 1_700_000_000_000L);
    InMemoryProviderStore store = new InMemoryProviderStore();
    NodeId key = NodeId.keccakOf(new byte[] {1, 2, 3});
    List<String> trace = new ArrayList<>();
    long[] wallJumps = {DAY, -DAY, -365 * DAY};
    long firstAdd = clock.nowMillis();
    for (int hour = 0; hour < 60; hour++) {
      if (jumps && hour % 7 == 3) {
        clock.jumpWallClock(wallJumps[hour % wallJumps.length]);
      }
      long now = useWallClock ? clock.currentTimeMillis() : clock.nowMillis();
      if (hour < 6) {
        SignedPeerRecord r = providers.get(hour);
        trace.add("add=" + store.add(key, r, r.nodeId(), now));
      }
      if (hour == 20) {
        SignedPeerRecord r = providers.get(0); // re-announced once, 20 h after its first add
        trace.add("refresh=" + store.add(key, r, r.nodeId(), now));
      }
      trace.add("expired=" + store.expire(now));
      List<SignedPeerRecord> got = store.get(key, 20, now);
      trace.add("get=" + got.size());
      if (clock.nowMillis() - firstAdd >= 20 * HOUR + TTL && !got.isEmpty()) {
        trace.add("outlived"); // a record lived past its TTL in monotonic time
      }
      clock.advance(HOUR);
    }
    return trace;
  }

  @Test
  void timeGoingBackwardsCountsAsTheLatestTimeSeen() {
    SignedPeerRecord r = TestRecords.records(random, 1).get(0);
    NodeId key = TestRecords.randomKey(random);
    InMemoryProviderStore store = new InMemoryProviderStore();
    long t = 10 * DAY;
    store.add(key, r, r.nodeId(), t);
    // A refresh stamped a day earlier does not shorten the expiry.
    assertEquals(AddOutcome.REFRESHED, store.add(key, r, r.nodeId(), t - DAY));
    assertEquals(List.of(r), store.get(key, 20, t + TTL - 1));
    assertEquals(List.of(), store.get(key, 20, t + TTL));
    // Once seen expired, an earlier time does not bring it back.
    assertEquals(List.of(), store.get(key, 20, t));
  }

  /**
   * The store classes contain no call to a clock: the constant pools of their class files name
   * neither {@code currentTimeMillis}, {@code nanoTime}, {@code java/time/Clock}, {@code
   * java/time/Instant} nor the node scheduler, so time can only come in as arguments. A class that
   * does read the clock is scanned as a control.
   */
  @Test
  void storeCodeReadsNoClock() throws IOException {
    Class<?>[] classes = {
      InMemoryProviderStore.class,
      SenderRateLimiter.class,
      SubnetAddLimiter.class,
      ExpiryQueue.class,
      StoredProvider.class,
      ProviderStore.class,
    };
    String[] forbidden = {
      "currentTimeMillis", "nanoTime", "java/time/Clock", "java/time/Instant", "NodeScheduler"
    };
    for (Class<?> c : classes) {
      String pool = classFile(c);
      for (String f : forbidden) {
        assertFalse(pool.contains(f), c.getSimpleName() + " mentions " + f);
      }
    }
    // Control: the scan does see clock calls where there are some.
    assertTrue(classFile(SerialScheduler.class).contains("currentTimeMillis"));
  }

  private static String classFile(Class<?> c) throws IOException {
    String name = c.getSimpleName() + ".class";
    try (InputStream in = c.getResourceAsStream(name)) {
      assertTrue(in != null, name);
      byte[] bytes = in.readAllBytes();
      assertEquals(0xCAFEBABE, ByteBuffer.wrap(bytes).getInt(), name);
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }
}
