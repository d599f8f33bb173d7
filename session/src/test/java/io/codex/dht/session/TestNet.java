package io.codex.dht.session;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.Multiaddr;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.tuweni.bytes.Bytes;

/**
 * In-memory endpoints whose session layers send to each other through a FIFO queue, on one fake
 * clock; tests take, drop, hold or duplicate datagrams to simulate loss and reordering.
 */
final class TestNet {
  /** A datagram in flight. */
  record Datagram(InetSocketAddress from, InetSocketAddress to, byte[] bytes) {}

  /** A manual monotonic clock in nanoseconds. */
  static final class FakeClock implements LongSupplier {
    long nanos = 1_000_000_000L;

    @Override
    public long getAsLong() {
      return nanos;
    }

    void advanceMillis(long millis) {
      nanos += millis * 1_000_000L;
    }
  }

  final FakeClock clock = new FakeClock();
  final Deque<Datagram> queue = new ArrayDeque<>();
  private final Map<InetSocketAddress, Endpoint> byAddress = new HashMap<>();
  private final Random seeds;
  private final SessionConfig config;

  /** The wire profile of endpoints added from now on. */
  WireProfile<SignedPeerRecord> profile = CodexProfile.INSTANCE;

  /** Datagrams sent to an address without an endpoint (a spoofed source, say): dropped. */
  long undeliverable;

  TestNet(long seed) {
    this(seed, SessionConfig.defaults());
  }

  /** A network whose endpoints use {@code config} unless told otherwise. */
  TestNet(long seed, SessionConfig config) {
    this.seeds = new Random(seed);
    this.config = config;
  }

  Endpoint add(int port) {
    return add(PrivateKey.generate(seeds), port);
  }

  Endpoint add(PrivateKey key, int port) {
    return add(key, address(port), config);
  }

  /** An endpoint with a new key at {@code address}. */
  Endpoint add(InetSocketAddress address, SessionConfig endpointConfig) {
    return add(PrivateKey.generate(seeds), address, endpointConfig);
  }

  Endpoint add(PrivateKey key, InetSocketAddress address, SessionConfig endpointConfig) {
    Endpoint e = new Endpoint(this, key, address, seeds.nextLong(), endpointConfig);
    byAddress.put(e.address, e);
    return e;
  }

  /** Takes {@code e} off the network: datagrams to it are dropped from now on. */
  void remove(Endpoint e) {
    byAddress.remove(e.address);
  }

  static InetSocketAddress address(int port) {
    return address(new byte[] {127, 0, 0, 1}, port);
  }

