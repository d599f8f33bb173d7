package io.codex.dht.spr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Records from a future libp2p version: an envelope with one more field, and a payload (signed)
 * with fields no schema here knows, are accepted as go-libp2p and nim-libp2p accept them, with the
 * signature checked over the payload bytes as received.
 */
class ForwardCompatibilityTest {
  private final PrivateKey key = PrivateKey.generate(new Random(20));

  @Test
  void anEnvelopeWithOneMoreFieldIsAccepted() throws Exception {
    SignedPeerRecord record =
        SignedPeerRecord.builder(key)
            .format(RecordFormat.PEER_RECORD)
            .address(Multiaddr.udp(InetAddress.getByName("192.0.2.1"), 8090))
            .build();
    SignedEnvelope e = record.envelope();
    for (int field : new int[] {4, 6, 1000}) {
      byte[] future =
          new RawProto()
              .bytes(1, e.publicKeyBytes())
              .bytes(2, e.payloadType())
              .bytes(3, e.payload())
              .varint(field, 1)
              .bytes(field, new byte[] {1, 2, 3})
              .bytes(5, e.signature())
              .toByteArray();
      SignedPeerRecord decoded = SignedPeerRecord.decode(future);
      assertEquals(record.peerId(), decoded.peerId());
      assertEquals(record.addresses(), decoded.addresses());
      assertTrue(decoded.hasEncoding(future), "kept as received");
    }
  }

  @Test
  void aSignedPayloadWithUnknownFieldsIsAcceptedAndVerifiedAsReceived() throws Exception {
    byte[] address = Multiaddr.udp(InetAddress.getByName("192.0.2.1"), 8090).toBytes();
    byte[] payload =
        new RawProto()
            .bytes(1, PeerId.of(key.publicKey()).toBytes())
            .varint(2, 9)
            .message(3, new RawProto().bytes(1, address).varint(2, 5)) // a future address flag
            .bytes(5, new byte[] {7, 7}) // a future field
            .varint(77, 1)
            .toByteArray();
    SignedEnvelope e =
        SignedEnvelope.sign(
            key, RecordFormat.DOMAIN, RecordFormat.PEER_RECORD.payloadType(), payload);
    SignedPeerRecord decoded = SignedPeerRecord.decode(e.encoded());
    assertEquals(9, decoded.seq());
    assertEquals(List.of(Multiaddr.fromBytes(address)), decoded.addresses());
    assertArrayEquals(payload, decoded.envelope().payload());
    // A re-encoding would drop the unknown fields and no longer match the signature.
    byte[] reencoded = decoded.record().encode(false);
    assertTrue(reencoded.length < payload.length);
  }
}
