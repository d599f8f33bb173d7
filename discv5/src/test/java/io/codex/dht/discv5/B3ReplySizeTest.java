package io.codex.dht.discv5;

import static io.codex.dht.discv5.LoopbackCluster.join;
import static io.codex.dht.discv5.LoopbackCluster.onNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.discv5.providers.ProviderStoreConfig;
import io.codex.dht.discv5.transport.NettyUdpTransport;
import io.codex.dht.discv5.transport.Transport;
import io.codex.dht.session.Message;
import io.codex.dht.spr.Multiaddr;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/**
 * Acceptance test B3 (security.md §4.2): from an established session, a peer whose record
 * advertises another address V sends FINDNODE with the largest distance list one packet holds (294
 * two-byte distances, with duplicates and values over 256: the decoder refuses more than 16, so it
 * draws no answer at all), then the largest accepted list (16 distances, each twice; and with
 * values over 256), GET_PROVIDERS for a key with 20 stored providers, and oversized TALKREQs (to a
 * handler whose answer would not fit in a packet, and to one echoing the request). Pass: at most 16
 * records in at most 5 NODES packets, at most 20 records in at most 5 PROVIDERS packets, one
 * TALKRESP per TALKREQ (empty when the answer would not fit), every packet at most 1280 bytes and
 * sent to the envelope (source) address, 0 bytes to V. Negative control: without the per-answer
 * caps ({@code RequestHandlers.maxNodes}, {@code maxProviders}, {@code maxTalkResponse}) the same
 * requests are answered with more records in more than 5 packets, and the oversized TALKRESP is not
 * answered at all (the session refuses to send it). Replying to the envelope address is structural
 * (a session is bound to the address it was made from), so there is nothing to switch off; a
 * measurement control instead has the server start a PING to the attacker's record, and checks that
 * packet is seen going to V.
 */
class B3ReplySizeTest {
  private final Random random = new Random(0xB3);

  /** A transport that records every datagram's destination and size. */
  private record Sent(InetSocketAddress to, int size) {}

  private static final class Recording extends ForwardingTransport {
    final List<Sent> sent = new CopyOnWriteArrayList<>();

    Recording(Transport inner) {
      super(inner);
    }

    @Override
    public void send(InetSocketAddress to, byte[] datagram) {
      sent.add(new Sent(to, datagram.length));
      inner.send(to, datagram);
    }
  }

  private record Answer(int packets, int records, int total) {}

