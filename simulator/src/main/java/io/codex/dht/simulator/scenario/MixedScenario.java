package io.codex.dht.simulator.scenario;

import io.codex.dht.discv5.AnnounceResult;
import io.codex.dht.discv5.LookupResult;
import io.codex.dht.discv5.ServicePeer;
import io.codex.dht.simulator.report.LookupStats;
import io.codex.dht.simulator.report.MixedStats;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.SignedPeerRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A mixed network ({@code --legacy-share}): lookups of random live nodes from Codex stand-ins and
 * from our nodes; services advertised by our nodes and searched by our nodes that advertise nothing
 * (in {@code auto} format those publish plain records); providers announced by one side and looked
 * up from the other; and the count of messages the stand-ins could not decode.
 */
final class MixedScenario {
  private static final int MAX_TRIES = 10_000;

  private MixedScenario() {}

  static MixedStats run(Cluster cluster, SimConfig config, Progress progress, Random random) {
    int legacy = (int) cluster.liveNodes().stream().filter(SimNode::isLegacy).count();
    int ours = cluster.liveCount() - legacy;
    LookupStats legacyLookups = lookups(cluster, config, progress, random, true);
    LookupStats ourLookups = lookups(cluster, config, progress, random, false);
    double[] services = services(cluster, config, progress, random);
    int[] oursToLegacy = providers(cluster, config, progress, random, false);
    int[] legacyToOurs = providers(cluster, config, progress, random, true);
    return new MixedStats(
        legacy,
        ours,
        legacyLookups,
        ourLookups,
        (int) services[0],
        services[1],
        oursToLegacy[0],
        oursToLegacy[1],
        legacyToOurs[0],
        legacyToOurs[1],
        cluster.legacyRefused(),
        cluster.counts("discv5.records.withheld"),
        sum(cluster, "discv5.records.plain_relayed"),
        cluster.counts("discv5.records.plain_presented").values().stream()
            .mapToLong(Long::longValue)
            .sum(),
        cluster.counts("discv5.records.full_requested").values().stream()
            .mapToLong(Long::longValue)
            .sum());
  }

  private static long sum(Cluster cluster, String name) {
    return cluster.counts(name).values().stream().mapToLong(Long::longValue).sum();
  }

  /** A random live node of the given kind other than {@code except}, or null. */
  static SimNode pick(Cluster cluster, Random random, boolean legacy, SimNode except) {
    for (int i = 0; i < MAX_TRIES; i++) {
      SimNode n = cluster.randomLive(random, except);
      if (n == null) {
        return null;
      }
      if (n.isLegacy() == legacy) {
        return n;
      }
    }
    return null;
  }

  private static LookupStats lookups(
      Cluster cluster, SimConfig config, Progress progress, Random random, boolean fromLegacy) {
    long packetsBefore = cluster.packetsSent();
    List<PacedOps.Outcome<LookupResult>> outcomes =
        PacedOps.run(
            cluster,
            progress,
            fromLegacy ? "mixed: lookups from Codex nodes" : "mixed: lookups from ours",
            config.lookups(),
            config.opsPerSecond(),
            config.opTimeout(),
            i -> {
              SimNode from = pick(cluster, random, fromLegacy, null);
              SimNode to = from == null ? null : cluster.randomLive(random, from);
              return to == null ? null : from.node().lookup(to.id());
            });
    long packets = cluster.packetsSent() - packetsBefore;
    return LookupProbe.stats(
        outcomes, outcomes.isEmpty() ? Double.NaN : (double) packets / outcomes.size());
  }

