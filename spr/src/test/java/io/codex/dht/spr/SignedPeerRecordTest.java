package io.codex.dht.spr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Building, signing and reading records in both formats. */
class SignedPeerRecordTest {
  private final Random random = new Random(42);
  private final PrivateKey key = PrivateKey.generate(random);

  @Test
  void logosRecordWithServicesRoundTrips() throws Exception {
    byte[] mixKey = new byte[32];
    random.nextBytes(mixKey);
    SignedPeerRecord spr =
        SignedPeerRecord.builder(key)
            .seq(1_700_000_000L)
            .address(Multiaddr.fromString("/ip4/203.0.113.7/udp/8090"))
            .address(Multiaddr.fromString("/ip6/2001:db8::1/udp/8090"))
            .service(ServiceInfo.of("/mix/1.0.0", mixKey))
            .service(ServiceInfo.of("codex-storage"))
            .build();
    assertEquals(RecordFormat.LOGOS, spr.format());

    SignedPeerRecord back = SignedPeerRecord.fromText(spr.toText());
    assertEquals(spr, back);
    assertArrayEquals(spr.encoded(), back.encoded());
    assertEquals(RecordFormat.LOGOS, back.format());
    assertEquals(1_700_000_000L, back.seq());
    assertEquals(
        List.of(ServiceInfo.of("/mix/1.0.0", mixKey), ServiceInfo.of("codex-storage")),
        back.services());
    assertArrayEquals(mixKey, back.service("/mix/1.0.0").orElseThrow().data());
    assertEquals(
        InetAddress.getByName("203.0.113.7"), back.udpEndpoint().orElseThrow().getAddress());
    assertEquals(
        InetAddress.getByName("2001:db8::1"), back.udp6Endpoint().orElseThrow().getAddress());
    assertEquals(PeerId.of(key.publicKey()).nodeId(), back.nodeId());
    assertArrayEquals(
        "/libp2p/logos-routing-record/".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        back.envelope().payloadType());
  }

  @Test
  void serviceDataIsOmittedWhenEmpty() {
    byte[] payload =
        new PeerRecord(PeerId.of(key.publicKey()), 1, List.of(), List.of(ServiceInfo.of("x")))
            .encode(true);
    // ... 22 03 0a 01 78: field 4 holding only field 1 "x".
    String hex = HexFormat.of().formatHex(payload);
    assertTrue(hex.endsWith("22030a0178"), hex);
  }

  @Test
  void peerRecordFormatMatchesWhatCodexBuilds() throws Exception {
    // Node A of the Codex packet vectors; signing is deterministic.
    PrivateKey nodeA =
        PrivateKey.fromHex("fe5f08c842aa946659b266ce68faa5d2fd982634594dccdf7f916e3fcf0541a3");
    SignedPeerRecord spr =
        SignedPeerRecord.builder(nodeA)
            .format(RecordFormat.PEER_RECORD)
            .seq(1)
            .address(Multiaddr.udp(InetAddress.getByName("127.0.0.1"), 9000))
            .build();
    SignedPeerRecord back = SignedPeerRecord.decode(spr.encoded());
    assertEquals(RecordFormat.PEER_RECORD, back.format());
    assertArrayEquals(new byte[] {3, 1}, back.envelope().payloadType());
    assertTrue(back.services().isEmpty());
    // A one-address Codex record is 174 bytes (the size carried by the Codex handshake vector).
    assertEquals(174, spr.size());
  }

  @Test
  void builderRefusesWhatALimitForbids() throws Exception {
    Multiaddr a = Multiaddr.fromString("/ip4/1.2.3.4/udp/1");
    assertThrows(
        IllegalArgumentException.class,
        () -> SignedPeerRecord.builder(key).service(ServiceInfo.of("s", new byte[34])).build());
    SignedPeerRecord ok =
        SignedPeerRecord.builder(key).service(ServiceInfo.of("s", new byte[33])).build();
    assertEquals(33, ok.services().get(0).dataLength());

    SignedPeerRecordBuilder many = SignedPeerRecord.builder(key);
    for (int i = 0; i < 17; i++) {
      many.address(a);
    }
    assertThrows(IllegalArgumentException.class, many::build);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SignedPeerRecord.builder(key)
                .format(RecordFormat.PEER_RECORD)
                .service(ServiceInfo.of("s"))
                .build());
    SignedPeerRecordBuilder big = SignedPeerRecord.builder(key);
    for (int i = 0; i < 40; i++) {
      big.service(ServiceInfo.of("service-" + i, new byte[20]));
    }
    assertThrows(IllegalArgumentException.class, big::build);
    assertThrows(IllegalArgumentException.class, () -> ServiceInfo.of(""));
  }

  @Test
  void newerRecordsAreRecognisedBySeqComparedUnsigned() {
    SignedPeerRecord one = SignedPeerRecord.builder(key).seq(1).build();
    SignedPeerRecord two = SignedPeerRecord.builder(key).seq(2).build();
    SignedPeerRecord huge = SignedPeerRecord.builder(key).seq(-1L).build(); // 2^64 - 1
    assertTrue(two.isNewerThan(one));
    assertFalse(one.isNewerThan(two));
    assertFalse(one.isNewerThan(one));
    assertTrue(huge.isNewerThan(two));
  }

  @Test
  void toBuilderKeepsContentAndRefusesAForeignKey() {
    SignedPeerRecord spr =
        SignedPeerRecord.builder(key)
            .seq(7)
            .address(Multiaddr.udp(InetAddress.getLoopbackAddress(), 1))
            .service(ServiceInfo.of("a", new byte[] {1}))
            .build();
    SignedPeerRecord next = spr.toBuilder(key).seq(8).build();
    assertEquals(spr.addresses(), next.addresses());
    assertEquals(spr.services(), next.services());
    assertEquals(8, next.seq());
    assertThrows(IllegalArgumentException.class, () -> spr.toBuilder(PrivateKey.generate(random)));
  }
}
