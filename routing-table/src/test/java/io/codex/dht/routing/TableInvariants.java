package io.codex.dht.routing;

import io.codex.dht.spr.NodeId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Recounts a table's state from scratch and compares it with what the table maintains. */
final class TableInvariants {
  private TableInvariants() {}

  /** Fails with a lazily built message (the checks run after every step of long sequences). */
  private static void require(boolean ok, Supplier<String> message) {
    if (!ok) {
      throw new AssertionError(message.get());
    }
  }

  /** Checks every invariant; returns the ids of the live entries. */
  static <R> Set<NodeId> check(RoutingTable<R> table, String context) {
    TableConfig config = table.config();
    RecordView<R> view = table.view();
    Set<NodeId> ids = new HashSet<>();
    Set<NodeId> liveIds = new HashSet<>();
    Map<Long, Integer> tableCounts = new HashMap<>();
    int live = 0;
    int cached = 0;
    for (int distance = 1; distance <= 256; distance++) {
      int d = distance;
      Bucket<R> b = table.bucket(d);
      Supplier<String> where = () -> context + " bucket " + d;
      if (b.live.isEmpty() && b.replacements.isEmpty()) {
        require(b.inbound == 0 && b.subnets.subnets() == 0, () -> where.get() + ": counts");
        continue;
      }
      require(b.live.size() <= config.bucketSize(), () -> where.get() + ": over k");
      require(
          b.replacements.size() <= config.replacementCacheSize(), () -> where.get() + ": cache");
      Map<Long, Integer> bucketCounts = new HashMap<>();
      for (List<Entry<R>> list : List.of(b.live, b.replacements)) {
        for (Entry<R> e : list) {
          require(ids.add(e.id), () -> where.get() + ": duplicate " + e.id.toShortString());
          require(!e.id.equals(table.localId()), () -> where.get() + ": local id stored");
          require(table.localId().logDistance(e.id) == d, () -> where.get() + ": wrong bucket");
          require(e.id.equals(view.nodeId(e.record)), () -> where.get() + ": id/record");
          require(view.ip(e.record) != null, () -> where.get() + ": no endpoint");
          require(
              table.subnetKeyOf(view.ip(e.record)) == e.subnetKey,
              () -> where.get() + ": stale subnet key");
          require(e.seen >= 0 && e.seen <= 1.0, () -> where.get() + ": seen " + e.seen);
          if (e.subnetKey != SubnetKeys.NONE) {
            bucketCounts.merge(e.subnetKey, 1, Integer::sum);
            tableCounts.merge(e.subnetKey, 1, Integer::sum);
          }
        }
      }
      int inbound = 0;
      for (Entry<R> e : b.live) {
        liveIds.add(e.id);
        inbound += e.inbound ? 1 : 0;
        require(!(e.bootstrap && e.inbound), () -> where.get() + ": bootstrap marked inbound");
      }
      for (Entry<R> e : b.replacements) {
        require(!e.bootstrap, () -> where.get() + ": bootstrap entry in the replacement cache");
      }
      int recounted = inbound;
      require(recounted == b.inbound, () -> where.get() + ": inbound count " + b.inbound);
      require(inbound <= config.maxInboundPerBucket(), () -> where.get() + ": inbound over");
      require(
          sameCounts(bucketCounts, b.subnets),
          () -> where.get() + ": subnet counts " + bucketCounts + " " + b.subnets.snapshot());
      // A cache only fills while the bucket is full, and removals promote when they can.
      require(
          b.replacements.isEmpty()
              || b.live.size() == config.bucketSize()
              || onlyBlockedInbound(b, config),
          () -> where.get() + ": replacements wait beside a free slot");
      live += b.live.size();
      cached += b.replacements.size();
    }
    require(sameCounts(tableCounts, table.tableSubnets()), () -> context + ": table counts");
    require(
        table.holds().size() <= RoutingTable.MAX_HOLDS,
        () -> context + ": holds " + table.holds().size());
    int liveCount = live;
    int cachedCount = cached;
    require(liveCount == table.size(), () -> context + ": size " + table.size());
    require(
        cachedCount == table.replacementsSize(),
        () -> context + ": replacementsSize " + table.replacementsSize());
    return liveIds;
  }

  /** Checks the per-bucket and per-table subnet limits for every stored entry. */
  static <R> void checkIpLimits(RoutingTable<R> table, String context) {
    TableConfig config = table.config();
    for (int d = 1; d <= 256; d++) {
      Bucket<R> b = table.bucket(d);
      for (List<Entry<R>> list : List.of(b.live, b.replacements)) {
        for (Entry<R> e : list) {
          int inBucket = b.subnets.count(e.subnetKey);
          int inTable = table.tableSubnets().count(e.subnetKey);
          require(inBucket <= config.bucketIpLimit(), () -> context + ": bucket count " + inBucket);
          require(inTable <= config.tableIpLimit(), () -> context + ": table count " + inTable);
          int held = table.holds().count(e.subnetKey);
          require(
              inTable + held <= config.tableIpLimit(),
              () -> context + ": table count " + inTable + " with " + held + " held slots");
        }
      }
    }
  }

  private static boolean sameCounts(Map<Long, Integer> recount, SubnetCounter counter) {
    if (recount.size() != counter.subnets()) {
      return false;
    }
    for (Map.Entry<Long, Integer> e : recount.entrySet()) {
      if (counter.count(e.getKey()) != e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static <R> boolean onlyBlockedInbound(Bucket<R> b, TableConfig config) {
    return b.inbound >= config.maxInboundPerBucket()
        && b.replacements.stream().allMatch(e -> e.inbound);
  }
}
