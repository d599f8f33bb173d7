package io.codex.dht.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.ethereum.Enr;
import io.codex.dht.ethereum.EthereumProfile;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.Multiaddr;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.PublicKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/**
 * A Codex session layer and an Ethereum one wired back to back never complete a handshake: each
 * refuses the other's packets cleanly, counts the refusal by reason, and throws nothing. Beyond the
 * honest case (each addresses the other by its own profile's node id, so no header even unmasks),
 * "confused" peers that use the other profile's node ids reach the handshake and are refused there,
 * at the ephemeral key or at the id-signature.
 */
class MixedProfileTest {
  private final Random seeds = new Random(21);
  private final Endpoint.Wire wire = new Endpoint.Wire();

  @Test
  void honestPeersOfTheTwoProfilesNeverGetPastTheHeader() {
    Endpoint<SignedPeerRecord> codex = codex(CodexProfile.INSTANCE, 9000);
    Endpoint<Enr> eth = ethereum(EthereumProfile.INSTANCE, 9001);

    // Each addresses the other with the node id its own profile derives from the other's key.
    codex.layer.send(contact(CodexProfile.INSTANCE, eth), new Message.Ping(Bytes.of(1), 1), false);
    eth.layer.send(
        contact(EthereumProfile.INSTANCE, codex), new Message.Ping(Bytes.of(2), 1), false);
    wire.deliverAll();

    for (Endpoint<?> e : new Endpoint<?>[] {codex, eth}) {
      assertEquals(1, e.layer.stats().drops(DropReason.MALFORMED), e.drops.toString());
      assertEquals(1, e.layer.stats().decodeErrors(DecodeException.Reason.BAD_PROTOCOL_ID));
      assertEquals(0, e.layer.stats().whoareyouSent());
      assertNoSession(e);
    }
    wire.advanceMillis(60_000);
    codex.layer.expire();
    eth.layer.expire();
    assertEquals(1, codex.layer.stats().sendFailures(SendFailure.HANDSHAKE_TIMEOUT));
    assertEquals(1, eth.layer.stats().sendFailures(SendFailure.HANDSHAKE_TIMEOUT));
  }

  @Test
  void aCodexPeerUsingEthereumIdsIsRefusedAtItsEphemeralKey() {
    Endpoint<SignedPeerRecord> codex =
        codex(withIdsOf(CodexProfile.INSTANCE, EthereumProfile.INSTANCE), 9000);
    Endpoint<Enr> eth = ethereum(EthereumProfile.INSTANCE, 9001);

    codex.layer.send(eth.contact(), new Message.Ping(Bytes.of(1), 1), false);
    wire.deliverAll();

    assertEquals(1, eth.layer.stats().whoareyouSent());
    assertEquals(1, codex.layer.stats().handshakesInitiated());
    assertEquals(1, eth.layer.stats().drops(DropReason.HANDSHAKE_BAD_EPHEMERAL_KEY)); // 37 bytes
    assertEquals(1, eth.layer.stats().drops());
    assertNoSession(eth);
  }

  @Test
  void anEthereumPeerUsingCodexIdsIsRefusedAtItsEphemeralKey() {
    Endpoint<SignedPeerRecord> codex = codex(CodexProfile.INSTANCE, 9000);
    Endpoint<Enr> eth = ethereum(withIdsOf(EthereumProfile.INSTANCE, CodexProfile.INSTANCE), 9001);

    eth.layer.send(codex.contact(), new Message.Ping(Bytes.of(1), 1), false);
    wire.deliverAll();

    assertEquals(1, codex.layer.stats().whoareyouSent());
    assertEquals(1, codex.layer.stats().drops(DropReason.HANDSHAKE_BAD_EPHEMERAL_KEY)); // 33 bytes
    assertEquals(1, codex.layer.stats().drops());
    assertNoSession(codex);
  }

  @Test
  void aKnownCodexPeerWithEthereumIdsAndKeysIsRefusedAtItsIdSignature() {
    WireProfile<SignedPeerRecord> confused =
        new ForwardingWireProfile<>(withIdsOf(CodexProfile.INSTANCE, EthereumProfile.INSTANCE)) {
          @Override
          public byte[] encodeEphemeralKey(PublicKey key) {
            return key.toCompressed();
          }
        };
    Endpoint<SignedPeerRecord> codex = codex(confused, 9000);
    Endpoint<Enr> eth = ethereum(EthereumProfile.INSTANCE, 9001);
    // eth knows the peer's key and a record as new as its own: no record in the handshake.
    eth.known.put(codex.id, new NodeDirectory.KnownNode(codex.key.publicKey(), 1));

    codex.layer.send(eth.contact(), new Message.Ping(Bytes.of(1), 1), false);
    wire.deliverAll();

    assertEquals(1, eth.layer.stats().drops(DropReason.HANDSHAKE_BAD_ID_SIGNATURE));
    assertEquals(
        1, eth.layer.stats().decodeErrors(DecodeException.Reason.BAD_SIGNATURE_ENCODING)); // DER
    assertEquals(0, eth.layer.stats().ecdhOperations());
    assertNoSession(eth);
  }

  private static void assertNoSession(Endpoint<?> e) {
    assertEquals(0, e.layer.sessionCount());
    assertTrue(e.received.isEmpty());
    assertEquals(0, e.layer.stats().handshakesAccepted());
    assertFalse(e.drops.isEmpty());
  }

  private static NodeContact contact(WireProfile<?> profile, Endpoint<?> to) {
    PublicKey key = to.key.publicKey();
    NodeId id = profile.nodeId(key);
    return new NodeContact(id, to.address, key);
  }

  /** {@code profile} with the node ids of {@code ids}. */
  private static <R> WireProfile<R> withIdsOf(WireProfile<R> profile, WireProfile<?> ids) {
    return new ForwardingWireProfile<>(profile) {
      @Override
      public NodeId nodeId(PublicKey key) {
        return ids.nodeId(key);
      }
    };
  }

  private Endpoint<SignedPeerRecord> codex(WireProfile<SignedPeerRecord> profile, int port) {
    PrivateKey key = PrivateKey.generate(seeds);
    var address = Endpoint.address(port);
    SignedPeerRecord record =
        SignedPeerRecord.builder(key)
            .seq(1)
            .address(Multiaddr.udp(address.getAddress(), port))
            .build();
    return new Endpoint<>(profile, key, address, record, new Random(seeds.nextLong()), wire);
  }

  private Endpoint<Enr> ethereum(WireProfile<Enr> profile, int port) {
    PrivateKey key = PrivateKey.generate(seeds);
    var address = Endpoint.address(port);
    Enr record = Enr.builder(key).seq(1).ip(address.getAddress()).port("udp", port).build();
    return new Endpoint<>(profile, key, address, record, new Random(seeds.nextLong()), wire);
  }
}
