package io.codex.dht.simulator.scenario;

import io.codex.dht.discv5.AnnounceResult;
import io.codex.dht.discv5.ServicePeer;
import io.codex.dht.simulator.report.Samples;
import io.codex.dht.simulator.report.ServiceStats;
import io.codex.dht.spr.NodeId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Service discovery: each service is advertised ({@code advertise}) by a set of random live nodes;
 * then random live nodes that do not advertise it search for it ({@code findPeers}) asking for as
 * many peers as there are advertisers. Recall is the share of the advertisers one search returns.
 */
final class ServiceScenario {
  /** Searches per service. */
  static final int SEARCHES_PER_SERVICE = 20;

  private ServiceScenario() {}

  /** The id of service {@code i}. */
  static String serviceId(int i) {
    return "sim-service-" + i;
  }

  static ServiceStats run(Cluster cluster, SimConfig config, Progress progress, Random random) {
    int services = config.services();
    int perService = Math.max(1, Math.min(config.advertisers(), cluster.liveCount() / 2));
    List<List<SimNode>> advertisers = new ArrayList<>();
    List<Set<NodeId>> advertiserIds = new ArrayList<>();
    for (int s = 0; s < services; s++) {
      List<SimNode> chosen = cluster.randomLive(perService, random, null);
      advertisers.add(chosen);
      Set<NodeId> ids = new HashSet<>();
      chosen.forEach(node -> ids.add(node.id()));
      advertiserIds.add(ids);
    }
    PacedOps.<AnnounceResult>run(
        cluster,
        progress,
        "services: advertise",
        services * perService,
        config.opsPerSecond(),
        config.opTimeout(),
        i -> {
          List<SimNode> chosen = advertisers.get(i / perService);
          int k = i % perService;
          return k < chosen.size()
              ? chosen.get(k).node().advertise(serviceId(i / perService))
              : null;
        });
    int searches = services * SEARCHES_PER_SERVICE;
    List<PacedOps.Outcome<List<ServicePeer>>> found =
        PacedOps.run(
            cluster,
            progress,
            "services: find",
            searches,
            config.opsPerSecond(),
            config.opTimeout(),
            i -> {
              int s = i / SEARCHES_PER_SERVICE;
              SimNode searcher = searcher(cluster, random, advertiserIds.get(s));
              return searcher == null ? null : searcher.node().findPeers(serviceId(s), perService);
            });
    double recallSum = 0;
    int full = 0;
    for (int i = 0; i < searches; i++) {
      Set<NodeId> wanted = advertiserIds.get(i / SEARCHES_PER_SERVICE);
      if (!found.get(i).ok() || wanted.isEmpty()) {
        continue;
      }
      long hits =
          found.get(i).value().stream()
              .map(p -> p.record().nodeId())
              .distinct()
              .filter(wanted::contains)
              .count();
      recallSum += (double) hits / wanted.size();
      if (hits == wanted.size()) {
        full++;
      }
    }
    double[] ms = ProviderScenario.latenciesMs(found);
    return new ServiceStats(
        services,
        perService,
        searches,
        searches == 0 ? Double.NaN : recallSum / searches,
        Samples.ratio(full, searches),
        Samples.percentile(ms, 0.5),
        Samples.percentile(ms, 0.95));
  }

  /** A random live node that does not advertise the service, or null. */
  private static SimNode searcher(Cluster cluster, Random random, Set<NodeId> advertisers) {
    if (cluster.liveCount() <= advertisers.size()) {
      return null;
    }
    while (true) {
      SimNode pick = cluster.randomLive(random, null);
      if (pick == null || !advertisers.contains(pick.id())) {
        return pick;
      }
    }
  }
}
