package io.codex.dht.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The subnet slots of entries that never answered stay counted for a while after those entries are
 * dropped (security.md B4: records pointing at one victim /24 become ping targets at most {@code
 * tableIpLimit} times, not once per failure).
 */
class SilentHoldTest {
  private static final long HOLD = TableConfig.DEFAULT.silentHoldMillis();
  private static final int LIMIT = TableConfig.DEFAULT.tableIpLimit();

  private final SplittableRandom random = new SplittableRandom(7);
  private final NodeId local = NodeId.random(random);
  private int host;

  /** A record in 81.2.3.0/24 in one of the 16 farthest buckets, two per bucket at most. */
  private TestRecord victimRecord() {
    int n = host++;
    NodeId id = local.randomAtDistance(256 - (n / 2) % 16, random);
    return new TestRecord(id, 1, TestRecord.ip(81, 2, 3, 1 + n % 254));
  }

  private RoutingTable<TestRecord> table(TableConfig config) {
    return new RoutingTable<>(local, TestRecord.VIEW, config, random);
  }

  /** Adds {@link #LIMIT} records of the victim /24 and fails each once at {@code now}. */
  private List<TestRecord> fillAndFail(RoutingTable<TestRecord> table, long now, boolean answered) {
    List<TestRecord> added = new ArrayList<>();
    for (int i = 0; i < LIMIT; i++) {
      TestRecord r = victimRecord();
      assertEquals(AddResult.ADDED, table.add(r, false), "record " + i);
      added.add(r);
    }
    for (TestRecord r : added) {
      if (answered) {
        table.onSuccess(r.id(), now);
      }
      // INVALID_REPLY removes at once, whatever the score.
      assertEquals(FailureResult.REMOVED, table.onFailure(r.id(), Failure.INVALID_REPLY, now));
    }
    assertEquals(0, table.size());
    TableInvariants.check(table, "after the failures");
    return added;
  }

  @Test
  void silentEntriesKeepTheirSubnetSlotsForTheHold() {
    RoutingTable<TestRecord> table = table(TableConfig.DEFAULT);
    fillAndFail(table, 1_000, false);
    assertEquals(LIMIT, table.heldSubnetSlots());
    assertEquals(AddResult.IP_LIMIT, table.add(victimRecord(), false), "subnet held");

    // Time moves on through the table's own events; just before the end the slots are still held.
    NodeId other = NodeId.random(random);
    table.onSuccess(other, 1_000 + HOLD - 1);
    assertEquals(AddResult.IP_LIMIT, table.add(victimRecord(), false), "still held");
    table.onSuccess(other, 1_000 + HOLD);
    assertEquals(0, table.holds().size());
    assertEquals(AddResult.ADDED, table.add(victimRecord(), false), "hold over");
  }

  @Test
  void entriesThatOnceAnsweredFreeTheirSlotsAtOnce() {
    RoutingTable<TestRecord> table = table(TableConfig.DEFAULT);
    fillAndFail(table, 1_000, true);
    assertEquals(0, table.holds().size());
    assertEquals(AddResult.ADDED, table.add(victimRecord(), false));
  }

  @Test
  void negativeControlWithoutTheHoldSilentSlotsAreFreedAtOnce() {
    RoutingTable<TestRecord> table = table(TableConfig.DEFAULT.withSilentHoldMillis(0));
    fillAndFail(table, 1_000, false);
    assertEquals(AddResult.ADDED, table.add(victimRecord(), false));
  }

  @Test
  void aSilentCachedEntryThatFailsHoldsItsSlotToo() {
    RoutingTable<TestRecord> table = table(TableConfig.DEFAULT);
    NodeId far = local.randomAtDistance(256, random);
    for (int i = 0; i < 16; i++) { // fill bucket 256 from distinct subnets
      NodeId id = local.randomAtDistance(256, random);
      table.add(new TestRecord(id, 1, TestRecord.ip(90, 1, i, 1)), false);
    }
    TestRecord cached = new TestRecord(far, 1, TestRecord.ip(81, 2, 3, 200));
    assertEquals(AddResult.CACHED, table.add(cached, false));
    assertEquals(FailureResult.REMOVED, table.onFailure(far, Failure.NO_REPLY, 5));
    assertEquals(1, table.holds().size());
  }

  @Test
  void holdsAreBoundedOverManySubnets() {
    RoutingTable<TestRecord> table = table(TableConfig.DEFAULT);
    long now = 0;
    for (int i = 0; i < RoutingTable.MAX_HOLDS + 500; i++) {
      NodeId id = local.randomAtDistance(200 + i % 50, random);
      TestRecord r =
          new TestRecord(id, 1, TestRecord.ip(60 + i / 65_536, i / 256 % 256, i % 256, 9));
      assertEquals(AddResult.ADDED, table.add(r, false), "record " + i);
      table.onFailure(id, Failure.INVALID_REPLY, ++now);
      assertTrue(table.holds().size() <= RoutingTable.MAX_HOLDS);
    }
    assertEquals(RoutingTable.MAX_HOLDS, table.holds().size());
  }

  @Test
  void theTablesClockNeverRunsBackwards() {
    RoutingTable<TestRecord> table = table(TableConfig.DEFAULT);
    fillAndFail(table, 1_000, false);
    NodeId other = NodeId.random(random);
    table.onSuccess(other, 1_000 + HOLD);
    assertEquals(0, table.holds().size());
    // A later event carrying an older time neither revives holds nor makes new ones end sooner.
    TestRecord r = victimRecord();
    assertEquals(AddResult.ADDED, table.add(r, false));
    table.onFailure(r.id(), Failure.INVALID_REPLY, 0);
    table.onSuccess(other, 1_000 + HOLD + HOLD - 1);
    assertEquals(1, table.holds().size(), "held from the table's latest time, not from 0");
  }

  @Test
  void anEntryThatMovesToAnotherSubnetMustAnswerThereBeforeItsFailureIsForgiven() {
    RoutingTable<TestRecord> table = table(TableConfig.DEFAULT);
    NodeId id = local.randomAtDistance(256, random);
    TestRecord honest = new TestRecord(id, 1, TestRecord.ip(90, 9, 9, 9));
    assertEquals(AddResult.ADDED, table.add(honest, false));
    table.onSuccess(id, 1_000);
    // A higher seq moves it into the victim /24: its earlier answers do not count there.
    assertEquals(
        AddResult.UPDATED, table.add(honest.withSeq(2).withIp(TestRecord.ip(81, 2, 3, 4)), false));
    assertEquals(0.0, table.entry(id).orElseThrow().seen(), "not relayed before answering there");
    assertEquals(FailureResult.REMOVED, table.onFailure(id, Failure.NO_REPLY, 2_000));
    assertEquals(1, table.heldSubnetSlots(), "its failure at the new address holds the slot");
  }
}
