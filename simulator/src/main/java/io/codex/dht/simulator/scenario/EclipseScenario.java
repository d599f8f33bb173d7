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
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Security test E4: for each attacker size S, four victims restart from {@link #SEEDS} random
 * honest nodes, each besieged by its own {@link EclipseFarm}: with the subnet limits on (the
 * table's IP limits and the lookup's per-subnet candidate limit) and {@link #DISJOINT_PATHS}
 * disjoint lookup paths, as security.md's target names; with the limits on and a single path; with
 * the limits off and a single path (security.md's negative control); and with the table's cap on
 * inbound entries (8 of a bucket's 16) off as well, the defence that control leaves in place. After
 * the attack ran (30 simulated minutes by default) the scenario counts the attacker's entries in
 * the victim's table, then runs random-target lookups from the victim, one at a time so the
 * attacker knows each lookup's target, and compares the results with the honest nodes truly closest
 * to each target.
 *
 * <p>Each victim has an honest network of its own, joined the way the run's network was (same seed,
 * so the networks are identical): the farms' sybils answer pings, so honest nodes keep and relay
 * them, and a shared network would let every victim's lookups meet every other farm's sybils. The
 * four victims of one attacker size have the same key, seeds, attacker and lookup targets.
 */
final class EclipseScenario {
  /** Honest bootstrap records of a restarting victim. */
  static final int SEEDS = 5;

  /** How often each of the attacker's front ids pings the victim. */
  static final long PING_EVERY_MILLIS = 60_000;

  /** The disjoint lookup paths of the best-defended victim (security.md E4). */
  static final int DISJOINT_PATHS = 3;

  private static final int RESULTS = 16;
  private static final int ENOUGH_TRUE = 8;

  /** One victim's defences. */
  private record Setting(boolean ipLimits, boolean inboundCap, int paths) {}

  private static final List<Setting> SETTINGS =
      List.of(
          new Setting(true, true, DISJOINT_PATHS),
          new Setting(true, true, 1),
          new Setting(false, true, 1),
          new Setting(false, false, 1));

  private record Victim(Discv5Node node, EclipseFarm farm) {}

  private EclipseScenario() {}

  static EclipseStats run(Cluster cluster, SimConfig config, Progress progress, Random random) {
    if (!(cluster instanceof MemoryCluster memory)) {
      throw new IllegalArgumentException("the eclipse scenario needs the memory transport");
    }
    List<EclipseStats.Run> runs = new ArrayList<>();
    int honest = 0;
    long failed = 0;
    for (int subnets : config.attacks().eclipseSubnets()) {
      // The same victim key, seeds, sybils and targets for every setting of one attacker size, in
      // identical networks: the settings are compared pairwise.
      long victimSeed = random.nextLong();
      for (Setting setting : SETTINGS) {
        try (MemoryCluster network = new MemoryCluster(config)) {
          JoinPhase.run(network, config, progress);
          honest = network.liveNodes().size();
          runs.add(siege(network, config, progress, subnets, setting, new Random(victimSeed)));
          failed += network.failedEvents();
        }
      }
    }
    return new EclipseStats(honest, config.attacks().eclipseDuration().toSeconds(), failed, runs);
  }

  /** One victim with {@code setting} against an attacker with {@code subnets} /24s. */
  private static EclipseStats.Run siege(
      MemoryCluster cluster,
      SimConfig config,
      Progress progress,
      int subnets,
      Setting setting,
      Random random) {
    AttackConfig a = config.attacks();
    int pool = a.sybilsPerNode() * config.nodes();
    String label =
        "eclipse S="
            + subnets
            + " "
            + EclipseStats.Run.describe(setting.ipLimits(), setting.inboundCap(), setting.paths());
    Victim v = victim(cluster, subnets, setting, pool, random);
    long start = cluster.nowNanos();
    long seconds = a.eclipseDuration().toSeconds();
    progress.phase(label, Math.max(1, seconds));
    cluster.runUntil(
        () -> false,
        start + a.eclipseDuration().toNanos(),
        () -> progress.update((cluster.nowNanos() - start) / 1_000_000_000L, ""));
    CompletableFuture<List<SignedPeerRecord>> tableFuture = v.node().tableEntries();
    cluster.runUntil(tableFuture::isDone, cluster.nowNanos() + 10_000_000_000L, () -> {});
    List<SignedPeerRecord> table = tableFuture.getNow(List.of());
    int per = config.lookups();
    NodeId[] targets = new NodeId[per];
    for (int i = 0; i < per; i++) {
      targets[i] = NodeId.random(random);
    }
    List<LookupResult> outcomes = oneAtATime(cluster, config, progress, label, v, targets);
    List<NodeId> honest = cluster.liveNodes().stream().map(SimNode::id).toList();
    int attacker = (int) table.stream().filter(r -> v.farm().contains(r.nodeId())).count();
    int withHonest = 0;
    int withTrue = 0;
    long honestSum = 0;
    for (int i = 0; i < per; i++) {
      LookupResult o = outcomes.get(i);
      if (o == null) {
        continue;
      }
      List<SignedPeerRecord> top = o.closest();
      int good = (int) top.stream().filter(r -> !v.farm().contains(r.nodeId())).count();
      honestSum += good;
      withHonest += good > 0 ? 1 : 0;
      Set<NodeId> truth = closest(honest, targets[i]);
      int hits = (int) top.stream().filter(r -> truth.contains(r.nodeId())).count();
      withTrue += hits >= ENOUGH_TRUE ? 1 : 0;
    }
    v.node().stop();
    v.farm().stop();
    cluster.runFor(java.time.Duration.ofSeconds(1), () -> {});
    return new EclipseStats.Run(
        subnets,
        setting.ipLimits(),
        setting.inboundCap(),
        setting.paths(),
        v.farm().size(),
        table.size(),
        attacker,
        per,
        withHonest,
        withTrue,
        per == 0 ? Double.NaN : (double) honestSum / per,
        v.farm().pingsSent(),
        v.farm().findNodesAnswered());
  }

  /**
   * Runs the victim's lookups of {@code targets} one after the other, each told to the attacker
   * while it runs, so the attacker answers every FINDNODE for the right target; a lookup that fails
   * or takes longer than the operation timeout gives null.
   */
  private static List<LookupResult> oneAtATime(
      MemoryCluster cluster,
      SimConfig config,
      Progress progress,
      String label,
      Victim v,
      NodeId[] targets) {
    progress.phase(label + ": lookups", targets.length);
    LookupResult[] out = new LookupResult[targets.length];
    int[] done = {0};
    boolean[] over = {false};
    long timeout = config.opTimeout().toNanos();
    Runnable[] next = new Runnable[1];
    next[0] =
        () -> {
          if (over[0]) {
            return;
          }
          int i = done[0];
          NodeId target = targets[i];
          long started = cluster.nowNanos();
          v.farm().focus(target);
          v.node()
              .lookup(target)
              .whenComplete(
                  (r, e) -> {
                    v.farm().unfocus(target);
                    out[i] = e == null && cluster.nowNanos() - started <= timeout ? r : null;
                    if (++done[0] < targets.length && !over[0]) {
                      cluster.at(cluster.nowNanos(), next[0]);
                    }
                  });
        };
    if (targets.length > 0) {
      cluster.at(cluster.nowNanos(), next[0]);
    }
    cluster.runUntil(
        () -> done[0] >= targets.length,
        cluster.nowNanos() + targets.length * (timeout + 1_000_000_000L),
        () -> progress.update(done[0], ""));
    over[0] = true; // a lookup still running past the deadline starts no other
    return Arrays.asList(out);
  }

  private static Victim victim(
      MemoryCluster cluster, int subnets, Setting setting, int pool, Random random) {
    PrivateKey key = PrivateKey.generate(random);
    EclipseFarm farm =
        new EclipseFarm(cluster.network(), subnets, pool, Sybil.idOf(key), random.nextLong());
    LookupConfig lookup =
        setting.ipLimits() ? LookupConfig.DEFAULT : LookupConfig.DEFAULT.withMaxPerSubnet(0);
    NodeConfig.Builder b =
        NodeConfig.builder(key)
            .bind(cluster.nextBindAddress())
            .random(new Random(random.nextLong()))
            .table(table(setting.ipLimits(), setting.inboundCap()))
            .lookup(lookup.withPaths(setting.paths()));
    for (SimNode seed : cluster.randomLive(SEEDS, random, null)) {
      b.bootstrap(seed.node().localRecord());
    }
    NodeConfig c = b.build();
    Discv5Node node = cluster.newOutsider(c, new InMemoryProviderStore(c.providers()));
    node.start().thenRun(() -> farm.besiege(node.localRecord(), PING_EVERY_MILLIS));
    return new Victim(node, farm);
  }

  private static TableConfig table(boolean limits, boolean inboundCap) {
    TableConfig t = limits ? TableConfig.DEFAULT : TableConfig.DEFAULT.withIpLimitsEnabled(false);
    return inboundCap ? t : t.withMaxInboundPerBucket(t.bucketSize());
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
