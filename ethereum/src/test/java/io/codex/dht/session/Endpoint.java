package io.codex.dht.session;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * A session layer of any profile on an in-memory wire: what it sends goes to {@link #sent}, and
 * what it reports is recorded. {@link Wire} moves datagrams between endpoints.
 */
final class Endpoint<R> implements SessionListener<R> {
  record Datagram(InetSocketAddress from, InetSocketAddress to, byte[] bytes) {}

  record Received(NodeId from, Message message) {}

  record Dropped(DropReason reason, DecodeException.Reason detail) {}

  /** Moves datagrams between endpoints on one manual clock. */
  static final class Wire implements LongSupplier {
    final Deque<Datagram> queue = new ArrayDeque<>();
    final Map<InetSocketAddress, Endpoint<?>> endpoints = new HashMap<>();
    long nanos = 1_000_000_000L;

    @Override
    public long getAsLong() {
      return nanos;
    }

    void advanceMillis(long millis) {
      nanos += millis * 1_000_000L;
    }

    int deliverAll() {
      int n = 0;
      while (!queue.isEmpty()) {
        if (++n > 10_000) {
          throw new AssertionError("datagrams keep flowing");
        }
        Datagram d = queue.pollFirst();
        Endpoint<?> to = endpoints.get(d.to());
        if (to != null) {
          to.layer.onDatagram(d.bytes().clone(), d.from());
        }
      }
      return n;
    }
  }

  final WireProfile<R> profile;
  final PrivateKey key;
  final InetSocketAddress address;
  final NodeId id;
  final SessionLayer<R> layer;
  final List<Received> received = new ArrayList<>();
  final List<R> handshakeRecords = new ArrayList<>();
  final List<Dropped> drops = new ArrayList<>();
  final List<SendFailure> failures = new ArrayList<>();
  final Map<NodeId, NodeDirectory.KnownNode> known = new HashMap<>();
  R record;
  boolean answerPings = true;

  Endpoint(
      WireProfile<R> profile,
      PrivateKey key,
      InetSocketAddress address,
      R record,
      Random random,
      Wire wire) {
    this.profile = profile;
    this.key = key;
    this.address = address;
    this.record = record;
    this.layer =
        SessionLayer.builder(profile, key, () -> this.record)
            .clock(wire)
            .random(random)
            .output((to, bytes) -> wire.queue.addLast(new Datagram(address, to, bytes)))
            .listener(this)
            .directory(known::get)
            .build();
    this.id = layer.localId();
    wire.endpoints.put(address, this);
  }

  NodeContact contact() {
    return new NodeContact(id, address, key.publicKey());
  }

  static InetSocketAddress address(int port) {
    try {
      return new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void onMessage(NodeId from, InetSocketAddress at, Message message, boolean clientMode) {
    received.add(new Received(from, message));
    if (answerPings && message instanceof Message.Ping p) {
      layer.send(
          NodeContact.of(from, at),
          new Message.Pong(p.requestId(), profile.recordSeq(record), at),
          false);
    }
  }

  @Override
  public void onHandshake(NodeId peer, InetSocketAddress at, R peerRecord, boolean clientMode) {
    handshakeRecords.add(peerRecord);
  }

  @Override
  public void onDrop(InetSocketAddress from, DropReason reason, DecodeException.Reason detail) {
    drops.add(new Dropped(reason, detail));
  }

  @Override
  public void onSendFailed(NodeContact to, Message message, SendFailure reason) {
    failures.add(reason);
  }
}
