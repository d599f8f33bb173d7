package io.codex.dht.discv5;

import static io.codex.dht.discv5.LoopbackCluster.join;
import static io.codex.dht.discv5.LoopbackCluster.onNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.discv5.transport.NettyUdpTransport;
import io.codex.dht.discv5.transport.Transport;
import io.codex.dht.routing.TableEntry;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A live node that once missed a reply is still introduced to others. The flaky SidecarCrashTest:
 * when sidecar A answered one request of the bootstrap node too late (a busy machine), the
 * bootstrap node never told B about A, so B never sent A its provider record.
 *
 * <p>Each test: A contacts the bootstrap node (its handshake puts it in the table), loses one reply
 * to a request of the bootstrap node, answers again, and then newcomer B asks the bootstrap node
 * for the nodes at A's distance.
 */
class MissedReplyTest {

  /** A transport that silently drops the next {@link #dropNext} datagrams it is asked to send. */
  private static final class Lossy extends ForwardingTransport {
    final AtomicInteger dropNext = new AtomicInteger();

    Lossy(Transport inner) {
      super(inner);
    }

    @Override
    public void send(InetSocketAddress to, byte[] datagram) {
      if (dropNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return;
      }
      inner.send(to, datagram);
    }
  }

  private static Optional<TableEntry<Peer>> entry(Discv5Node holder, Discv5Node subject) {
    return onNode(holder, () -> holder.core().table.entry(subject.nodeId()));
  }

  /** The nodes {@code boot} tells a newcomer about at {@code a}'s distance. */
  private static List<SignedPeerRecord> toldAbout(
      LoopbackCluster c, Discv5Node boot, Discv5Node a) {
    Discv5Node b = c.start(x -> x.bootstrap(boot.localRecord()));
    int distance = a.nodeId().logDistance(boot.nodeId());
    return join(b.findNode(boot.localRecord(), List.of(distance)));
  }

  private static boolean tells(List<SignedPeerRecord> told, Discv5Node a) {
    return told.stream().anyMatch(r -> r.nodeId().equals(a.nodeId()));
  }

  /** Node A, whose replies {@link Lossy} can drop, in {@code boot}'s table with seen 1.0. */
  private static Discv5Node startA(LoopbackCluster c, Discv5Node boot, Lossy[] transport)
      throws InterruptedException {
    NodeConfig config =
        NodeConfig.builder(PrivateKey.generate(new Random(32)))
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .random(new Random(33))
            .bootstrap(boot.localRecord())
            .revalidation(Duration.ofMinutes(10), Duration.ofMinutes(10)) // A sends no pings
            .build();
    transport[0] = new Lossy(new NettyUdpTransport(config.bindAddresses(), c.group));
    Discv5Node a =
        Discv5Node.create(config, transport[0], c.pool.newScheduler(config.maxQueuedDatagrams()));
    c.nodes.add(a);
    join(a.start());
    join(a.lookup(a.nodeId())); // A's start-up lookups are over: its next datagram is a reply
    join(a.ping(boot.localRecord()));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (entry(boot, a).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(1.0, entry(boot, a).orElseThrow().seen(), "A answered: verified");
    return a;
  }

  private static void missOneReply(Lossy transport, CompletableFuture<?> request) {
    CompletionException missed = assertThrows(CompletionException.class, request::join);
    assertTrue(missed.getCause() instanceof RequestException, missed.toString());
    assertEquals(0, transport.dropNext.get(), "the dropped datagram was the reply");
  }

  @Test
  void aPeerThatMissedOnePingIsOfferedAgainOnceItAnswers() throws Exception {
    try (LoopbackCluster c = new LoopbackCluster(31)) {
      Discv5Node boot = c.start(b -> b.responseTimeout(Duration.ofMillis(300)));
      Lossy[] lossy = new Lossy[1];
      Discv5Node a = startA(c, boot, lossy);

      lossy[0].dropNext.set(1);
      missOneReply(lossy[0], boot.ping(a.localRecord()));
      join(boot.ping(a.localRecord()));
      // A is live and kept, but its smoothed score never gets back to 1.0.
      double seen = entry(boot, a).orElseThrow().seen();
      assertTrue(seen > 0.5 && seen < 1.0, "seen " + seen);

      List<SignedPeerRecord> told = toldAbout(c, boot, a);
      assertTrue(tells(told, a), "boot offers A (seen " + seen + "): " + told);
    }
  }

  @Test
  void aPeerRemovedAfterAMissedFindnodeIsTakenBackWhenItSendsARequest() throws Exception {
    try (LoopbackCluster c = new LoopbackCluster(41)) {
      Discv5Node boot = c.start(b -> b.responseTimeout(Duration.ofMillis(300)));
      Lossy[] lossy = new Lossy[1];
      Discv5Node a = startA(c, boot, lossy);

      lossy[0].dropNext.set(1);
      missOneReply(lossy[0], boot.findNode(a.localRecord(), List.of(256)));
      assertTrue(entry(boot, a).isEmpty(), "a FINDNODE timeout removes the entry (as in Codex)");

      // A talks to boot again, in the session it already has: no handshake, no record.
      join(a.ping(boot.localRecord()));
      assertEquals(1.0, entry(boot, a).map(TableEntry::seen).orElse(0.0), "A is back");
      List<SignedPeerRecord> told = toldAbout(c, boot, a);
      assertTrue(tells(told, a), "boot offers A: " + told);
    }
  }
}
