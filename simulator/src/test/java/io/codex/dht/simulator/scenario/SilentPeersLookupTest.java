package io.codex.dht.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.discv5.Discv5Node;
import io.codex.dht.discv5.LookupResult;
import io.codex.dht.discv5.NodeConfig;
import io.codex.dht.routing.LookupConfig;
import io.codex.dht.simulator.EventLoop;
import io.codex.dht.simulator.VirtualScheduler;
import io.codex.dht.simulator.net.SimNetwork;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Lookups on the in-memory network (default latency, virtual time) while every packet to and from
 * the six nodes closest to the target is dropped: with the stall rule the lookup finds the target
 * in about as many rounds as with those nodes up (at most two more), and the six cost it less than
 * one response timeout in all (its time is bounded by stall times); the negative control, stalls
 * off, waits out response timeouts (a lookup of at least 1 s).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SilentPeersLookupTest {
  private static final int NODES = 64;
  private static final int SILENT = 6;
  private static final int TARGETS = 6;
  private static final long RESPONSE_TIMEOUT_NANOS = 1_000_000_000L;

  private final Random random = new Random(19);
  private final EventLoop loop = new EventLoop();
  private final SimNetwork network = new SimNetwork(loop, 19);
  private final List<Discv5Node> nodes = new ArrayList<>();
  private final List<InetSocketAddress> addresses = new ArrayList<>();
  private Discv5Node withStalls;
  private Discv5Node withoutStalls;

  @BeforeAll
  void formNetwork() {
    for (int i = 0; i < NODES; i++) {
      nodes.add(node(LookupConfig.DEFAULT));
    }
    withStalls = node(LookupConfig.DEFAULT);
    withoutStalls = node(LookupConfig.DEFAULT.withMaxStalled(0));
    loop.runFor(Duration.ofSeconds(60));
  }

  private Discv5Node node(LookupConfig lookup) {
    NodeConfig.Builder b =
        NodeConfig.builder(PrivateKey.generate(random))
            .bind(network.allocateAddress())
            .random(new Random(random.nextLong()))
            .lookup(lookup);
    if (!nodes.isEmpty()) {
      b.bootstrap(nodes.get(0).localRecord());
      b.bootstrap(nodes.get(nodes.size() / 2).localRecord());
    }
    NodeConfig config = b.build();
    VirtualScheduler scheduler = loop.newScheduler();
    Discv5Node n =
        Discv5Node.create(
            config, network.transport(config.bindAddresses().get(0), scheduler), scheduler);
    loop.await(n.start(), Duration.ofSeconds(5));
    addresses.add(config.bindAddresses().get(0));
    return n;
  }

  /** A lookup and the virtual time it took. */
  private record Timed(LookupResult result, long nanos) {}

  private Timed lookup(Discv5Node from, NodeId target) {
    long start = loop.now();
    LookupResult r = loop.await(from.lookup(target), Duration.ofSeconds(30));
    return new Timed(r, loop.now() - start);
  }

  @Test
  void silentPeersCostStallTimesNotResponseTimeouts() {
    int slowerControls = 0;
    for (int t = 0; t < TARGETS; t++) {
      int targetIndex = 1 + random.nextInt(NODES - 1);
      NodeId target = nodes.get(targetIndex).nodeId();
      Timed up = lookup(withStalls, target);
      assertTrue(up.result().targetRecord().isPresent(), "found with every node up");

      // Every packet to and from the six nodes closest to the target (but the target) is lost.
      List<Integer> closest = new ArrayList<>();
      for (int i = 0; i < NODES; i++) {
        if (i != targetIndex) {
          closest.add(i);
        }
      }
      closest.sort(
          Comparator.comparing(i -> nodes.get(i).nodeId(), (a, b) -> target.compareDistance(a, b)));
      for (int i : closest.subList(0, SILENT)) {
        network.isolate(addresses.get(i));
      }
      Timed silent = lookup(withStalls, target);
      Timed control = lookup(withoutStalls, target);
      network.heal();
      loop.runFor(Duration.ofSeconds(5));

      assertTrue(silent.result().targetRecord().isPresent(), "found with six silent peers");
      assertTrue(
          silent.result().rounds() <= up.result().rounds() + 2,
          "rounds " + silent.result().rounds() + " vs " + up.result().rounds());
      // Six silent peers cost less than one response timeout in all: each costs a stall time.
      assertTrue(
          silent.nanos() - up.nanos() < RESPONSE_TIMEOUT_NANOS,
          "bounded by stall times: " + silent.nanos() / 1e6 + " ms, up: " + up.nanos() / 1e6);
      assertTrue(control.result().targetRecord().isPresent());
      if (control.nanos() >= RESPONSE_TIMEOUT_NANOS) {
        slowerControls++;
      }
    }
    assertEquals(TARGETS, slowerControls, "negative control: without stalls a lookup waits 1 s");
  }
}
