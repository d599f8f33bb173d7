package io.codex.dht.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.NodeId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FINDNODE answers, revalidation candidates and random samples. */
class TableQueriesTest {
  private final SplittableRandom random = new SplittableRandom(7);
  private NodeId local;
  private RoutingTable<TestRecord> table;
  private int ipCounter;

  @BeforeEach
  void setUp() {
    local = NodeId.random(random);
    table = new RoutingTable<>(local, TestRecord.VIEW, TableConfig.DEFAULT, random);
  }

  private List<TestRecord> addAt(int d, int count) {
    List<TestRecord> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      TestRecord r = TestRecord.atDistance(local, d, ipCounter++, random);
      assertEquals(AddResult.ADDED, table.add(r, false));
      table.onSuccess(r.id(), i);
      out.add(r);
    }
    return out;
  }

  private Map<Integer, Integer> histogram(List<TestRecord> rs) {
    Map<Integer, Integer> h = new HashMap<>();
    rs.forEach(r -> h.merge(local.logDistance(r.id()), 1, Integer::sum));
    return h;
  }

  @Test
  void atDistancesNeverMissesARequestedDistanceThatHasEntries() {
    addAt(256, 16);
    addAt(255, 16);
    addAt(254, 3);
    addAt(200, 1);
    List<TestRecord> out = table.atDistances(new int[] {256, 255, 254, 200}, 16, 1.0);
    Map<Integer, Integer> h = histogram(out);
    assertEquals(16, out.size());
    assertEquals(3, h.get(254));
    assertEquals(1, h.get(200));
    assertEquals(6, h.get(256));
    assertEquals(6, h.get(255));
    // grouped by distance in request order
    List<Integer> order = out.stream().map(r -> local.logDistance(r.id())).distinct().toList();
    assertEquals(List.of(256, 255, 254, 200), order);
  }

  @Test
  void atDistancesCoversSixteenDistinctDistances() {
    int[] ds = new int[16];
    for (int i = 0; i < 16; i++) {
      ds[i] = 256 - i;
      addAt(256 - i, 16);
    }
    List<TestRecord> out = table.atDistances(ds, 16, 1.0);
    Map<Integer, Integer> h = histogram(out);
    assertEquals(16, h.size());
    h.values().forEach(n -> assertEquals(1, n));
  }

  @Test
  void atDistancesIgnoresInvalidAndRepeatedDistancesAndHonoursSeen() {
    List<TestRecord> seen = addAt(256, 4);
    TestRecord unseen = TestRecord.atDistance(local, 256, ipCounter++, random);
    table.add(unseen, false);
    List<TestRecord> out = table.atDistances(new int[] {0, 257, -3, 256, 256, 1000}, 16, 1.0);
    assertEquals(new HashSet<>(seen), new HashSet<>(out));
    assertEquals(5, table.atDistances(new int[] {256}, 16, 0.0).size());
    assertEquals(2, table.atDistances(new int[] {256}, 2, 0.0).size());
    assertEquals(List.of(), table.atDistances(new int[] {255}, 16, 0.0));
    assertEquals(List.of(), table.atDistances(new int[] {}, 16, 0.0));
  }

  @Test
  void atDistancesListsTheMostRecentlySeenFirst() {
    List<TestRecord> rs = addAt(256, 5); // onSuccess in add order: the last is the freshest
    List<TestRecord> out = table.atDistances(new int[] {256}, 2, 1.0);
    assertEquals(List.of(rs.get(4), rs.get(3)), out);
  }

  @Test
  void revalidationPicksTheTailOfARandomNonEmptyBucket() {
    List<TestRecord> a = addAt(256, 3);
    List<TestRecord> b = addAt(100, 2);
    Map<TestRecord, Integer> counts = new HashMap<>();
    for (int i = 0; i < 2000; i++) {
      counts.merge(table.revalidationCandidate().orElseThrow(), 1, Integer::sum);
    }
    assertEquals(2, counts.size());
    assertTrue(counts.get(a.get(0)) > 800, "bucket 256 tail: " + counts);
    assertTrue(counts.get(b.get(0)) > 800, "bucket 100 tail: " + counts);
    RoutingTable<TestRecord> empty =
        new RoutingTable<>(local, TestRecord.VIEW, TableConfig.DEFAULT, random);
    assertEquals(Optional.empty(), empty.revalidationCandidate());
  }

  @Test
  void randomSampleIsDistinctFilteredAndUniform() {
    List<TestRecord> all = new ArrayList<>();
    for (int d = 256; d > 246; d--) {
      all.addAll(addAt(d, 10));
    }
    List<TestRecord> sample = table.randomSample(20, r -> true);
    assertEquals(20, sample.size());
    assertEquals(20, new HashSet<>(sample).size());
    List<TestRecord> even = table.randomSample(1000, r -> (r.id().hashCode() & 1) == 0);
    long expected = all.stream().filter(r -> (r.id().hashCode() & 1) == 0).count();
    assertEquals(expected, even.size());
    assertTrue(even.stream().allMatch(r -> (r.id().hashCode() & 1) == 0));
    Map<TestRecord, Integer> counts = new HashMap<>();
    for (int i = 0; i < 5000; i++) {
      table.randomSample(1, r -> true).forEach(r -> counts.merge(r, 1, Integer::sum));
    }
    assertEquals(100, counts.size());
    counts.values().forEach(n -> assertTrue(n > 20 && n < 90, "count " + n));
    assertEquals(List.of(), table.randomSample(0, r -> true));
  }
}
