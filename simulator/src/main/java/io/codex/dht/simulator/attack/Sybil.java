package io.codex.dht.simulator.attack;

import io.codex.dht.session.CodexProfile;
import io.codex.dht.session.Message;
import io.codex.dht.session.NodeContact;
import io.codex.dht.session.SessionLayer;
import io.codex.dht.session.SessionListener;
import io.codex.dht.simulator.VirtualScheduler;
import io.codex.dht.simulator.net.SimNetwork;
import io.codex.dht.simulator.net.SimTransport;
import io.codex.dht.spr.Multiaddr;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PeerId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;

/**
 * One attacker identity on the in-memory network: a real session layer (handshakes, encryption)
 * behind its own address, whose answers to requests are chosen by a {@link Responder}; PING is
 * always answered, so the identity passes liveness checks.
 *
 * <p>Implementation notes: the record and the session layer are made on first use, so a farm can
 * hold many thousands of identities and pay the signature and the layer only for those that are
 * ever contacted. The address is bound at once, so packets to an unused identity still arrive.
 */
public final class Sybil {
  /** Chooses the answers to one request other than PING; empty for none. */
  public interface Responder {
    /** The messages {@code self} sends back to {@code from} for {@code request}. */
    List<Message> answer(Sybil self, NodeId from, Message request);
  }

  private final PrivateKey key;
  private final NodeId id;
  private final InetSocketAddress address;
  private final VirtualScheduler scheduler;
  private final SimTransport transport;
  private final long seed;
  private final Responder responder;
  private SignedPeerRecord record;
  private SessionLayer<SignedPeerRecord> layer;

  /** An identity for {@code key} bound at {@code address} on {@code network}. */
  public Sybil(
      PrivateKey key,
      InetSocketAddress address,
      SimNetwork network,
      VirtualScheduler scheduler,
      long seed,
      Responder responder) {
    this.key = key;
    this.id = idOf(key);
    this.address = address;
    this.scheduler = scheduler;
    this.seed = seed;
    this.responder = responder;
    this.transport = network.transport(address, scheduler);
    transport.start((data, from) -> layer().onDatagram(data, from)).join();
  }

  /** The node id of {@code key} (as the wire profile derives it). */
  public static NodeId idOf(PrivateKey key) {
    return NodeId.of(PeerId.of(key.publicKey()));
  }

  /** The identity's node id. */
  public NodeId id() {
    return id;
  }

  /** The identity's address. */
  public InetSocketAddress address() {
    return address;
  }

  /** The identity's signed record (seq 1, its address); signed on first use. */
  public SignedPeerRecord record() {
    if (record == null) {
      record =
          SignedPeerRecord.builder(key)
              .seq(1)
              .address(Multiaddr.udp(address.getAddress(), address.getPort()))
              .build();
    }
    return record;
  }

  /** The record's encoding, for NODES and ADD_PROVIDER. */
  public Bytes encodedRecord() {
    return Bytes.wrap(record().encoded());
  }

  /** Sends {@code message} to the node of {@code to} (handshaking first when needed). */
  public void send(SignedPeerRecord to, Message message) {
    layer()
        .send(
            new NodeContact(to.nodeId(), to.udpEndpoint().orElseThrow(), to.publicKey()),
            message,
            false);
  }

  /** A fresh random request id from this identity's stream. */
  public Bytes requestId(Random random) {
    byte[] rid = new byte[8];
    random.nextBytes(rid);
    return Bytes.wrap(rid);
  }

  /** Whether the session layer was ever needed (the identity was contacted or sent something). */
  public boolean isActive() {
    return layer != null;
  }

  /** Unbinds the address: the identity is gone. */
  public void stop() {
    transport.stop();
  }

  private SessionLayer<SignedPeerRecord> layer() {
    if (layer == null) {
      layer =
          SessionLayer.builder(CodexProfile.INSTANCE, key, this::record)
              .clock(scheduler::nanoTime)
              .random(new Random(seed))
              .output(transport::send)
              .listener(new Listener())
              .build();
    }
    return layer;
  }

  private final class Listener implements SessionListener<SignedPeerRecord> {
    @Override
    public void onMessage(
        NodeId from, InetSocketAddress observed, Message message, boolean clientMode) {
      NodeContact to = NodeContact.of(from, observed);
      if (message instanceof Message.Ping ping) {
        layer.send(to, new Message.Pong(ping.requestId(), 1, observed), false);
      } else if (message.isRequest()) {
        for (Message answer : responder.answer(Sybil.this, from, message)) {
          layer.send(to, answer, false);
        }
      }
    }
  }
}