  /** {searches, mean recall}: services advertised and searched by our nodes only. */
  private static double[] services(
      Cluster cluster, SimConfig config, Progress progress, Random random) {
    int count = config.services();
    List<List<SimNode>> advertisers = new ArrayList<>();
    List<Set<NodeId>> ids = new ArrayList<>();
    for (int s = 0; s < count; s++) {
      List<SimNode> chosen = new ArrayList<>();
      Set<NodeId> set = new HashSet<>();
      for (int k = 0; k < config.advertisers(); k++) {
        SimNode n = pick(cluster, random, false, null);
        if (n != null && set.add(n.id())) {
          chosen.add(n);
        }
      }
      advertisers.add(chosen);
      ids.add(set);
    }
    int per = config.advertisers();
    PacedOps.<AnnounceResult>run(
        cluster,
        progress,
        "mixed: advertise",
        count * per,
        config.opsPerSecond(),
        config.opTimeout(),
        i -> {
          List<SimNode> chosen = advertisers.get(i / per);
          int k = i % per;
          return k < chosen.size()
              ? chosen.get(k).node().advertise(ServiceScenario.serviceId(i / per))
              : null;
        });
    int searches = count * ServiceScenario.SEARCHES_PER_SERVICE;
    List<PacedOps.Outcome<List<ServicePeer>>> found =
        PacedOps.run(
            cluster,
            progress,
            "mixed: find services",
            searches,
            config.opsPerSecond(),
            config.opTimeout(),
            i -> {
              int s = i / ServiceScenario.SEARCHES_PER_SERVICE;
              SimNode searcher = null;
              for (int t = 0; t < MAX_TRIES && searcher == null; t++) {
                SimNode n = pick(cluster, random, false, null);
                if (n != null && n.node().localRecord().services().isEmpty()) {
                  searcher = n;
                }
              }
              return searcher == null
                  ? null
                  : searcher.node().findPeers(ServiceScenario.serviceId(s), ids.get(s).size());
            });
    double recall = 0;
    int measured = 0;
    for (int i = 0; i < searches; i++) {
      Set<NodeId> wanted = ids.get(i / ServiceScenario.SEARCHES_PER_SERVICE);
      if (wanted.isEmpty()) {
        continue;
      }
      measured++;
      if (found.get(i).ok()) {
        long hits =
            found.get(i).value().stream()
                .map(p -> p.record().nodeId())
                .distinct()
                .filter(wanted::contains)
                .count();
        recall += (double) hits / wanted.size();
      }
    }
    return new double[] {measured, measured == 0 ? Double.NaN : recall / measured};
  }

  /** {keys, found}: keys announced by one side and looked up from the other. */
  private static int[] providers(
      Cluster cluster, SimConfig config, Progress progress, Random random, boolean byLegacy) {
    int n = config.cids();
    NodeId[] keys = new NodeId[n];
    SimNode[] announcers = new SimNode[n];
    for (int i = 0; i < n; i++) {
      keys[i] = NodeId.random(random);
    }
    String side = byLegacy ? "Codex nodes" : "ours";
    PacedOps.<AnnounceResult>run(
        cluster,
        progress,
        "mixed: announce by " + side,
        n,
        config.opsPerSecond(),
        config.opTimeout(),
        i -> {
          announcers[i] = pick(cluster, random, byLegacy, null);
          return announcers[i] == null ? null : announcers[i].node().addProvider(keys[i]);
        });
    List<PacedOps.Outcome<List<SignedPeerRecord>>> found =
        PacedOps.run(
            cluster,
            progress,
            "mixed: find by the other side",
            n,
            config.opsPerSecond(),
            config.opTimeout(),
            i -> {
              SimNode finder =
                  announcers[i] == null ? null : pick(cluster, random, !byLegacy, announcers[i]);
              return finder == null
                  ? null
                  : finder.node().getProviders(keys[i], ProviderScenario.MAX_PROVIDERS);
            });
    int ok = 0;
    int asked = 0;
    for (int i = 0; i < n; i++) {
      if (announcers[i] == null) {
        continue;
      }
      asked++;
      SimNode a = announcers[i];
      if (found.get(i).ok()
          && found.get(i).value().stream().anyMatch(r -> r.nodeId().equals(a.id()))) {
        ok++;
      }
    }
    return new int[] {asked, ok};
  }
}
