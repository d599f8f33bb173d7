package io.codex.dht.discv5;

import io.codex.dht.routing.TableEntry;
import io.codex.dht.spr.Multiaddr;
import io.micrometer.core.instrument.Counter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds a {@link NodeSnapshot} on the node's thread. */
final class Snapshots {
  private Snapshots() {}

  static NodeSnapshot of(NodeCore core) {
    long now = core.scheduler.nowMillis();
    TreeMap<Integer, List<NodeSnapshot.Entry>> live = new TreeMap<>();
    for (TableEntry<Peer> e : core.table.entries()) {
      int d = core.localId.logDistance(e.record().nodeId());
      live.computeIfAbsent(d, k -> new ArrayList<>())
          .add(
              new NodeSnapshot.Entry(
                  e.record().record(),
                  TraceRecorder.address(e.record().endpoint()),
                  e.seen(),
                  e.lastSeenMillis() == Long.MIN_VALUE ? -1 : Math.max(0, now - e.lastSeenMillis()),
                  e.bootstrap(),
                  e.inbound()));
    }
    List<NodeSnapshot.Bucket> buckets = new ArrayList<>();
    for (int d = 1; d <= 256; d++) {
      List<NodeSnapshot.Entry> entries = live.getOrDefault(d, List.of());
      int replacements = core.table.replacementCount(d);
      if (!entries.isEmpty() || replacements > 0) {
        buckets.add(new NodeSnapshot.Bucket(d, entries, replacements));
      }
    }
    Map<String, String> addresses = new TreeMap<>();
    Map<Multiaddr, String> sources = core.local.addressSources();
    for (Multiaddr a : core.local.current().addresses()) {
      addresses.put(a.toString(), sources.getOrDefault(a, "listen"));
    }
    Map<String, Long> drops = new TreeMap<>();
    count(core, "discv5.drops", "reason", drops);
    count(core, "discv5.datagrams.dropped", "reason", drops);
    var stats = core.session.stats();
    return new NodeSnapshot(
        core.localId,
        buckets,
        core.table.size(),
        core.table.replacementsSize(),
        addresses,
        stats.packetsReceived(),
        stats.packetsSent(),
        stats.bytesReceived(),
        stats.bytesSent(),
        core.session.sessionCount(),
        drops,
        core.providerStore.size(),
        core.providerStore.bytes());
  }

  private static void count(NodeCore core, String name, String tag, Map<String, Long> out) {
    for (Counter c : core.metrics.registry().find(name).tags(core.metrics.nodeTags()).counters()) {
      String v = c.getId().getTag(tag);
      if (v != null) {
        out.merge(v.toLowerCase(java.util.Locale.ROOT), (long) c.count(), Long::sum);
      }
    }
  }
}