  /** Sends {@code request} and collects the answer packets with its request id. */
  private static Answer ask(RawPeer peer, Discv5Node server, Message request) throws Exception {
    peer.send(server.localRecord(), request);
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      List<Message> got = new ArrayList<>();
      for (Message m : peer.received) {
        if (m.requestId().equals(request.requestId())) {
          got.add(m);
        }
      }
      int total = got.isEmpty() ? -1 : total(got.get(0));
      if (got.size() >= total && total > 0) {
        int records = got.stream().mapToInt(B3ReplySizeTest::records).sum();
        return new Answer(got.size(), records, total);
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no complete answer to " + request.getClass().getSimpleName());
  }

  private static int total(Message m) {
    if (m instanceof Message.Nodes n) {
      return n.total();
    }
    return m instanceof Message.Providers p ? p.total() : 1;
  }

  private static int records(Message m) {
    if (m instanceof Message.Nodes n) {
      return n.records().size();
    }
    return m instanceof Message.Providers p ? p.records().size() : 0;
  }

  /** {@code n} distances, each twice (256, 256, 255, 255, ...), some over 256 if asked. */
  private List<Integer> distances(int n, boolean overRange) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(overRange && i % 7 == 3 ? 257 + random.nextInt(65_000) : 256 - (i / 2) % 40);
    }
    return out;
  }

  private static Bytes protocol(String name) {
    return Bytes.wrap(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static Bytes rid(int i) {
    return Bytes.ofUnsignedLong(0xB300_0000_0000_0000L + i);
  }

  /** Runs the attack; {@code capsOff} is the negative control. Returns nothing: asserts. */
  private void attack(boolean capsOff) throws Exception {
    try (LoopbackCluster c = new LoopbackCluster(33)) {
      ProviderStoreConfig store = ProviderStoreConfig.defaults().withMaxProvidersPerKey(100);
      NodeConfig config =
          NodeConfig.builder(PrivateKey.generate(random))
              .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
              .random(new Random(1))
              .providers(store)
              .build();
      Recording transport = new Recording(new NettyUdpTransport(config.bindAddresses(), c.group));
      Discv5Node server = Discv5Node.create(config, transport, c.pool.newScheduler(1024));
      join(server.start());
      c.nodes.add(server);
      join(server.registerTalkHandler("big", (from, address, request) -> new byte[2_000]));
      join(server.registerTalkHandler("echo", (from, address, request) -> request));
      NodeId key = NodeId.random(random);
      int providers = capsOff ? 60 : 20;
      List<SignedPeerRecord> table = new ArrayList<>();
      List<SignedPeerRecord> provided = new ArrayList<>();
      for (int i = 0; i < 160; i++) {
        table.add(
            SignedPeerRecord.builder(PrivateKey.generate(random))
                .address(Multiaddr.udp(InetAddress.getLoopbackAddress(), 30_000 + i))
                .build());
      }
      for (int i = 0; i < providers; i++) {
        provided.add(
            SignedPeerRecord.builder(PrivateKey.generate(random))
                .address(Multiaddr.tcp(InetAddress.getByName("203.0.113." + (i + 1)), 4001))
                .build());
      }
      int stored =
          onNode(
              server,
              () -> {
                NodeCore core = server.core();
                long now = server.scheduler().nowMillis();
                for (SignedPeerRecord r : table) {
                  core.table.add(Peer.of(r, true, false).orElseThrow(), false);
                  core.table.onSuccess(r.nodeId(), now);
                }
                for (SignedPeerRecord p : provided) {
                  core.providerStore.add(key, p, p.nodeId(), now);
                }
                if (capsOff) {
                  core.handlers.maxNodes = Integer.MAX_VALUE;
                  core.handlers.maxProviders = Integer.MAX_VALUE;
                  core.handlers.maxTalkResponse = Integer.MAX_VALUE;
                }
                return core.table.size();
              });
      InetSocketAddress v = new InetSocketAddress(InetAddress.getByName("127.0.0.77"), 40_404);
      try (RawPeer attacker = new RawPeer(PrivateKey.generate(random), 1, v)) {
        ask(attacker, server, new Message.Ping(rid(0), 1)); // establishes the session
        transport.sent.clear();
        // The longest list a packet holds: refused by the decoder (over 16 distances), no answer.
        attacker.send(server.localRecord(), new Message.FindNode(rid(9), distances(294, true)));
        ask(attacker, server, new Message.Ping(rid(8), 1)); // processed after the FINDNODE
        assertTrue(attacker.received.stream().noneMatch(m -> m.requestId().equals(rid(9))));
        assertEquals(1, transport.sent.size(), "only the PONG: " + transport.sent);
        transport.sent.clear();
        Answer nodes = ask(attacker, server, new Message.FindNode(rid(1), distances(16, false)));
        Answer overRange = ask(attacker, server, new Message.FindNode(rid(2), distances(16, true)));
        Answer found = ask(attacker, server, new Message.GetProviders(rid(3), key));
        assertTrue(attacker.sentSizes.stream().allMatch(n -> n <= 1280), "requests fit");
        String seen =
            "table "
                + stored
                + ", NODES "
                + nodes
                + ", over 256 "
                + overRange
                + ", PROVIDERS "
                + found
                + ", sent "
                + transport.sent.size();
        if (capsOff) {
          assertTrue(nodes.records() > 16 && nodes.packets() > 5, "control: " + seen);
          assertTrue(found.records() > 20 && found.packets() > 5, "control: " + seen);
        } else {
          assertEquals(16, nodes.records(), seen);
          assertTrue(nodes.packets() <= 5 && nodes.total() <= 5, seen);
          assertTrue(overRange.records() <= 16 && overRange.packets() <= 5, seen);
          assertEquals(20, found.records(), seen);
          assertTrue(found.packets() <= 5 && found.total() <= 5, seen);
        }
        for (Sent s : transport.sent) {
          assertTrue(s.size() <= 1280, "packet of " + s.size());
          assertTrue(!s.to().getAddress().equals(v.getAddress()), "a packet went to V: " + seen);
        }
        long toSource =
            transport.sent.stream().filter(s -> s.to().equals(attacker.socketAddress())).count();
        assertEquals(nodes.packets() + overRange.packets() + found.packets(), toSource, seen);

        // Oversized TALKREQ (1,100 bytes of request) to a handler whose answer would not fit in a
        // packet, and to one echoing it: one TALKRESP each, to the source, within 1,280 bytes.
        transport.sent.clear();
        attacker.send(
            server.localRecord(),
            new Message.TalkReq(rid(4), protocol("big"), Bytes.wrap(new byte[1_100])));
        ask(attacker, server, new Message.Ping(rid(7), 1)); // processed after the TALKREQ
        Message.TalkResp big =
            attacker.received.stream()
                .filter(m -> m.requestId().equals(rid(4)))
                .map(Message.TalkResp.class::cast)
                .findFirst()
                .orElse(null);
        Answer echo =
            ask(
                attacker,
                server,
                new Message.TalkReq(rid(5), protocol("echo"), Bytes.wrap(new byte[1_100])));
        assertEquals(1, echo.packets(), seen);
        if (capsOff) {
          assertEquals(null, big, "control: an answer over one packet is not sent at all");
        } else {
          assertEquals(0, big.response().size(), "an answer too large for a packet is empty");
        }
        for (Sent s : transport.sent) {
          assertTrue(s.size() <= 1280, "packet of " + s.size());
          assertEquals(attacker.socketAddress(), s.to(), "TALKRESP to the source");
        }
        assertEquals(capsOff ? 2 : 3, transport.sent.size(), "TALKRESPs and the PONG");

        // Measurement control: a packet the server does address to the attacker's record (a PING
        // it starts itself, answered by nobody) is seen going to V, so the checks above would
        // have caught a reply sent there.
        transport.sent.clear();
        server.ping(attacker.record);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (transport.sent.isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertTrue(
            transport.sent.stream().anyMatch(s -> s.to().equals(v)),
            "a packet addressed to the record reaches V: " + transport.sent);
      }
    }
  }

  @Test
  void repliesAreCappedAndGoOnlyToTheEnvelopeAddress() throws Exception {
    attack(false);
  }

  @Test
  void controlWithoutTheCapsOneRequestDrawsManyPackets() throws Exception {
    attack(true);
  }
}
