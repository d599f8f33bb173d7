package io.codex.dht.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviour of {@link RoutingTable}: adding, records, liveness, removal, bootstrap, inbound. */
class RoutingTableTest {
  private final SplittableRandom random = new SplittableRandom(42);
  private NodeId local;
  private RoutingTable<TestRecord> table;
  private int ipCounter;

  @BeforeEach
  void setUp() {
    local = NodeId.random(random);
    table = new RoutingTable<>(local, TestRecord.VIEW, TableConfig.DEFAULT, random);
  }

  private TestRecord at(int d) {
    return TestRecord.atDistance(local, d, ipCounter++, random);
  }

  /** Fills the bucket at distance d with k records added outbound; returns them in add order. */
  private List<TestRecord> fill(int d) {
    List<TestRecord> out = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      TestRecord r = at(d);
      assertEquals(AddResult.ADDED, table.add(r, false));
      out.add(r);
    }
    return out;
  }

  private double seen(TestRecord r) {
    return table.entry(r.id()).orElseThrow().seen();
  }

  @Test
  void rejectsSelfAndRecordsWithoutEndpoint() {
    assertEquals(
        AddResult.SELF, table.add(new TestRecord(local, 1, TestRecord.uniqueIp(1)), false));
    assertEquals(AddResult.NO_ENDPOINT, table.add(at(200).withIp(null), false));
    assertEquals(0, table.size());
    assertFalse(table.onSuccess(local, 0));
    assertEquals(FailureResult.UNKNOWN, table.onFailure(local, Failure.INVALID_REPLY, 0));
  }

  @Test
  void addsNewEntriesAtTheLeastRecentlySeenEnd() {
    List<TestRecord> rs = List.of(at(256), at(256), at(256));
    rs.forEach(r -> assertEquals(AddResult.ADDED, table.add(r, false)));
    assertEquals(Optional.of(rs.get(2)), table.revalidationCandidate());
    assertTrue(table.onSuccess(rs.get(2).id(), 10));
    assertEquals(Optional.of(rs.get(1)), table.revalidationCandidate());
    assertEquals(10, table.entry(rs.get(2).id()).orElseThrow().lastSeenMillis());
    assertEquals(Long.MIN_VALUE, table.entry(rs.get(0).id()).orElseThrow().lastSeenMillis());
  }

  @Test
  void replacesRecordsOnlyWithAHigherSeq() {
    TestRecord r = at(250).withSeq(5);
    assertEquals(AddResult.ADDED, table.add(r, false));
    table.onSuccess(r.id(), 1);
    assertEquals(AddResult.EXISTS, table.add(r, false));
    assertEquals(AddResult.STALE_SEQ, table.add(r.withSeq(4), false));
    assertEquals(AddResult.UPDATED, table.add(r.withSeq(6), false));
    assertEquals(Optional.of(r.withSeq(6)), table.get(r.id()));
    assertEquals(1.0, seen(r), "seen score survives the update");
    // seq is unsigned: 2^64 - 1 is the largest
    assertEquals(AddResult.UPDATED, table.add(r.withSeq(-1L), false));
    assertEquals(AddResult.STALE_SEQ, table.add(r.withSeq(7), false));
    assertEquals(1, table.size());
  }

  @Test
  void seenScoreFollowsTheCodexFormula() {
    TestRecord r = at(256);
    table.add(r, false);
    assertEquals(0.0, seen(r));
    table.onSuccess(r.id(), 1);
    assertEquals(1.0, seen(r));
    assertEquals(FailureResult.KEPT, table.onFailure(r.id(), Failure.NO_REPLY, 0));
    assertEquals(0.9, seen(r), 1e-12);
    table.onSuccess(r.id(), 2);
    assertEquals(0.9 * 0.9 + 0.1, seen(r), 1e-12);
    table.onSuccess(r.id(), 3);
    assertEquals(0.9 * (0.9 * 0.9 + 0.1) + 0.1, seen(r), 1e-12);
  }

  @Test
  void noReplyRemovesOnceSeenDropsToHalf() {
    TestRecord r = at(256);
    table.add(r, false);
    table.onSuccess(r.id(), 1);
    for (int i = 1; i <= 6; i++) { // 0.9^6 = 0.531
      assertEquals(
          FailureResult.KEPT, table.onFailure(r.id(), Failure.NO_REPLY, 0), "failure " + i);
    }
    assertEquals(FailureResult.REMOVED, table.onFailure(r.id(), Failure.NO_REPLY, 0)); // 0.478
    assertFalse(table.contains(r.id()));
    assertEquals(FailureResult.UNKNOWN, table.onFailure(r.id(), Failure.NO_REPLY, 0));
  }

  @Test
  void noReplyBeforeAnySuccessRemoves() {
    TestRecord r = at(256);
    table.add(r, false);
    assertEquals(FailureResult.REMOVED, table.onFailure(r.id(), Failure.NO_REPLY, 0));
    assertEquals(0, table.size());
  }

  @Test
  void invalidReplyAlwaysRemoves() {
    TestRecord r = at(256);
    table.add(r, false);
    table.onSuccess(r.id(), 1);
    assertEquals(FailureResult.REMOVED, table.onFailure(r.id(), Failure.INVALID_REPLY, 0));
    assertFalse(table.contains(r.id()));
  }

  @Test
  void noReplyRemovesAWellSeenEntryWhenAReplacementWaitsAndTheFreshestTakesItsPlace() {
    List<TestRecord> live = fill(256);
    live.forEach(r -> table.onSuccess(r.id(), 1));
    TestRecord older = at(256);
    TestRecord fresher = at(256);
    assertEquals(AddResult.CACHED, table.add(older, false));
    assertEquals(AddResult.CACHED, table.add(fresher, false));
    assertEquals(2, table.replacementsSize());
    assertFalse(table.contains(fresher.id()));

    assertEquals(FailureResult.REPLACED, table.onFailure(live.get(3).id(), Failure.NO_REPLY, 0));
    assertFalse(table.contains(live.get(3).id()));
    assertTrue(table.contains(fresher.id()));
    assertEquals(16, table.bucketSize(256));
    assertEquals(1, table.replacementsSize());
    // the promoted entry is the least recently seen: the next to revalidate
    assertEquals(Optional.of(fresher), table.revalidationCandidate());
  }

  @Test
  void reofferingACachedRecordMakesItTheFreshest() {
    fill(256);
    TestRecord a = at(256);
    TestRecord b = at(256);
    table.add(a, false);
    table.add(b, false);
    assertEquals(AddResult.CACHED, table.add(a, false));
    assertEquals(AddResult.STALE_SEQ, table.add(a.withSeq(0), false));
    assertEquals(AddResult.CACHED, table.add(a.withSeq(2), false));
    table.remove(table.revalidationCandidate().orElseThrow().id());
    assertEquals(Optional.of(a.withSeq(2)), table.get(a.id()));
  }

  @Test
  void replacementCacheKeepsTheEightFreshest() {
    fill(256);
    List<TestRecord> cached = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      TestRecord r = at(256);
      assertEquals(AddResult.CACHED, table.add(r, false));
      cached.add(r);
    }
    assertEquals(8, table.replacementCount(256));
    List<NodeId> inCache = new ArrayList<>();
    table.bucket(256).replacements.forEach(e -> inCache.add(e.id));
    assertEquals(cached.subList(2, 10).stream().map(TestRecord::id).toList(), inCache);
  }

  @Test
  void failureOfACachedEntryDropsIt() {
    fill(256);
    TestRecord c = at(256);
    table.add(c, false);
    assertTrue(table.onSuccess(c.id(), 5));
    assertFalse(table.contains(c.id()));
    assertEquals(FailureResult.REMOVED, table.onFailure(c.id(), Failure.NO_REPLY, 0));
    assertEquals(0, table.replacementsSize());
  }

  @Test
  void removePromotesAReplacementAndRefusesBootstrapEntries() {
    List<TestRecord> live = fill(256);
    TestRecord c = at(256);
    table.add(c, false);
    assertTrue(table.remove(live.get(0).id()));
    assertTrue(table.contains(c.id()));
    assertFalse(table.remove(live.get(0).id()));

    TestRecord boot = at(100);
    assertEquals(AddResult.ADDED, table.addBootstrap(boot));
    assertFalse(table.remove(boot.id()));
    assertTrue(table.contains(boot.id()));
  }

  @Test
  void bootstrapEntriesAreNeverRemoved() {
    TestRecord boot = at(256);
    table.addBootstrap(boot);
    assertTrue(table.entry(boot.id()).orElseThrow().bootstrap());
    assertEquals(FailureResult.KEPT, table.onFailure(boot.id(), Failure.INVALID_REPLY, 0));
    for (int i = 0; i < 20; i++) {
      assertEquals(FailureResult.KEPT, table.onFailure(boot.id(), Failure.NO_REPLY, 0));
    }
    assertTrue(table.contains(boot.id()));
  }

  @Test
  void bootstrapDisplacesTheLeastRecentlySeenEntryOfAFullBucket() {
    List<TestRecord> live = fill(256);
    for (int i = 1; i < 16; i++) {
      table.onSuccess(live.get(i).id(), i);
    }
    TestRecord boot = at(256);
    assertEquals(AddResult.ADDED, table.addBootstrap(boot));
    assertFalse(table.contains(live.get(0).id()));
    assertTrue(table.contains(boot.id()));
    assertEquals(16, table.bucketSize(256));
  }

  @Test
  void bootstrapIsExemptFromIpLimitsAndMarksExistingEntries() {
    TestRecord a =
        new TestRecord(local.randomAtDistance(256, random), 1, TestRecord.ip(8, 8, 8, 1));
    TestRecord b =
        new TestRecord(local.randomAtDistance(256, random), 1, TestRecord.ip(8, 8, 8, 2));
    TestRecord c =
        new TestRecord(local.randomAtDistance(256, random), 1, TestRecord.ip(8, 8, 8, 3));
    table.add(a, false);
    table.add(b, false);
    assertEquals(AddResult.IP_LIMIT, table.add(c, false));
    assertEquals(AddResult.ADDED, table.addBootstrap(c));
    assertEquals(AddResult.EXISTS, table.addBootstrap(a));
    assertTrue(table.entry(a.id()).orElseThrow().bootstrap());
    assertEquals(FailureResult.KEPT, table.onFailure(a.id(), Failure.INVALID_REPLY, 0));
  }

  @Test
  void addBootstrapPromotesACachedEntry() {
    fill(256);
    TestRecord c = at(256);
    table.add(c, false);
    assertEquals(AddResult.ADDED, table.addBootstrap(c.withSeq(3)));
    assertEquals(Optional.of(c.withSeq(3)), table.get(c.id()));
    assertEquals(16, table.bucketSize(256));
    TableInvariants.check(table, "after bootstrap promotion");
  }

  @Test
  void atMostEightInboundEntriesPerBucket() {
    for (int i = 0; i < 8; i++) {
      assertEquals(AddResult.ADDED, table.add(at(256), true));
    }
    assertEquals(AddResult.INBOUND_LIMIT, table.add(at(256), true));
    for (int i = 0; i < 8; i++) {
      assertEquals(AddResult.ADDED, table.add(at(256), false));
    }
    assertEquals(16, table.bucketSize(256));
    long inbound = table.entries().stream().filter(TableEntry::inbound).count();
    assertEquals(8, inbound);
    // A full bucket caches inbound records, but promotion keeps the limit.
    TestRecord cachedOut = at(256);
    TestRecord cachedIn = at(256);
    assertEquals(AddResult.CACHED, table.add(cachedOut, false));
    assertEquals(AddResult.CACHED, table.add(cachedIn, true));
    NodeId outbound =
        table.entries().stream().filter(e -> !e.inbound()).findFirst().orElseThrow().record().id();
    assertEquals(FailureResult.REPLACED, table.onFailure(outbound, Failure.INVALID_REPLY, 0));
    assertTrue(table.contains(cachedOut.id()), "the older outbound replacement was promoted");
    assertFalse(table.contains(cachedIn.id()), "the fresher inbound one would break the limit");
    TableInvariants.check(table, "inbound");
  }

  @Test
  void changingTheAddressOfAnEntryRechecksTheIpLimits() {
    TestRecord a =
        new TestRecord(local.randomAtDistance(256, random), 1, TestRecord.ip(8, 8, 8, 1));
    TestRecord b =
        new TestRecord(local.randomAtDistance(256, random), 1, TestRecord.ip(8, 8, 8, 2));
    TestRecord c =
        new TestRecord(local.randomAtDistance(256, random), 1, TestRecord.ip(9, 9, 9, 1));
    table.add(a, false);
    table.add(b, false);
    table.add(c, false);
    assertEquals(
        AddResult.IP_LIMIT, table.add(c.withSeq(2).withIp(TestRecord.ip(8, 8, 8, 3)), false));
    assertEquals(Optional.of(c), table.get(c.id()));
    assertEquals(
        AddResult.UPDATED, table.add(c.withSeq(2).withIp(TestRecord.ip(7, 7, 7, 3)), false));
    assertEquals(
        AddResult.UPDATED, table.add(a.withSeq(2).withIp(TestRecord.ip(6, 6, 6, 3)), false));
    assertEquals(AddResult.ADDED, table.add(at(256).withIp(TestRecord.ip(8, 8, 8, 9)), false));
    TableInvariants.check(table, "address change");
  }

  @Test
  void listenerSeesLiveMembershipChanges() {
    List<String> events = new ArrayList<>();
    table.setListener(
        new TableListener<>() {
          @Override
          public void added(TestRecord r) {
            events.add("added " + r.seq());
          }

          @Override
          public void removed(TestRecord r) {
            events.add("removed " + r.seq());
          }

          @Override
          public void updated(TestRecord previous, TestRecord current) {
            events.add("updated " + previous.seq() + "->" + current.seq());
          }
        });
    for (int i = 0; i < 16; i++) {
      table.add(at(256).withSeq(100 + i), false);
    }
    TestRecord cached = at(256).withSeq(7);
    table.add(cached, false);
    TestRecord first = table.closest(local, 16).get(0);
    table.add(first.withSeq(first.seq() + 1000), false);
    table.remove(first.id());
    assertEquals(19, events.size());
    assertEquals("added 100", events.get(0));
    assertEquals("updated " + first.seq() + "->" + (first.seq() + 1000), events.get(16));
    assertEquals("removed " + (first.seq() + 1000), events.get(17));
    assertEquals("added 7", events.get(18));
  }

  @Test
  void closestFiltersBySeenScore() {
    List<TestRecord> rs = fill(256);
    for (int i = 0; i < 5; i++) {
      table.onSuccess(rs.get(i).id(), 1);
    }
    table.onSuccess(rs.get(5).id(), 1);
    table.onFailure(rs.get(5).id(), Failure.NO_REPLY, 0); // 0.9: not offered any more
    List<TestRecord> seen = table.closest(NodeId.random(random), 16, 1.0);
    assertEquals(5, seen.size());
    assertTrue(rs.subList(0, 5).containsAll(seen));
    assertEquals(16, table.closest(NodeId.random(random), 16).size());
    assertEquals(List.of(), table.closest(NodeId.random(random), 0));
  }

  @Test
  void entriesSnapshotCoversEveryLiveEntry() {
    fill(256);
    fill(255);
    table.add(at(256), false); // cached, not listed
    assertEquals(32, table.entries().size());
    assertEquals(32, table.size());
    assertEquals(1, table.replacementsSize());
  }
}
