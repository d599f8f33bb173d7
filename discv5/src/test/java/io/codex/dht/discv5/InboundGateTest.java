package io.codex.dht.discv5;

import static io.codex.dht.discv5.LoopbackCluster.join;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.Multiaddr;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetAddress;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Security test E2: peers that contact a node first do not enter its table before its first self
 * lookup has completed.
 */
class InboundGateTest {

  private static boolean holds(Discv5Node holder, Discv5Node subject) {
    return join(holder.tableEntries()).stream().anyMatch(r -> r.nodeId().equals(subject.nodeId()));
  }

  /** Whether an early contact got into the table of a node still joining. */
  private static boolean earlyContactAdded(boolean gate) throws Exception {
    try (LoopbackCluster c = new LoopbackCluster(15)) {
      // A bootstrap record nobody answers: the self lookup waits for its timeouts.
      SignedPeerRecord silent =
          SignedPeerRecord.builder(PrivateKey.generate(new Random(2)))
              .address(Multiaddr.udp(InetAddress.getLoopbackAddress(), 9))
              .build();
      Discv5Node joining = c.start(b -> b.bootstrap(silent));
      if (!gate) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        joining
            .scheduler()
            .execute(
                () -> {
                  joining.core().acceptInbound = true;
                  f.complete(null);
                });
        join(f);
      }
      Discv5Node early = c.start(b -> {});
      join(early.ping(joining.localRecord()));
      boolean added = holds(joining, early);
      if (gate) {
        // Once the self lookup is over, newcomers get in, and the early contact is offered too.
        Thread.sleep(3_000);
        Discv5Node late = c.start(b -> {});
        join(late.ping(joining.localRecord()));
        assertTrue(holds(joining, late), "a peer contacting us after joining is added");
      }
      return added;
    }
  }

  @Test
  void noInboundEntriesBeforeTheFirstSelfLookup() throws Exception {
    assertFalse(earlyContactAdded(true));
    assertTrue(earlyContactAdded(false), "negative control: added without the gate");
  }
}
