package io.codex.dht.discv5;

import io.codex.dht.session.CodexProfile;
import io.codex.dht.session.Features;
import io.codex.dht.session.Message;
import io.codex.dht.session.NodeContact;
import io.codex.dht.session.SessionLayer;
import io.codex.dht.session.SessionListener;
import io.codex.dht.spr.Multiaddr;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hand-driven protocol peer for attack tests: a real session layer on a plain UDP socket whose
 * answers to requests are chosen by the test (so it can send malformed or replayed content). It
 * announces that it reads Logos records, as our nodes do.
 */
final class RawPeer implements AutoCloseable {
  /** Decides the answers to one request other than PING (always answered); empty for none. */
  interface Responder {
    List<Message> answer(NodeId from, Message request);
  }

  final PrivateKey key;
  final SignedPeerRecord record;
  final List<Message> received = new CopyOnWriteArrayList<>();
  final List<Integer> sentSizes = new CopyOnWriteArrayList<>();
  private final DatagramSocket socket;
  private final SessionLayer<SignedPeerRecord> layer;
  private final Thread loop;
  private volatile Responder responder = (from, request) -> List.of();
  private volatile boolean closed;

  /** The address PONGs claim to observe; the true source address when null. */
  volatile InetSocketAddress pongObserved;

  RawPeer(PrivateKey key, long seq) throws IOException {
    this(key, seq, null);
  }

  /** A peer whose record advertises {@code advertised} (its own socket when null). */
  RawPeer(PrivateKey key, long seq, InetSocketAddress advertised) throws IOException {
    this(key, seq, InetAddress.getLoopbackAddress(), advertised);
  }

  /**
   * A peer bound to {@code bind} (any 127/8 address) whose record advertises {@code advertised}.
   */
  RawPeer(PrivateKey key, long seq, InetAddress bind, InetSocketAddress advertised)
      throws IOException {
    this.key = key;
    this.socket = new DatagramSocket(new InetSocketAddress(bind, 0));
    socket.setSoTimeout(50);
    InetSocketAddress own = (InetSocketAddress) socket.getLocalSocketAddress();
    InetSocketAddress shown = advertised == null ? own : advertised;
    this.record =
        SignedPeerRecord.builder(key)
            .seq(seq)
            .address(Multiaddr.udp(shown.getAddress(), shown.getPort()))
            .build();
    SessionListener<SignedPeerRecord> listener =
        new SessionListener<>() {
          @Override
          public void onMessage(
              NodeId from, InetSocketAddress address, Message message, boolean clientMode) {
            received.add(message);
            if (message instanceof Message.Ping ping) {
              layer.send(
                  NodeContact.of(from, address),
                  new Message.Pong(
                      ping.requestId(),
                      record.seq(),
                      pongObserved == null ? address : pongObserved),
                  false);
            } else if (message.isRequest()) {
              for (Message answer : responder.answer(from, message)) {
                layer.send(NodeContact.of(from, address), answer, false);
              }
            }
          }
        };
    this.layer =
        SessionLayer.builder(CodexProfile.INSTANCE, key, () -> record)
            .features(() -> Features.READS_LOGOS) // one of ours: answered with any record
            .random(new Random(seq))
            .output(this::transmit)
            .listener(listener)
            .build();
    this.loop = new Thread(this::receive, "raw-peer");
    loop.setDaemon(true);
    loop.start();
  }

  void respondWith(Responder r) {
    this.responder = r;
  }

  /** Sends a message to {@code to} (handshaking first if needed). */
  synchronized void send(SignedPeerRecord to, Message message) {
    layer.send(
        new NodeContact(to.nodeId(), to.udpEndpoint().orElseThrow(), to.publicKey()),
        message,
        false);
  }

  /** The socket address packets come from (the envelope address the node sees). */
  InetSocketAddress socketAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  private void transmit(InetSocketAddress to, byte[] packet) {
    sentSizes.add(packet.length);
    try {
      socket.send(new DatagramPacket(packet, packet.length, to));
    } catch (IOException e) {
      throw new IllegalStateException("loopback send failed", e);
    }
  }

  private void receive() {
    byte[] buffer = new byte[65_535];
    while (!closed) {
      DatagramPacket p = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(p);
      } catch (SocketTimeoutException e) {
        synchronized (this) {
          layer.expire();
        }
        continue;
      } catch (IOException e) {
        return; // closed
      }
      byte[] data = Arrays.copyOf(p.getData(), p.getLength());
      synchronized (this) {
        layer.onDatagram(data, (InetSocketAddress) p.getSocketAddress());
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    socket.close();
  }
}
