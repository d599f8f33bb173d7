package io.codex.dht.discv5;

import static io.codex.dht.discv5.LoopbackCluster.join;
import static io.codex.dht.discv5.LoopbackCluster.onNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.discv5.exec.SharedPool;
import io.codex.dht.discv5.transport.NettyUdpTransport;
import io.codex.dht.discv5.transport.Transport;
import io.codex.dht.session.Message;
import io.codex.dht.spr.Multiaddr;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/** Serving ADD_PROVIDER and GET_PROVIDERS: ownership check and packet sizes. */
class ProviderServingTest {
  private final Random random = new Random(77);

  /** A transport that records the size of every datagram it sends. */
  private static final class Recording extends ForwardingTransport {
    final List<Integer> sent = new CopyOnWriteArrayList<>();

    Recording(Transport inner) {
      super(inner);
    }

    @Override
    public void send(InetSocketAddress to, byte[] datagram) {
      sent.add(datagram.length);
      inner.send(to, datagram);
    }
  }

  private SignedPeerRecord someoneElse(int i) throws Exception {
    return SignedPeerRecord.builder(PrivateKey.generate(random))
        .address(Multiaddr.tcp(InetAddress.getByName("203.0.113." + (i + 1)), 4001))
        .build();
  }

  @Test
  void twentyProvidersComeBackInPacketsOfAtMost1280Bytes() throws Exception {
    try (LoopbackCluster c = new LoopbackCluster(5);
        SharedPool pool = new SharedPool(1, "serving")) {
      NodeConfig config =
          NodeConfig.builder(PrivateKey.generate(random))
              .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .random(new Random(1))
              .build();
      Recording transport = new Recording(new NettyUdpTransport(config.bindAddresses(), c.group));
      Discv5Node server = Discv5Node.create(config, transport, pool.newScheduler(1024));
      join(server.start());
      Discv5Node client = c.start(b -> b.bootstrap(server.localRecord()));
      NodeId key = NodeId.random(random);
      for (int i = 0; i < 20; i++) {
        SignedPeerRecord provider = someoneElse(i);
        onNode(
            server,
            () ->
                server
                    .core()
                    .providerStore
                    .add(key, provider, provider.nodeId(), server.scheduler().nowMillis()));
      }
      join(client.ping(server.localRecord()));
      transport.sent.clear();
      List<SignedPeerRecord> found = join(client.getProviders(key, 20));
      assertEquals(20, found.size());
      assertTrue(transport.sent.size() >= 4, "20 records need several packets: " + transport.sent);
      assertTrue(transport.sent.stream().allMatch(n -> n <= 1280), "sizes " + transport.sent);
      join(server.stop());
    }
  }

  @Test
  void addProviderWithSomeoneElsesRecordIsRefusedUnlessAllowed() throws Exception {
    for (boolean allow : new boolean[] {false, true}) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      try (LoopbackCluster c = new LoopbackCluster(6)) {
        Discv5Node server = c.start(b -> b.meterRegistry(registry).allowThirdPartyProviders(allow));
        Discv5Node sender = c.start(b -> b.bootstrap(server.localRecord()));
        join(sender.ping(server.localRecord()));
        NodeId key = NodeId.random(random);
        SignedPeerRecord foreign = someoneElse(1);
        Peer to = Peer.of(server.localRecord(), true, false).orElseThrow();
        onNode(
            sender,
            () -> {
              sender
                  .core()
                  .send(
                      to.contact(),
                      new Message.AddProvider(Bytes.of(1), key, Bytes.wrap(foreign.encoded())));
              return null;
            });
        // The sender's own record is always accepted: send one to know the first has arrived.
        onNode(
            sender,
            () -> {
              sender
                  .core()
                  .send(
                      to.contact(),
                      new Message.AddProvider(
                          Bytes.of(2), key, Bytes.wrap(sender.localRecord().encoded())));
              return null;
            });
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (onNode(server, () -> server.core().providerStore.size()) < (allow ? 2 : 1)
            && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        List<NodeId> stored =
            onNode(
                server,
                () ->
                    server
                        .core()
                        .providerStore
                        .get(key, 20, server.scheduler().nowMillis())
                        .stream()
                        .map(SignedPeerRecord::nodeId)
                        .toList());
        if (allow) {
          assertEquals(List.of(foreign.nodeId(), sender.nodeId()), stored);
        } else {
          assertEquals(List.of(sender.nodeId()), stored);
          assertEquals(
              1.0,
              registry
                  .get("discv5.providers.refused")
                  .tag("reason", "not_sender")
                  .counter()
                  .count());
        }
      }
    }
  }
}
