package io.codex.dht.discv5;

import static io.codex.dht.discv5.LoopbackCluster.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.routing.AddResult;
import io.codex.dht.spr.ServiceInfo;
import io.codex.dht.spr.SignedPeerRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A node that changes its services is seen with its new record; its old record is refused. */
class RecordUpdateTest {

  @Test
  void newRecordPropagatesByRevalidationAndTheOldOneIsRefused() throws Exception {
    try (LoopbackCluster c = new LoopbackCluster(7)) {
      Discv5Node a = c.start(b -> b.revalidation(Duration.ofMillis(100), Duration.ofMillis(200)));
      Discv5Node x =
          c.start(
              b ->
                  b.bootstrap(a.localRecord())
                      .revalidation(Duration.ofMillis(100), Duration.ofMillis(200)));
      join(x.ping(a.localRecord()));
      SignedPeerRecord old = x.localRecord();
      assertEquals(Optional.of(old), recordOf(a, x));

      SignedPeerRecord updated =
          join(x.updateServices(List.of(ServiceInfo.of("/mix/1.0.0", new byte[32]))));
      assertTrue(updated.isNewerThan(old));
      assertEquals(updated, x.localRecord());

      // One revalidation round of a's (two-entry) table: a pings x, sees the higher seq in the
      // PONG, and fetches the new record with FINDNODE [0].
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!recordOf(a, x).equals(Optional.of(updated)) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(Optional.of(updated), recordOf(a, x));

      // A replay of the old record (say, in a NODES answer) does not roll it back.
      Peer replay = Peer.of(old, true, false).orElseThrow();
      AddResult replayed = join(onNode(a, () -> a.core().learn(replay)));
      assertEquals(AddResult.STALE_SEQ, replayed);
      assertEquals(Optional.of(updated), recordOf(a, x));
    }
  }

  private static Optional<SignedPeerRecord> recordOf(Discv5Node holder, Discv5Node subject) {
    return join(holder.tableEntries()).stream()
        .filter(r -> r.nodeId().equals(subject.nodeId()))
        .findFirst();
  }

  private static <T> java.util.concurrent.CompletableFuture<T> onNode(
      Discv5Node node, java.util.function.Supplier<T> action) {
    var f = new java.util.concurrent.CompletableFuture<T>();
    node.scheduler().execute(() -> f.complete(action.get()));
    return f;
  }
}
