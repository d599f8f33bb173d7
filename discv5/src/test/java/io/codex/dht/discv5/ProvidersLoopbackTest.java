package io.codex.dht.discv5;

import static io.codex.dht.discv5.LoopbackCluster.join;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.discv5.providers.ProviderStoreConfig;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.ServiceInfo;
import io.codex.dht.spr.SignedPeerRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Providers and services among real nodes on loopback UDP. The provider TTL is long against the
 * work (so a loaded machine cannot make records lapse early); the tests let it pass by moving the
 * nodes' clocks ahead ({@link LoopbackCluster#skipAhead}) instead of sleeping.
 */
class ProvidersLoopbackTest {
  private static final Duration TTL = Duration.ofMinutes(10);

  private static List<Discv5Node> network(LoopbackCluster c, int n) {
    Discv5Node boot = c.start(b -> b.providers(ProviderStoreConfig.defaults().withTtl(TTL)));
    for (int i = 1; i < n; i++) {
      c.start(
          b ->
              b.bootstrap(boot.localRecord())
                  .providers(ProviderStoreConfig.defaults().withTtl(TTL))
                  .providerRepublish(Duration.ofSeconds(5)));
    }
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (c.nodes.stream().anyMatch(x -> x.tableSize() < n / 2) && System.nanoTime() < deadline) {
      List<CompletableFuture<LookupResult>> joins = new ArrayList<>();
      c.nodes.forEach(x -> joins.add(x.lookup(x.nodeId())));
      joins.forEach(LoopbackCluster::join);
    }
    return c.nodes;
  }

  @Test
  void fiftyCidsAreFoundUntilTheirTtlAndRemovedOnesAreNotRefreshed() throws Exception {
    try (LoopbackCluster c = new LoopbackCluster(20)) {
      List<Discv5Node> nodes = network(c, 20);
      Random random = new Random(3);
      List<NodeId> keys = new ArrayList<>();
      List<Discv5Node> announcers = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        NodeId key = NodeId.random(random);
        Discv5Node announcer = nodes.get(1 + random.nextInt(nodes.size() - 1));
        AnnounceResult r = join(announcer.addProvider(key));
        assertTrue(r.sentTo() > 0 || r.storedLocally());
        keys.add(key);
        announcers.add(announcer);
      }
      for (int i = 0; i < keys.size(); i++) {
        Discv5Node finder = nodes.get(random.nextInt(nodes.size()));
        NodeId announcer = announcers.get(i).nodeId();
        List<SignedPeerRecord> found = join(finder.getProviders(keys.get(i), 5));
        assertTrue(
            found.stream().anyMatch(r -> r.nodeId().equals(announcer)), "cid " + i + " found");
      }

      // An announcer that stops: its records stay until their TTL.
      Discv5Node stopped = announcers.get(0);
      NodeId stoppedKey = keys.get(0);
      join(stopped.stop());
      Discv5Node finder = nodes.get(0) == stopped ? nodes.get(1) : nodes.get(0);
      assertTrue(
          join(finder.getProviders(stoppedKey, 5)).stream()
              .anyMatch(r -> r.nodeId().equals(stopped.nodeId())),
          "still served after the announcer stopped");

      // removeProvider: no more refreshes, so the record lapses; a kept one is refreshed.
      Discv5Node keeper =
          nodes.stream().filter(n -> n != stopped).skip(2).findFirst().orElseThrow();
      NodeId removed = NodeId.random(random);
      NodeId kept = NodeId.random(random);
      join(keeper.addProvider(removed));
      join(keeper.addProvider(kept));
      assertTrue(join(keeper.removeProvider(removed)));
      Discv5Node other = nodes.stream().filter(n -> n != stopped && n != keeper).findFirst().get();
      assertTrue(
          join(other.getProviders(removed, 5)).stream()
              .anyMatch(r -> r.nodeId().equals(keeper.nodeId())),
          "a removed provider is still served by the others until its TTL");
      // Two TTLs pass on every node's clock; then the keeper's next republish stores `kept` again.
      c.skipAhead(TTL.toMillis() * 2);
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (join(other.getProviders(kept, 5)).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertTrue(join(other.getProviders(removed, 5)).isEmpty(), "removed provider lapsed");
      assertTrue(
          join(other.getProviders(stoppedKey, 5)).stream()
              .noneMatch(r -> r.nodeId().equals(stopped.nodeId())),
          "stopped provider lapsed");
      assertEquals(
          List.of(keeper.nodeId()),
          join(other.getProviders(kept, 5)).stream().map(SignedPeerRecord::nodeId).toList(),
          "a provider still announcing stays");
    }
  }

  @Test
  void serviceWithDataIsFoundWithItsData() {
    try (LoopbackCluster c = new LoopbackCluster(21)) {
      List<Discv5Node> nodes = network(c, 10);
      byte[] mixKey = new byte[32];
      new Random(1).nextBytes(mixKey);
      Discv5Node offering = nodes.get(3);
      join(offering.updateServices(List.of(ServiceInfo.of("/mix/1.0.0", mixKey))));
      join(offering.advertise("/mix/1.0.0"));
      List<ServicePeer> peers = join(nodes.get(7).findPeers("/mix/1.0.0", 5));
      assertEquals(
          List.of(offering.nodeId()), peers.stream().map(p -> p.record().nodeId()).toList());
      assertArrayEquals(mixKey, peers.get(0).data());
    }
  }
}
