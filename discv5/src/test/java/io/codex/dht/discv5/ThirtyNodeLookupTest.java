package io.codex.dht.discv5;

import static io.codex.dht.discv5.LoopbackCluster.join;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** 30 real nodes that know one bootstrap record find every other node by lookup. */
class ThirtyNodeLookupTest {

  @Test
  void everyNodeFindsEveryOther() throws Exception {
    try (LoopbackCluster c = new LoopbackCluster(30)) {
      java.util.Map<Discv5Node, io.micrometer.core.instrument.simple.SimpleMeterRegistry> regs =
          new java.util.HashMap<>();
      var r0 = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
      Discv5Node boot = c.start(b -> b.meterRegistry(r0));
      regs.put(boot, r0);
      for (int i = 1; i < 30; i++) {
        var r = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        regs.put(c.start(b -> b.bootstrap(boot.localRecord()).meterRegistry(r)), r);
      }
      // Joining: each node looks itself up once more, now that all exist.
      List<CompletableFuture<LookupResult>> joins = new ArrayList<>();
      for (Discv5Node n : c.nodes) {
        joins.add(n.lookup(n.nodeId()));
      }
      joins.forEach(LoopbackCluster::join);

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
      for (Discv5Node t : c.nodes) {
        if (missed.stream().anyMatch(m -> m.endsWith(t.nodeId().toShortString()))) {
          System.out.println(
              "MISSED "
                  + t.nodeId().toShortString()
                  + " table "
                  + t.tableSize()
                  + " "
                  + regs.get(t).getMeters().stream()
                      .filter(
                          m ->
                              m instanceof io.micrometer.core.instrument.Counter cc
                                      && cc.count() > 0
                                  || m instanceof io.micrometer.core.instrument.FunctionCounter fc
                                      && fc.count() > 0)
                      .map(
                          m ->
                              m.getId().getName()
                                  + m.getId().getTags()
                                  + "="
                                  + m.measure().iterator().next().getValue())
                      .toList());
        }
      }
      assertEquals(30 * 29, lookups);
      assertEquals(List.of(), missed);
    }
  }
}
