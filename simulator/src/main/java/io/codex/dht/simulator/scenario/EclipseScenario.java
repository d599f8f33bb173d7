package io.codex.dht.simulator.scenario;

import io.codex.dht.discv5.Discv5Node;
import io.codex.dht.discv5.LookupResult;
import io.codex.dht.discv5.NodeConfig;
import io.codex.dht.discv5.providers.InMemoryProviderStore;
import io.codex.dht.routing.LookupConfig;
import io.codex.dht.routing.TableConfig;
import io.codex.dht.simulator.attack.EclipseFarm;
import io.codex.dht.simulator.attack.Sybil;
import io.codex.dht.simulator.report.EclipseStats;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Security test E4: for each attacker size S, three victims restart from {@link #SEEDS} random
 * honest nodes at the same moment, one with the subnet limits on (the table's IP limits and the
 * lookup's per-subnet candidate limit), one with them off (the negative control of security.md),
 * and one with the table's cap on inbound entries (8 of a bucket's 16) off as well, the defence the
 * control leaves in place; each is besieged by its own {@link EclipseFarm}. After the attack ran
 * (30 simulated minutes by default) the scenario counts the attacker's entries in each victim's
 * table, then runs random-target lookups from every victim and compares the results with the honest
 * nodes truly closest to each target.
 *
 * <p>All victims share the honest network and the attack time, so the network's cost is paid once.
 * The price: every farm's sybils answer pings, so honest nodes keep them and relay them, and each
 * victim's lookups also meet the other farms' sybils (counted as attackers in the lookup results;
 * the table count is of the victim's own attacker, the one its bound of 10 per /24 is about).
 */
final class EclipseScenario {
  /** Honest bootstrap records of a restarting victim. */
  static final int SEEDS = 5;

  /** How often each of the attacker's front ids pings the victim. */
  static final long PING_EVERY_MILLIS = 60_000;

  private static final int RESULTS = 16;
  private static final int ENOUGH_TRUE = 8;

  private record Victim(
      int subnets, boolean ipLimits, boolean inboundCap, Discv5Node node, EclipseFarm farm) {}

  /** The three settings per attacker size: {ipLimits, inboundCap}. */
  private static final boolean[][] SETTINGS = {{true, true}, {false, true}, {false, false}};

  private EclipseScenario() {}

  static EclipseStats run(Cluster cluster, SimConfig config, Progress progress, Random random) {
    if (!(cluster instanceof MemoryCluster memory)) {
      throw new IllegalArgumentException("the eclipse scenario needs the memory transport");
    }
    AttackConfig a = config.attacks();
    int pool = a.sybilsPerNode() * config.nodes();
    List<Victim> victims = new ArrayList<>();
    progress.phase("eclipse: sybils", a.eclipseSubnets().size() * SETTINGS.length);
    for (int subnets : a.eclipseSubnets()) {
      for (boolean[] setting : SETTINGS) {
        victims.add(victim(memory, subnets, setting[0], setting[1], pool, random));
        progress.update(victims.size(), pool + " sybils each");
      }
    }
    long start = cluster.nowNanos();
    long seconds = a.eclipseDuration().toSeconds();
    progress.phase("eclipse: attack", Math.max(1, seconds));
    cluster.runUntil(
        () -> false,
        start + a.eclipseDuration().toNanos(),
        () -> progress.update((cluster.nowNanos() - start) / 1_000_000_000L, ""));
    List<CompletableFuture<List<SignedPeerRecord>>> tables = new ArrayList<>();
    victims.forEach(v -> tables.add(v.node().tableEntries()));
    cluster.runUntil(
        () -> tables.stream().allMatch(CompletableFuture::isDone),
        cluster.nowNanos() + 10_000_000_000L,
        () -> {});
    int per = config.lookups();
    int n = victims.size();
    NodeId[] targets = new NodeId[per * n];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = NodeId.random(random);
    }
    List<PacedOps.Outcome<LookupResult>> outcomes =
        PacedOps.run(
            cluster,
            progress,
            "eclipse: lookups",
            targets.length,
            config.opsPerSecond(),
            config.opTimeout(),
            i -> {
              Victim v = victims.get(i % n);
              NodeId target = targets[i];
              v.farm().focus(target);
              return v.node().lookup(target).whenComplete((r, e) -> v.farm().unfocus(target));
            });
    List<NodeId> honest = cluster.liveNodes().stream().map(SimNode::id).toList();
    List<EclipseStats.Run> runs = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      Victim v = victims.get(k);
      List<SignedPeerRecord> table = tables.get(k).getNow(List.of());
      int attacker = (int) table.stream().filter(r -> v.farm().contains(r.nodeId())).count();
      int withHonest = 0;
      int withTrue = 0;
      long honestSum = 0;
      for (int i = k; i < targets.length; i += n) {
        PacedOps.Outcome<LookupResult> o = outcomes.get(i);
        if (!o.ok()) {
          continue;
        }
        List<SignedPeerRecord> top = o.value().closest();
        // Honest means no farm's: sybils of the other victims' attackers spread through the shared
        // honest network (they answer pings, so honest nodes keep and relay them).
        int good = (int) top.stream().filter(r -> !anyFarm(victims, r.nodeId())).count();
        honestSum += good;
        withHonest += good > 0 ? 1 : 0;
        Set<NodeId> truth = closest(honest, targets[i]);
        int hits = (int) top.stream().filter(r -> truth.contains(r.nodeId())).count();
        withTrue += hits >= ENOUGH_TRUE ? 1 : 0;
      }
      runs.add(
          new EclipseStats.Run(
              v.subnets(),
              v.ipLimits(),
              v.inboundCap(),
              v.farm().size(),
              table.size(),
              attacker,
              per,
              withHonest,
              withTrue,
              per == 0 ? Double.NaN : (double) honestSum / per,
              v.farm().pingsSent(),
              v.farm().findNodesAnswered()));
    }
    for (Victim v : victims) {
      v.node().stop();
      v.farm().stop();
    }
    cluster.runFor(java.time.Duration.ofSeconds(1), () -> {});
    return new EclipseStats(honest.size(), seconds, runs);
  }

  private static Victim victim(
      MemoryCluster cluster,
      int subnets,
      boolean limits,
      boolean inboundCap,
      int pool,
      Random random) {
    PrivateKey key = PrivateKey.generate(random);
    EclipseFarm farm =
        new EclipseFarm(cluster.network(), subnets, pool, Sybil.idOf(key), random.nextLong());
    NodeConfig.Builder b =
        NodeConfig.builder(key)
            .bind(cluster.nextBindAddress())
            .random(new Random(random.nextLong()))
            .table(table(limits, inboundCap))
            .lookup(limits ? LookupConfig.DEFAULT : LookupConfig.DEFAULT.withMaxPerSubnet(0));
    for (SimNode seed : cluster.randomLive(SEEDS, random, null)) {
      b.bootstrap(seed.node().localRecord());
    }
    NodeConfig c = b.build();
    Discv5Node node = cluster.newOutsider(c, new InMemoryProviderStore(c.providers()));
    node.start().thenRun(() -> farm.besiege(node.localRecord(), PING_EVERY_MILLIS));
    return new Victim(subnets, limits, inboundCap, node, farm);
  }

  private static TableConfig table(boolean limits, boolean inboundCap) {
    TableConfig t = limits ? TableConfig.DEFAULT : TableConfig.DEFAULT.withIpLimitsEnabled(false);
    return inboundCap ? t : t.withMaxInboundPerBucket(t.bucketSize());
  }

  private static boolean anyFarm(List<Victim> victims, NodeId id) {
    for (Victim v : victims) {
      if (v.farm().contains(id)) {
        return true;
      }
    }
    return false;
  }

  /** The {@link #RESULTS} ids of {@code nodes} closest to {@code target}. */
  private static Set<NodeId> closest(List<NodeId> nodes, NodeId target) {
    List<NodeId> best = new ArrayList<>(RESULTS + 1);
    for (NodeId id : nodes) {
      int pos = best.size();
      while (pos > 0 && target.compareDistance(id, best.get(pos - 1)) < 0) {
        pos--;
      }
      if (pos < RESULTS) {
        best.add(pos, id);
        if (best.size() > RESULTS) {
          best.remove(RESULTS);
        }
      }
    }
    return new HashSet<>(best);
  }
}
