package io.codex.dht.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.codex.dht.spr.NodeId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link RoutingTable#closest} against a brute-force sort of the table's live entries. */
class ClosestTest {
  private static List<TestRecord> bruteForce(
      RoutingTable<TestRecord> table, NodeId target, int n, double minSeen) {
    return bruteForce(table.entries(), target, n, minSeen);
  }

  /** Sorts every entry by XOR distance to the target: the obviously correct answer. */
  private static List<TestRecord> bruteForce(
      List<TableEntry<TestRecord>> entries, NodeId target, int n, double minSeen) {
    return entries.stream()
        .filter(e -> e.seen() >= minSeen)
        .map(TableEntry::record)
        .sorted(Comparator.comparing(TestRecord::id, target::compareDistance))
        .limit(n)
        .collect(Collectors.toList());
  }

  /**
   * Offers 100,000 random ids (half uniform, half at uniformly random log distances, so every
   * bucket fills), marks about 60 % of the entries seen, then checks closest(target, n[, 1.0])
   * against the brute-force answer for targets far, near, inside the table and equal to the local
   * id.
   */
  @Test
  void closestEqualsBruteForceOverTheTableOf100000RandomIds() {
    SplittableRandom random = new SplittableRandom(2024);
    NodeId local = NodeId.random(random);
    RoutingTable<TestRecord> table =
        new RoutingTable<>(
            local, TestRecord.VIEW, TableConfig.DEFAULT.withIpLimitsEnabled(false), random);
    for (int i = 0; i < 100_000; i++) {
      NodeId id =
          (i & 1) == 0
              ? NodeId.random(random)
              : local.randomAtDistance(1 + random.nextInt(256), random);
      table.add(new TestRecord(id, 1, TestRecord.uniqueIp(i)), false);
    }
    int capacity = 0;
    for (int d = 1; d <= 256; d++) {
      capacity += d <= 5 ? 1 << (d - 1) : 16; // bucket d holds at most 2^(d-1) distinct ids
    }
    assertEquals(capacity, table.size(), "every bucket is full");
    List<TestRecord> members = new ArrayList<>();
    table.entries().forEach(e -> members.add(e.record()));
    for (TestRecord r : members) {
      if (random.nextInt(10) < 6) {
        table.onSuccess(r.id(), 1);
      }
    }
    List<TableEntry<TestRecord>> snapshot = table.entries();
    int[] sizes = {1, 3, 16, 17, 50};
    for (int q = 0; q < 2_000; q++) {
      NodeId target =
          switch (q % 4) {
            case 0 -> NodeId.random(random);
            case 1 -> local.randomAtDistance(1 + random.nextInt(256), random);
            case 2 -> members.get(random.nextInt(members.size())).id();
            default -> local;
          };
      int n = sizes[q % sizes.length];
      double minSeen = (q & 1) == 0 ? Double.NEGATIVE_INFINITY : 1.0;
      assertEquals(
          bruteForce(snapshot, target, n, minSeen),
          table.closest(target, n, minSeen),
          "query " + q + " n=" + n + " minSeen=" + minSeen);
    }
  }

  @Test
  void closestOnSparseTablesAndLargeN() {
    SplittableRandom random = new SplittableRandom(5);
    NodeId local = NodeId.random(random);
    RoutingTable<TestRecord> table =
        new RoutingTable<>(local, TestRecord.VIEW, TableConfig.DEFAULT, random);
    assertEquals(List.of(), table.closest(local, 16));
    for (int i = 0; i < 40; i++) {
      table.add(TestRecord.atDistance(local, 1 + random.nextInt(256), i, random), false);
    }
    for (int q = 0; q < 500; q++) {
      NodeId target =
          q % 2 == 0 ? NodeId.random(random) : local.randomAtDistance(1 + q % 256, random);
      assertEquals(bruteForce(table, target, 1000, 0), table.closest(target, 1000));
      assertEquals(bruteForce(table, target, 5, 0), table.closest(target, 5));
    }
  }
}
