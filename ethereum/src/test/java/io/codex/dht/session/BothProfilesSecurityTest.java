package io.codex.dht.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.ethereum.Enr;
import io.codex.dht.ethereum.EthereumProfile;
import io.codex.dht.spr.Multiaddr;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The session layer's handshake defences on both wire profiles, each with its negative control (the
 * defence's trigger removed, the handshake succeeds): a forged id-signature costs no ECDH (C2), a
 * replayed handshake finds no challenge (C1), a record of another node is refused, and random
 * datagrams are counted drops, never exceptions.
 */
class BothProfilesSecurityTest {
  /** A profile and how a node of it makes its record. */
  record Case<R>(
      String name, WireProfile<R> profile, BiFunction<PrivateKey, InetSocketAddress, R> records) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case<?>> profiles() {
    return List.of(
        new Case<>(
            "codex",
            CodexProfile.INSTANCE,
            (key, address) ->
                SignedPeerRecord.builder(key)
                    .seq(1)
                    .address(Multiaddr.udp(address.getAddress(), address.getPort()))
                    .build()),
        new Case<>(
            "ethereum",
            EthereumProfile.INSTANCE,
            (key, address) ->
                Enr.builder(key)
                    .seq(1)
                    .ip(address.getAddress())
                    .port("udp", address.getPort())
                    .build()));
  }

  private final Random seeds = new Random(5);
  private final Endpoint.Wire wire = new Endpoint.Wire();

  @ParameterizedTest
  @MethodSource("profiles")
  <R> void handshakeCompletesAndPongCarriesTheObservedAddress(Case<R> c) {
    Endpoint<R> a = endpoint(c, c.profile(), 9000);
    Endpoint<R> b = endpoint(c, c.profile(), 9001);
    a.layer.send(b.contact(), new Message.Ping(Bytes.of(1), 1), false);
    wire.deliverAll();

    assertEquals(1, b.layer.stats().handshakesAccepted());
    assertEquals(1, b.handshakeRecords.size());
    assertEquals(a.id, c.profile().nodeId(a.key.publicKey()));
    Message.Pong pong = assertInstanceOf(Message.Pong.class, a.received.get(0).message());
    assertEquals(a.address, pong.observed());
    assertEquals(0, a.layer.stats().drops() + b.layer.stats().drops());
  }

  @ParameterizedTest
  @MethodSource("profiles")
  <R> void forgedIdSignatureIsRefusedBeforeAnyEcdh(Case<R> c) {
    for (boolean forge : new boolean[] {true, false}) {
      Endpoint.Wire w = new Endpoint.Wire();
      Endpoint<R> a = endpoint(w, c, forge ? forging(c.profile()) : c.profile(), 9000);
      Endpoint<R> b = endpoint(w, c, c.profile(), 9001);
      a.layer.send(b.contact(), new Message.Ping(Bytes.of(1), 1), false);
      w.deliverAll();
      if (forge) {
        assertEquals(1, b.layer.stats().drops(DropReason.HANDSHAKE_BAD_ID_SIGNATURE));
        assertEquals(0, b.layer.stats().ecdhOperations());
        assertEquals(0, b.layer.stats().recordVerifications());
        assertTrue(b.received.isEmpty());
      } else {
        assertEquals(1, b.layer.stats().handshakesAccepted()); // negative control
      }
    }
  }

  @ParameterizedTest
  @MethodSource("profiles")
  <R> void replayedHandshakeFindsNoChallenge(Case<R> c) {
    Endpoint<R> a = endpoint(c, c.profile(), 9000);
    Endpoint<R> b = endpoint(c, c.profile(), 9001);
    b.answerPings = false;
    a.layer.send(b.contact(), new Message.Ping(Bytes.of(1), 1), false);
    b.layer.onDatagram(wire.queue.pollFirst().bytes(), a.address); // random packet
    a.layer.onDatagram(wire.queue.pollFirst().bytes(), b.address); // WHOAREYOU
    byte[] handshake = wire.queue.pollFirst().bytes();

    b.layer.onDatagram(handshake.clone(), a.address);
    assertEquals(1, b.layer.stats().handshakesAccepted()); // negative control: the first counts
    long verifications = b.layer.stats().idSignatureVerifications();
    b.layer.onDatagram(handshake.clone(), a.address);
    assertEquals(1, b.layer.stats().drops(DropReason.HANDSHAKE_NO_CHALLENGE));
    assertEquals(verifications, b.layer.stats().idSignatureVerifications());
    assertEquals(1, b.received.size());
  }

  @ParameterizedTest
  @MethodSource("profiles")
  <R> void recordOfAnotherNodeIsRefused(Case<R> c) {
    R other = c.records().apply(PrivateKey.generate(seeds), Endpoint.address(9100));
    for (boolean swap : new boolean[] {true, false}) {
      Endpoint.Wire w = new Endpoint.Wire();
      Endpoint<R> a = endpoint(w, c, c.profile(), 9000);
      if (swap) {
        a.record = other;
      }
      // The record decides the handshake's claimed key: a's id no longer matches it.
      Endpoint<R> b = endpoint(w, c, c.profile(), 9001);
      a.layer.send(b.contact(), new Message.Ping(Bytes.of(1), 1), false);
      w.deliverAll();
      if (swap) {
        assertEquals(1, b.layer.stats().drops(DropReason.HANDSHAKE_RECORD_MISMATCH));
        assertEquals(0, b.layer.stats().idSignatureVerifications());
      } else {
        assertEquals(1, b.layer.stats().handshakesAccepted()); // negative control
      }
    }
  }

  @ParameterizedTest
  @MethodSource("profiles")
  <R> void randomDatagramsAreCountedNeverThrown(Case<R> c) {
    Endpoint<R> b = endpoint(c, c.profile(), 9001);
    Random random = new Random(9);
    int n = 2_000;
    for (int i = 0; i < n; i++) {
      byte[] datagram = new byte[random.nextInt(1400)];
      random.nextBytes(datagram);
      b.layer.onDatagram(datagram, Endpoint.address(20_000 + i));
    }
    assertEquals(n, b.layer.stats().drops() + b.layer.stats().whoareyouSent());
    assertEquals(0, b.layer.sessionCount());
  }

  private <R> Endpoint<R> endpoint(Case<R> c, WireProfile<R> profile, int port) {
    return endpoint(wire, c, profile, port);
  }

  private <R> Endpoint<R> endpoint(Endpoint.Wire w, Case<R> c, WireProfile<R> profile, int port) {
    PrivateKey key = PrivateKey.generate(seeds);
    InetSocketAddress address = Endpoint.address(port);
    return new Endpoint<>(
        profile, key, address, c.records().apply(key, address), new Random(seeds.nextLong()), w);
  }

  /** {@code profile} signing its id proofs for another recipient: a forged signature. */
  private static <R> WireProfile<R> forging(WireProfile<R> profile) {
    UnaryOperator<NodeId> elsewhere = id -> NodeId.ZERO;
    return new ForwardingWireProfile<>(profile) {
      @Override
      public byte[] signIdNonce(
          PrivateKey key, byte[] challengeData, byte[] ephemeralKey, NodeId recipient) {
        return delegate().signIdNonce(key, challengeData, ephemeralKey, elsewhere.apply(recipient));
      }
    };
  }
}
