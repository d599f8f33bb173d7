package io.codex.dht.discv5;

import static io.codex.dht.discv5.LoopbackCluster.join;
import static io.codex.dht.discv5.LoopbackCluster.onNode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.session.CodexProfile;
import io.codex.dht.session.LegacyCodexProfile;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.RecordFormat;
import io.codex.dht.spr.ServiceInfo;
import io.codex.dht.spr.SignedPeerRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Java nodes next to stand-ins for deployed Codex nodes ({@link LegacyCodexProfile}: PeerRecords
 * only, a whole message dropped for one record it cannot read) on loopback: a default bootstrap
 * node, sidecars with and without services, and Codex nodes find each other, providers cross both
 * ways, Java nodes still see each other's services, and no Codex node meets an unreadable record.
 * The control turns the per-peer filtering off: Codex nodes then drop messages.
 */
class MixedNetworkTest {
  private static final String MIX = "/mix/1.0.0";

  private record Network(
      LoopbackCluster cluster,
      Discv5Node boot,
      List<Discv5Node> legacy,
      List<Discv5Node> mix,
      List<Discv5Node> plain,
      LongAdder refused,
      SimpleMeterRegistry registry) {}

  private static Network network(LoopbackCluster c, boolean filtering) {
    LongAdder refused = new LongAdder();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    List<Discv5Node> java = new ArrayList<>();
    Discv5Node boot = c.start(b -> b.meterRegistry(registry));
    java.add(boot);
    List<Discv5Node> legacy = new ArrayList<>();
    List<Discv5Node> mix = new ArrayList<>();
    List<Discv5Node> plain = new ArrayList<>();
    Random data = new Random(3);
    for (int i = 0; i < 3; i++) {
      byte[] key = new byte[32];
      data.nextBytes(key);
      Discv5Node m =
          c.start(
              b ->
                  b.bootstrap(boot.plainRecord())
                      .service(ServiceInfo.of(MIX, key))
                      .meterRegistry(registry));
      mix.add(m);
      java.add(m);
      legacy.add(
          c.start(
              b ->
                  b.bootstrap(boot.plainRecord())
                      .recordFormat(RecordFormat.PEER_RECORD)
                      .wireProfile(new LegacyCodexProfile(CodexProfile.INSTANCE, refused))));
      Discv5Node p = c.start(b -> b.bootstrap(boot.plainRecord()).meterRegistry(registry));
      plain.add(p);
      java.add(p);
    }
    if (!filtering) {
      for (Discv5Node n : java) {
        onNode(n, () -> n.core().legacyFiltering = false);
      }
    }
    for (Discv5Node n : c.nodes) {
      join(n.lookup(n.nodeId()));
    }
    for (Discv5Node n : c.nodes) {
      join(n.lookup(n.nodeId())); // a second round: every node has met the later ones
    }
    return new Network(c, boot, legacy, mix, plain, refused, registry);
  }

  @Test
  void codexNodesAndJavaNodesSeeEachOtherAndNothingIsUnreadable() {
    try (LoopbackCluster c = new LoopbackCluster(16)) {
      Network n = network(c, true);
      assertEquals(RecordFormat.PEER_RECORD, n.boot().localRecord().format(), "safe default");
      assertEquals(RecordFormat.LOGOS, n.mix().get(0).localRecord().format());

      // Codex nodes find every node; service nodes in their plain form
      for (Discv5Node l : n.legacy()) {
        for (Discv5Node target : c.nodes) {
          if (target == l) {
            continue;
          }
          LookupResult r = join(l.lookup(target.nodeId()));
          assertTrue(r.targetRecord().isPresent(), l.nodeId() + " finds " + target.nodeId());
          assertEquals(RecordFormat.PEER_RECORD, r.targetRecord().get().format());
        }
      }
      // Java nodes find Codex nodes, and a sidecar without services finds the /mix peers
      for (Discv5Node l : n.legacy()) {
        assertTrue(join(n.plain().get(0).lookup(l.nodeId())).targetRecord().isPresent());
      }
      for (Discv5Node m : n.mix()) {
        join(m.advertise(MIX));
      }
      Set<NodeId> mixIds = n.mix().stream().map(Discv5Node::nodeId).collect(Collectors.toSet());
      List<ServicePeer> peers = join(n.plain().get(1).findPeers(MIX, 3));
      assertEquals(
          mixIds, peers.stream().map(p -> p.record().nodeId()).collect(Collectors.toSet()));
      for (ServicePeer p : peers) {
        assertArrayEquals(p.record().service(MIX).orElseThrow().data(), p.data());
        assertEquals(32, p.data().length, "the full record, with the service data");
      }

      // providers both ways
      NodeId fromJava = NodeId.random(new Random(1));
      NodeId fromCodex = NodeId.random(new Random(2));
      join(n.mix().get(0).addProvider(fromJava));
      join(n.legacy().get(0).addProvider(fromCodex));
      for (Discv5Node l : n.legacy()) {
        assertEquals(
            List.of(n.mix().get(0).nodeId()),
            join(l.getProviders(fromJava, 5)).stream().map(SignedPeerRecord::nodeId).toList());
      }
      for (Discv5Node j : List.of(n.plain().get(2), n.mix().get(1), n.boot())) {
        assertEquals(
            List.of(n.legacy().get(0).nodeId()),
            join(j.getProviders(fromCodex, 5)).stream().map(SignedPeerRecord::nodeId).toList());
      }

      assertEquals(0, n.refused().sum(), "messages a Codex node could not decode");
      assertTrue(
          sum(n.registry(), "discv5.records.withheld")
                  + sum(n.registry(), "discv5.records.plain_relayed")
              > 0,
          "the filter had work to do");
      assertTrue(sum(n.registry(), "discv5.records.plain_presented") > 0);
      assertTrue(sum(n.registry(), "discv5.records.full_requested") > 0);
      assertTrue(
          n.registry().find("discv5.peers.legacy").gauges().stream()
                  .mapToDouble(g -> g.value())
                  .sum()
              > 0);
    }
  }

  @Test
  void controlWithoutFilteringCodexNodesDropMessages() {
    try (LoopbackCluster c = new LoopbackCluster(16)) {
      Network n = network(c, false);
      for (Discv5Node l : n.legacy()) {
        for (Discv5Node m : n.mix()) {
          join(l.lookup(m.nodeId()));
        }
      }
      assertTrue(n.refused().sum() > 0, "Codex nodes met records they cannot read");
    }
  }

  private static double sum(SimpleMeterRegistry registry, String name) {
    return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
  }
}
