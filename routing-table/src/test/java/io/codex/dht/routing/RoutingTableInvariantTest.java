package io.codex.dht.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.NodeId;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded random sequences of inserts, failures, successes, removals and record updates, with the
 * table's invariants recounted after every step.
 */
class RoutingTableInvariantTest {
  private static final int STEPS = 2_500;

  /** A small id pool concentrated on a few buckets so buckets fill and caches churn. */
  private static List<NodeId> idPool(NodeId local, SplittableRandom random) {
    List<NodeId> ids = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      int d = random.nextInt(10) < 8 ? 256 - random.nextInt(4) : 1 + random.nextInt(256);
      ids.add(local.randomAtDistance(d, random));
    }
    return ids;
  }

  /** A few public /24s and /48s (limits bite), private ranges (exempt) and singletons. */
  private static List<InetAddress> addressPool(SplittableRandom random) {
    List<InetAddress> ips = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ips.add(TestRecord.ip(45, 10, i, 1 + random.nextInt(254)));
      ips.add(TestRecord.ip(45, 10, i, 1 + random.nextInt(254)));
    }
    for (int i = 0; i < 3; i++) {
      byte[] v6 = new byte[16];
      v6[0] = 0x2a;
      v6[1] = 0x01;
      v6[5] = (byte) i;
      v6[15] = (byte) random.nextInt(256);
      ips.add(TestRecord.address(v6));
    }
    ips.add(TestRecord.ip(192, 168, 1, 10));
    ips.add(TestRecord.ip(127, 0, 0, 1));
    for (int i = 0; i < 20; i++) {
      ips.add(TestRecord.randomPublicIp(random));
    }
    return ips;
  }

  @Test
  void invariantsHoldAfterEveryStep() {
    Map<AddResult, Integer> adds = new EnumMap<>(AddResult.class);
    Map<FailureResult, Integer> failures = new EnumMap<>(FailureResult.class);
    for (long seed = 1; seed <= 12; seed++) {
      run(seed, adds, failures);
    }
    // Together the sequences reached every outcome, so the invariants were checked under churn.
    for (AddResult r : AddResult.values()) {
      if (r != AddResult.SELF && r != AddResult.NO_ENDPOINT) {
        assertTrue(adds.containsKey(r), "no " + r + " in " + adds);
      }
    }
    for (FailureResult r : FailureResult.values()) {
      assertTrue(failures.containsKey(r), "no " + r + " in " + failures);
    }
  }

  private static void run(
      long seed, Map<AddResult, Integer> adds, Map<FailureResult, Integer> failures) {
    SplittableRandom random = new SplittableRandom(seed);
    NodeId local = NodeId.random(random);
    TableConfig config =
        switch ((int) (seed % 3)) {
          case 0 ->
              TableConfig.DEFAULT
                  .withBucketSize(6)
                  .withMaxInboundPerBucket(3)
                  .withReplacementCacheSize(0)
                  .withIpLimits(1, 3);
          case 1 -> TableConfig.DEFAULT.withReplacementCacheSize(2);
          default -> TableConfig.DEFAULT;
        };
    RoutingTable<TestRecord> table = new RoutingTable<>(local, TestRecord.VIEW, config, random);
    Set<NodeId> listenerView = new HashSet<>();
    table.setListener(
        new TableListener<>() {
          @Override
          public void added(TestRecord r) {
            assertTrue(listenerView.add(r.id()), "added twice");
          }

          @Override
          public void removed(TestRecord r) {
            assertTrue(listenerView.remove(r.id()), "removed unknown");
          }
        });
    List<NodeId> ids = idPool(local, random);
    List<InetAddress> ips = addressPool(random);
    Map<NodeId, Long> seqs = new HashMap<>();
    Set<NodeId> bootstrap = new HashSet<>();
    int bootstrapIp = 0;
    long now = 0;
    for (int step = 0; step < STEPS; step++) {
      NodeId id = ids.get(random.nextInt(ids.size()));
      long seq = seqs.getOrDefault(id, 1L);
      InetAddress ip = ips.get(random.nextInt(ips.size()));
      if (bootstrap.contains(id)) {
        ip = table.get(id).orElseThrow().ip(); // bootstrap entries skip the IP limits: keep theirs
      }
      String op;
      int roll = random.nextInt(100);
      now += random.nextInt(1000);
      if (roll < 35) {
        op = "add";
        adds.merge(table.add(new TestRecord(id, seq, ip), random.nextInt(10) < 7), 1, Integer::sum);
      } else if (roll < 45) {
        op = "update";
        long next = seq + 1 + random.nextInt(3);
        seqs.put(id, next);
        TestRecord r = table.get(id).orElse(new TestRecord(id, seq, ip));
        InetAddress newIp = random.nextBoolean() || bootstrap.contains(id) ? r.ip() : ip;
        AddResult result = table.add(new TestRecord(id, next, newIp), false);
        adds.merge(result, 1, Integer::sum);
        if (table.contains(id) && result != AddResult.IP_LIMIT) {
          assertEquals(next, table.get(id).orElseThrow().seq(), "higher seq replaces");
        }
      } else if (roll < 50) {
        op = "stale";
        TestRecord before = table.get(id).orElse(null);
        if (before != null && before.seq() > 0) {
          AddResult result = table.add(before.withSeq(before.seq() - 1).withIp(ip), false);
          adds.merge(result, 1, Integer::sum);
          assertEquals(AddResult.STALE_SEQ, result);
          assertEquals(before, table.get(id).orElseThrow(), "lower seq never replaces");
        }
      } else if (roll < 70) {
        op = "success";
        table.onSuccess(id, now);
      } else if (roll < 85) {
        op = "noReply";
        failures.merge(table.onFailure(id, Failure.NO_REPLY, 0), 1, Integer::sum);
      } else if (roll < 92) {
        op = "invalid";
        FailureResult r = table.onFailure(id, Failure.INVALID_REPLY, 0);
        failures.merge(r, 1, Integer::sum);
        if (!bootstrap.contains(id)) {
          assertFalse(table.contains(id), "invalid reply removes");
          assertTrue(r != FailureResult.KEPT);
        }
      } else if (roll < 97) {
        op = "remove";
        table.remove(id);
      } else {
        op = "bootstrap";
        // bootstrap entries get their own /24 so the limits stay checkable for everyone else
        AddResult r =
            table.addBootstrap(new TestRecord(id, seq, TestRecord.uniqueIp(bootstrapIp++)));
        adds.merge(r, 1, Integer::sum);
        if (r.stored() || r == AddResult.EXISTS || r == AddResult.STALE_SEQ) {
          bootstrap.add(id);
        }
      }
      String context = "seed " + seed + " step " + step + " (" + op + ")";
      Set<NodeId> live = TableInvariants.check(table, context);
      TableInvariants.checkIpLimits(table, context);
      for (NodeId b : bootstrap) {
        assertTrue(table.contains(b), context + ": bootstrap entry missing");
        assertTrue(table.entry(b).orElseThrow().bootstrap(), context + ": bootstrap flag lost");
      }
      assertEquals(live, listenerView, context + ": listener view");
    }
    assertTrue(table.size() > 20, "the sequence exercised a populated table: " + table.size());
  }
}
