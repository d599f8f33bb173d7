package io.codex.dht.simulator.scenario;

import io.codex.dht.discv5.Discv5Node;
import io.codex.dht.discv5.NodeConfig;
import io.codex.dht.discv5.providers.Cid;
import io.codex.dht.discv5.providers.InMemoryProviderStore;
import io.codex.dht.discv5.providers.ProviderStoreConfig;
import io.codex.dht.simulator.attack.CountingProviderStore;
import io.codex.dht.simulator.attack.SpamFarm;
import io.codex.dht.simulator.report.ProviderSpamStats;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Security test G2: a victim joins the network; honest nodes announce CIDs whose keys lie close to
 * it (so it is among the nodes storing them); then a {@link SpamFarm} floods it with ADD_PROVIDER
 * for random CIDs while other honest nodes look the honest CIDs up. Run twice, each time with a
 * fresh victim: with the store's limits (record and byte caps, per-sender rate, and the node's
 * per-/24 ADD_PROVIDER rate), then with every limit off (the negative control).
 */
final class ProviderSpamScenario {
  /** Honest bootstrap records of the victim. */
  static final int SEEDS = 5;

  /** Bits an honest CID's key shares with the victim's id, at least. */
  static final int NEAR_BITS = 8;

  private static final Duration JOIN = Duration.ofSeconds(30);
  private static final long HANDSHAKE_MILLIS = 10_000;
  private static final String ADD_PROVIDER_KIND = "add_provider";

  private ProviderSpamScenario() {}

  static ProviderSpamStats run(
      Cluster cluster, SimConfig config, Progress progress, Random random) {
    if (!(cluster instanceof MemoryCluster memory)) {
      throw new IllegalArgumentException("the provider-spam scenario needs the memory transport");
    }
    AttackConfig a = config.attacks();
    ProviderStoreConfig defended =
        ProviderStoreConfig.defaults()
            .withCapacity(a.spamMaxRecords(), ProviderStoreConfig.DEFAULT_MAX_BYTES);
    ProviderStoreConfig open =
        ProviderStoreConfig.defaults()
            .withCapacity(Integer.MAX_VALUE, Long.MAX_VALUE)
            .withAddRate(Double.POSITIVE_INFINITY, 1)
            .withSubnetAddRate(Double.POSITIVE_INFINITY, 1);
    List<ProviderSpamStats.Phase> phases = new ArrayList<>();
    long[] floodMillis = new long[1];
    phases.add(phase(memory, config, defended, true, progress, random, floodMillis));
    phases.add(phase(memory, config, open, false, progress, random, floodMillis));
    return new ProviderSpamStats(
        a.spamMessages(), a.spamSenders(), a.spamSubnets(), floodMillis[0] / 1000.0, phases);
  }

