package io.codex.dht.spr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.DecodeException.Reason;
import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Acceptance test F1 (security.md §4.2), the order and the caps: the signature is verified before
 * the payload is parsed (a record whose signature is bad and whose payload is malformed fails for
 * its signature; the same malformed payload, validly signed, fails for the payload), and a record
 * over 1,024 bytes or with more than 16 addresses is rejected even when validly signed.
 */
class F1VerifyOrderTest {
  private final Random random = new Random(0xF10L);
  private final PrivateKey key = PrivateKey.generate(random);
  private final byte[] type = RecordFormat.PEER_RECORD.payloadType();

  private Reason reason(byte[] bytes) {
    return assertThrows(DecodeException.class, () -> SignedPeerRecord.decode(bytes)).reason();
  }

  /** Payloads the record parser refuses, each with the reason it gives. */
  private Object[][] malformedPayloads() {
    byte[] peerId = PeerId.of(key.publicKey()).toBytes();
    byte[] address = Multiaddr.udp(InetAddress.getLoopbackAddress(), 9000).toBytes();
    RawProto seventeen = new RawProto().bytes(1, peerId).varint(2, 1);
    for (int i = 0; i < 17; i++) {
      seventeen.message(3, new RawProto().bytes(1, address));
    }
    return new Object[][] {
      {new byte[] {0x0a, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 1}, Reason.TRUNCATED},
      {new RawProto().varint(2, 5).toByteArray(), Reason.MISSING_FIELD},
      {new RawProto().bytes(1, new byte[] {1, 2, 3}).toByteArray(), Reason.BAD_PEER_ID},
      {seventeen.toByteArray(), Reason.TOO_MANY_ADDRESSES},
      {
        new RawProto()
            .bytes(1, peerId)
            .message(3, new RawProto().bytes(1, new byte[] {(byte) 0xff, (byte) 0xff, 3}))
            .toByteArray(),
        Reason.BAD_MULTIADDR
      },
    };
  }

  @Test
  void aBadSignatureIsReportedBeforeAMalformedPayload() {
    for (Object[] c : malformedPayloads()) {
      byte[] payload = (byte[]) c[0];
      Reason payloadReason = (Reason) c[1];
      SignedEnvelope signed = SignedEnvelope.sign(key, RecordFormat.DOMAIN, type, payload);
      // Validly signed: the payload is parsed, and refused for what it is.
      assertEquals(payloadReason, reason(signed.encoded()), "signed " + payloadReason);
      // The same payload with a signature over something else: refused before parsing.
      byte[] otherSignature =
          SignedEnvelope.sign(key, RecordFormat.DOMAIN, type, new byte[] {1}).signature();
      byte[] badSignature =
          F1ForgeryMatrixTest.envelope(signed.publicKeyBytes(), type, payload, otherSignature);
      assertEquals(Reason.SIGNATURE_INVALID, reason(badSignature), "unsigned " + payloadReason);
      byte[] garbledSignature = signed.signature();
      garbledSignature[garbledSignature.length - 1] ^= 1;
      assertEquals(
          Reason.SIGNATURE_INVALID,
          reason(
              F1ForgeryMatrixTest.envelope(
                  signed.publicKeyBytes(), type, payload, garbledSignature)),
          "garbled " + payloadReason);
    }
  }

  @Test
  void aRecordOverTheSizeCapIsRejectedThoughValidlySigned() throws Exception {
    java.util.List<ServiceInfo> services = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      services.add(ServiceInfo.of("/big/" + i, new byte[ServiceInfo.MAX_DATA_LENGTH]));
    }
    PeerRecord record =
        new PeerRecord(
            PeerId.of(key.publicKey()),
            7,
            java.util.List.of(Multiaddr.udp(InetAddress.getLoopbackAddress(), 9000)),
            services);
    SignedEnvelope env =
        SignedEnvelope.sign(
            key, RecordFormat.DOMAIN, RecordFormat.LOGOS.payloadType(), record.encode(true));
    assertTrue(env.size() > SignedPeerRecord.MAX_SIZE, "size " + env.size());
    env.verify(RecordFormat.DOMAIN); // control: a good signature
    assertEquals(Reason.TOO_LARGE, reason(env.encoded()));
  }

  @Test
  void sixteenAddressesPassAndSeventeenAreRejected() throws Exception {
    for (int count : new int[] {16, 17}) {
      java.util.List<Multiaddr> addresses = new java.util.ArrayList<>();
      for (int i = 0; i < count; i++) {
        addresses.add(
            Multiaddr.udp(
                InetAddress.getByAddress(new byte[] {(byte) 203, 0, 113, (byte) i}), 9000 + i));
      }
      PeerRecord record =
          new PeerRecord(PeerId.of(key.publicKey()), 3, addresses, java.util.List.of());
      SignedEnvelope env =
          SignedEnvelope.sign(key, RecordFormat.DOMAIN, type, record.encode(false));
      assertTrue(env.size() <= SignedPeerRecord.MAX_SIZE, "size " + env.size());
      if (count == 16) {
        assertEquals(16, SignedPeerRecord.decode(env.encoded()).record().addresses().size());
      } else {
        assertEquals(Reason.TOO_MANY_ADDRESSES, reason(env.encoded()));
      }
    }
  }
}