  static InetSocketAddress address(byte[] ip, int port) {
    try {
      return new InetSocketAddress(InetAddress.getByAddress(ip), port);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The {@code n}-th address of 198.18.0.0/15 (the benchmarking range, public as far as {@link
   * io.codex.dht.spr.IpScope} is concerned, so per-IP limits apply), {@code n < 131072}.
   */
  static InetSocketAddress publicAddress(int n, int port) {
    return address(
        new byte[] {(byte) 198, (byte) (18 + (n >>> 16)), (byte) (n >>> 8), (byte) n}, port);
  }

  /** Removes and returns the next datagram in flight. */
  Datagram take() {
    Datagram d = queue.pollFirst();
    if (d == null) {
      throw new AssertionError("no datagram in flight");
    }
    return d;
  }

  /** Hands a datagram to its destination, if it has an endpoint. */
  void deliver(Datagram d) {
    Endpoint to = byAddress.get(d.to());
    if (to == null) {
      undeliverable++;
      return;
    }
    to.layer.onDatagram(d.bytes().clone(), d.from());
  }

  /** Delivers datagrams in order until none is in flight; returns how many. */
  int deliverAll() {
    int n = 0;
    while (!queue.isEmpty()) {
      if (++n > 10_000) {
        throw new AssertionError("datagrams keep flowing");
      }
      deliver(queue.pollFirst());
    }
    return n;
  }

  /** Delivers datagrams in a random order (new ones join the pool) until none is in flight. */
  int deliverShuffled(Random random) {
    int n = 0;
    while (!queue.isEmpty()) {
      if (++n > 10_000) {
        throw new AssertionError("datagrams keep flowing");
      }
      List<Datagram> inFlight = new ArrayList<>(queue);
      queue.clear();
      Datagram next = inFlight.remove(random.nextInt(inFlight.size()));
      queue.addAll(inFlight);
      deliver(next);
    }
    return n;
  }

  /** One node on the test network, recording what its layer reports. */
  static final class Endpoint implements SessionListener<SignedPeerRecord> {
    record Received(NodeId from, InetSocketAddress address, Message message, boolean clientMode) {}

    record Handshake(NodeId peer, SignedPeerRecord record, boolean clientMode) {}

    record Failed(NodeContact to, Message message, SendFailure reason) {}

    record Dropped(DropReason reason, DecodeException.Reason detail) {}

    final TestNet net;
    final PrivateKey key;
    final InetSocketAddress address;
    final NodeId id;
    final Map<NodeId, NodeDirectory.KnownNode> known = new HashMap<>();
    final Set<NodeId> protectedIds = new HashSet<>();
    final List<Received> received = new ArrayList<>();
    final List<Handshake> handshakes = new ArrayList<>();
    final List<Failed> failures = new ArrayList<>();
    final List<Dropped> drops = new ArrayList<>();
    final SessionLayer<SignedPeerRecord> layer;
    final long seed;
    SignedPeerRecord record;
    boolean answerPings = true;
    private int nextRequestId;

    Endpoint(
        TestNet net, PrivateKey key, InetSocketAddress address, long seed, SessionConfig config) {
      this.net = net;
      this.key = key;
      this.address = address;
      this.seed = seed;
      this.record = recordWithSeq(1);
      this.layer =
          SessionLayer.builder(net.profile, key, () -> record)
              .config(config)
              .clock(net.clock)
              .random(new Random(seed))
              .output((to, bytes) -> net.queue.addLast(new Datagram(address, to, bytes)))
              .listener(this)
              .directory(
                  new NodeDirectory() {
                    @Override
                    public KnownNode lookup(NodeId node) {
                      return known.get(node);
                    }

                    @Override
                    public boolean isProtected(NodeId node) {
                      return protectedIds.contains(node);
                    }
                  })
              .build();
      this.id = layer.localId();
    }

    SignedPeerRecord recordWithSeq(long seq) {
      return SignedPeerRecord.builder(key)
          .seq(seq)
          .address(Multiaddr.udp(address.getAddress(), address.getPort()))
          .build();
    }

    NodeContact contact() {
      return new NodeContact(id, address, key.publicKey());
    }

    /** Lets this endpoint know {@code other}'s key and record seq, as a routing table would. */
    void knows(Endpoint other) {
      known.put(other.id, new NodeDirectory.KnownNode(other.key.publicKey(), other.record.seq()));
    }

    Message.Ping ping() {
      return new Message.Ping(Bytes.ofUnsignedInt(++nextRequestId), record.seq());
    }

    /** The PING with request id {@code n} this endpoint sends (its record seq as of now). */
    Message.Ping pingWithId(int n) {
      return new Message.Ping(Bytes.ofUnsignedInt(n), record.seq());
    }

    void ping(Endpoint to) {
      layer.send(to.contact(), ping(), false);
    }

    List<Message> messages(Class<? extends Message> kind) {
      return received.stream().map(Received::message).filter(kind::isInstance).toList();
    }

    @Override
    public void onMessage(NodeId from, InetSocketAddress at, Message message, boolean clientMode) {
      received.add(new Received(from, at, message, clientMode));
      if (answerPings && message instanceof Message.Ping p) {
        layer.send(
            NodeContact.of(from, at), new Message.Pong(p.requestId(), record.seq(), at), false);
      }
    }

    @Override
    public void onHandshake(
        NodeId peer, InetSocketAddress at, SignedPeerRecord peerRecord, boolean clientMode) {
      handshakes.add(new Handshake(peer, peerRecord, clientMode));
    }

    @Override
    public void onDrop(InetSocketAddress from, DropReason reason, DecodeException.Reason detail) {
      drops.add(new Dropped(reason, detail));
    }

    @Override
    public void onSendFailed(NodeContact to, Message message, SendFailure reason) {
      failures.add(new Failed(to, message, reason));
    }
  }
}
