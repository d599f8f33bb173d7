package io.codex.dht.discv5;

import static io.codex.dht.discv5.LoopbackCluster.onNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.discv5.providers.AddOutcome;
import io.codex.dht.discv5.providers.ProviderStoreConfig;
import io.codex.dht.session.Message;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/**
 * Acceptance test F3 (security.md §4.2): an attacker with its own session captures real provider
 * records (an honest provider's, served to it by GET_PROVIDERS, and another node's) and replays
 * them in ADD_PROVIDER: for the key they are stored under (to keep them alive) and for new keys.
 * Pass: 100 % refused, nothing stored, no expiry refreshed (the store's REFRESHED count stays 0);
 * the provider's own re-announcement does refresh it. Negative control: with third-party records
 * allowed ({@code allowThirdPartyProviders}) every replay is stored or refreshes the TTL.
 */
class F3ProviderOwnershipTest {
  private static final int REFRESHES = 50;
  private static final int NEW_KEYS = 25;

  /**
   * Replays sent between two barriers: a small batch, so a loaded machine whose receiving thread is
   * descheduled for a while cannot lose replays to a full socket buffer (the count is exact).
   */
  private static final int BATCH = 10;

  private final Random random = new Random(0xF3);
  private int barriers;
  private int unpaced;

  /** Sends a PING and waits for its PONG: everything the peer sent before has been processed. */
  private void barrier(RawPeer peer, Discv5Node node) throws Exception {
    unpaced = 0;
    Bytes rid = Bytes.ofUnsignedInt(0xF3F30000L + ++barriers);
    peer.send(node.localRecord(), new Message.Ping(rid, 1));
    awaitReply(peer, rid);
  }

  /** Sends {@code m} to {@code node}, with a barrier after every {@link #BATCH} messages. */
  private void sendPaced(RawPeer peer, Discv5Node node, Message m) throws Exception {
    peer.send(node.localRecord(), m);
    if (++unpaced == BATCH) {
      barrier(peer, node);
    }
  }

  private static Message awaitReply(RawPeer peer, Bytes rid) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (Message m : peer.received) {
        if (m.requestId().equals(rid)) {
          return m;
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no reply to " + rid);
  }

  private void attack(boolean allowThirdParty) throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ProviderStoreConfig store =
        ProviderStoreConfig.defaults().withAddRate(Double.POSITIVE_INFINITY, 1);
    try (LoopbackCluster c = new LoopbackCluster(71);
        RawPeer attacker = new RawPeer(PrivateKey.generate(random), 1)) {
      Discv5Node server =
          c.start(
              b ->
                  b.meterRegistry(registry)
                      .providers(store)
                      .allowThirdPartyProviders(allowThirdParty));
      Discv5Node provider = c.start(b -> b.bootstrap(server.localRecord()));
      Discv5Node bystander = c.start(b -> b.bootstrap(server.localRecord()));
      NodeId key = NodeId.random(random);
      Peer to = Peer.of(server.localRecord(), true, false).orElseThrow();
      // The record announced, fixed once: the provider may sign a newer one later (an address
      // update after it joined), and the test is about replays of the bytes the server stored.
      Bytes announced = Bytes.wrap(provider.localRecord().encoded());
      Runnable announce =
          () ->
              onNode(
                  provider,
                  () -> {
                    provider
                        .core()
                        .send(to.contact(), new Message.AddProvider(Bytes.of(7), key, announced));
                    return null;
                  });
      announce.run();
      // The attacker learns the provider's real record the ordinary way.
      Bytes getRid = Bytes.ofUnsignedInt(0xF3000001L);
      long deadline = System.nanoTime() + 20_000_000_000L;
      List<Bytes> captured = List.of();
      while (captured.isEmpty() && System.nanoTime() < deadline) {
        attacker.received.clear();
        attacker.send(server.localRecord(), new Message.GetProviders(getRid, key));
        captured = ((Message.Providers) awaitReply(attacker, getRid)).records();
      }
      assertEquals(List.of(announced), captured);
      Bytes bystanderRecord = Bytes.wrap(bystander.localRecord().encoded());
      for (int i = 0; i < REFRESHES; i++) {
        sendPaced(attacker, server, new Message.AddProvider(Bytes.of(1, i), key, captured.get(0)));
      }
      for (int i = 0; i < NEW_KEYS; i++) {
        sendPaced(
            attacker,
            server,
            new Message.AddProvider(Bytes.of(2, i), NodeId.random(random), captured.get(0)));
        sendPaced(
            attacker,
            server,
            new Message.AddProvider(Bytes.of(3, i), NodeId.random(random), bystanderRecord));
      }
      barrier(attacker, server);
      long refreshed =
          onNode(server, () -> server.core().providerStore.addCount(AddOutcome.REFRESHED));
      int size = onNode(server, () -> server.core().providerStore.size());
      double refused =
          registry.find("discv5.providers.refused").tag("reason", "not_sender").counter() == null
              ? 0
              : registry
                  .get("discv5.providers.refused")
                  .tag("reason", "not_sender")
                  .counter()
                  .count();
      String seen = "refreshed " + refreshed + ", stored " + size + ", refused " + refused;
      if (allowThirdParty) {
        assertEquals(REFRESHES, refreshed, "control: " + seen);
        assertEquals(1 + 2 * NEW_KEYS, size, "control: " + seen);
        return;
      }
      assertEquals(REFRESHES + 2 * NEW_KEYS, refused, seen);
      assertEquals(0, refreshed, "no replay refreshed the TTL: " + seen);
      assertEquals(1, size, seen);
      // The provider itself refreshes its record.
      announce.run();
      deadline = System.nanoTime() + 20_000_000_000L;
      while (onNode(server, () -> server.core().providerStore.addCount(AddOutcome.REFRESHED)) == 0
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(
          1L, onNode(server, () -> server.core().providerStore.addCount(AddOutcome.REFRESHED)));
      // The attacker's own record is accepted: the refusals are about ownership only.
      attacker.send(
          server.localRecord(),
          new Message.AddProvider(Bytes.of(4), key, Bytes.wrap(attacker.record.encoded())));
      barrier(attacker, server);
      assertTrue(onNode(server, () -> server.core().providerStore.size()) == 2, seen);
    }
  }

  @Test
  void replayedAndForeignRecordsAreRefusedAndRefreshNothing() throws Exception {
    attack(false);
  }

  @Test
  void controlWithThirdPartyRecordsAllowedReplaysKeepTheRecordAlive() throws Exception {
    attack(true);
  }
}