  private static ProviderSpamStats.Phase phase(
      MemoryCluster cluster,
      SimConfig config,
      ProviderStoreConfig storeConfig,
      boolean limits,
      Progress progress,
      Random random,
      long[] floodMillis) {
    AttackConfig a = config.attacks();
    String name = limits ? "provider-spam" : "provider-spam, no limits";
    SimpleMeterRegistry victimMetrics = new SimpleMeterRegistry();
    NodeConfig.Builder b =
        NodeConfig.builder(PrivateKey.generate(random))
            .bind(cluster.nextBindAddress())
            .random(new Random(random.nextLong()))
            .providers(storeConfig)
            .meterRegistry(victimMetrics);
    for (SimNode seed : cluster.randomLive(SEEDS, random, null)) {
      b.bootstrap(seed.node().localRecord());
    }
    CountingProviderStore store = new CountingProviderStore(new InMemoryProviderStore(storeConfig));
    Discv5Node victim = cluster.newOutsider(b.build(), store);
    victim.start();
    cluster.runFor(JOIN, () -> {});

    int n = config.cids();
    Cid[] cids = new Cid[n];
    SimNode[] announcers = new SimNode[n];
    for (int i = 0; i < n; i++) {
      cids[i] = nearCid(victim.nodeId(), random);
    }
    PacedOps.run(
        cluster,
        progress,
        name + ": announce",
        n,
        config.opsPerSecond(),
        config.opTimeout(),
        i -> {
          announcers[i] = cluster.randomLive(random, null);
          return announcers[i].node().addProvider(cids[i]);
        });

    SpamFarm farm =
        new SpamFarm(cluster.network(), a.spamSenders(), a.spamSubnets(), random.nextLong());
    SignedPeerRecord target = victim.localRecord();
    farm.handshake(target, HANDSHAKE_MILLIS);
    cluster.runFor(Duration.ofMillis(HANDSHAKE_MILLIS + 2_000), () -> {});
    long heapBefore = usedHeapAfterGc();
    floodMillis[0] =
        farm.flood(
            target,
            a.spamMessages(),
            a.spamPerSecond(),
            () -> ProviderScenario.randomCid(random).dhtKey());
    // The honest lookups are spread over the flood.
    double findRate = Math.max(1.0, n * 1000.0 / Math.max(1, floodMillis[0]));
    List<PacedOps.Outcome<List<SignedPeerRecord>>> found =
        PacedOps.run(
            cluster,
            progress,
            name + ": flood",
            n,
            findRate,
            config.opTimeout(),
            i -> {
              SimNode finder = cluster.randomLive(random, announcers[i]);
              return finder.node().getProviders(cids[i], ProviderScenario.MAX_PROVIDERS);
            });
    cluster.runUntil(
        () -> farm.sent() >= a.spamMessages(),
        cluster.nowNanos() + floodMillis[0] * 1_000_000L + 60_000_000_000L,
        () -> {});
    cluster.runFor(Duration.ofSeconds(2), () -> {});
    long heapAfter = usedHeapAfterGc();
    int honestFound = 0;
    for (int i = 0; i < n; i++) {
      NodeId announcer = announcers[i].id();
      PacedOps.Outcome<List<SignedPeerRecord>> o = found.get(i);
      if (o.ok() && o.value().stream().anyMatch(r -> r.nodeId().equals(announcer))) {
        honestFound++;
      }
    }
    double floodSeconds = Math.max(1, floodMillis[0]) / 1000.0;
    long cap = limits ? storeConfig.maxRecords() : 0;
    double share =
        (double) store.maxStoredPerSubnet() / (limits ? storeConfig.maxRecords() : store.size());
    ProviderSpamStats.Phase phase =
        new ProviderSpamStats.Phase(
            limits,
            cap,
            limits ? storeConfig.maxBytes() : 0,
            store.offered(),
            store.size(),
            store.bytes(),
            heapAfter - heapBefore,
            store.maxPerIdPerSecond(),
            store.maxAcceptedPerId() / floodSeconds,
            store.maxPerSubnetPerSecond(),
            store.size() == 0 ? 0 : share,
            n,
            honestFound,
            count(victimMetrics, "discv5.messages.in", "kind", ADD_PROVIDER_KIND)
                .getOrDefault(ADD_PROVIDER_KIND, 0L),
            count(victimMetrics, "discv5.drops", "reason", null));
    farm.stop();
    victim.stop();
    cluster.runFor(Duration.ofSeconds(1), () -> {});
    return phase;
  }

  /** A random CID whose DHT key shares at least {@link #NEAR_BITS} leading bits with {@code id}. */
  static Cid nearCid(NodeId id, Random random) {
    while (true) {
      Cid cid = ProviderScenario.randomCid(random);
      if (cid.dhtKey().logDistance(id) <= NodeId.BITS - NEAR_BITS) {
        return cid;
      }
    }
  }

  /** The counts of counter {@code name} by the value of {@code tag}, or of one value. */
  private static Map<String, Long> count(
      SimpleMeterRegistry registry, String name, String tag, String onlyValue) {
    Map<String, Long> out = new TreeMap<>();
    for (Counter c : registry.find(name).counters()) {
      String value = c.getId().getTag(tag);
      if (value != null && (onlyValue == null || onlyValue.equals(value))) {
        out.merge(value, (long) c.count(), Long::sum);
      }
    }
    return out;
  }

  private static long usedHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
