package io.codex.dht.discv5;

import static io.codex.dht.discv5.LoopbackCluster.join;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A client-mode node looks others up but never enters their tables. */
class ClientModeTest {

  @Test
  void clientLooksUpButIsNeverAdded() {
    try (LoopbackCluster c = new LoopbackCluster(11)) {
      Discv5Node boot = c.start(b -> {});
      List<Discv5Node> servers = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        servers.add(c.start(b -> b.bootstrap(boot.localRecord())));
      }
      for (Discv5Node s : servers) {
        join(s.lookup(s.nodeId()));
      }
      Discv5Node client = c.start(b -> b.bootstrap(boot.localRecord()).clientMode(true));
      for (Discv5Node s : servers) {
        LookupResult r = join(client.lookup(s.nodeId()));
        assertTrue(r.targetRecord().isPresent(), "client finds " + s.nodeId());
      }
      join(client.ping(servers.get(0).localRecord()));
      for (Discv5Node n : c.nodes) {
        if (n != client) {
          assertFalse(
              join(n.tableEntries()).stream().anyMatch(r -> r.nodeId().equals(client.nodeId())),
              "client in the table of " + n.nodeId());
        }
      }
    }
  }
}
