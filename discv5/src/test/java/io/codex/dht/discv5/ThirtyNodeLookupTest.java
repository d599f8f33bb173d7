package io.codex.dht.discv5;

import static io.codex.dht.discv5.LoopbackCluster.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** 30 real nodes that know one bootstrap record find every other node by lookup. */
class ThirtyNodeLookupTest {
  private static final int NODES = 30;

  @Test
  void everyNodeFindsEveryOther() throws Exception {
    try (LoopbackCluster c = new LoopbackCluster(30)) {
      Discv5Node boot = c.start(b -> {});
      for (int i = 1; i < NODES; i++) {
        c.start(b -> b.bootstrap(boot.localRecord()));
      }
      // Joined: every node has run its start-up lookups and knows a good share of the network
      // (on a loaded machine this takes a few rounds of lookups).
      long deadline = System.nanoTime() + 120_000_000_000L;
      while (c.nodes.stream().anyMatch(n -> n.tableSize() < NODES / 2)
          && System.nanoTime() < deadline) {
        List<CompletableFuture<LookupResult>> joins = new ArrayList<>();
        for (Discv5Node n : c.nodes) {
          joins.add(n.lookup(n.nodeId()));
        }
        joins.forEach(LoopbackCluster::join);
      }
      assertTrue(
          c.nodes.stream().allMatch(n -> n.tableSize() >= NODES / 2),
          "every node joined the network");

      int lookups = 0;
      List<String> missed = new ArrayList<>();
      for (Discv5Node from : c.nodes) {
        List<CompletableFuture<LookupResult>> batch = new ArrayList<>();
        for (Discv5Node target : c.nodes) {
          if (target != from) {
            batch.add(from.lookup(target.nodeId()));
          }
        }
        for (CompletableFuture<LookupResult> f : batch) {
          LookupResult r = join(f);
          lookups++;
          if (r.targetRecord().isEmpty()) {
            missed.add(from.nodeId().toShortString() + "->" + r.target().toShortString());
          }
        }
      }
      assertEquals(NODES * (NODES - 1), lookups);
      assertEquals(List.of(), missed);
    }
  }
}
