package io.codex.dht.spr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.codex.dht.spr.DecodeException.Reason;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every kind of bad record fails with the typed error and its reason, and nothing else. */
class MalformedRecordTest {
  private final Random random = new Random(2024);
  private final PrivateKey key = PrivateKey.generate(random);
  private final SignedPeerRecord valid =
      SignedPeerRecord.builder(key)
          .seq(99)
          .address(Multiaddr.udp(java.net.InetAddress.getLoopbackAddress(), 8090))
          .service(ServiceInfo.of("/mix/1.0.0", new byte[32]))
          .build();

  @Test
  void everyTruncationFailsWithTheTypedError() {
    byte[] bytes = valid.encoded();
    for (int length = 0; length < bytes.length; length++) {
      byte[] cut = Arrays.copyOf(bytes, length);
      expectReason(
          cut,
          EnumSet.of(
              Reason.TRUNCATED,
              Reason.MISSING_FIELD,
              Reason.SIGNATURE_INVALID,
              Reason.BAD_SIGNATURE_ENCODING,
              Reason.WRONG_PAYLOAD_TYPE,
              Reason.BAD_PEER_ID,
              Reason.MALFORMED_PROTOBUF));
    }
  }

  @Test
  void randomMutationsOnlyEverRaiseTheTypedError() {
    byte[] bytes = valid.encoded();
    for (int i = 0; i < 20_000; i++) {
      byte[] mutated = bytes.clone();
      int flips = 1 + random.nextInt(4);
      for (int f = 0; f < flips; f++) {
        mutated[random.nextInt(mutated.length)] ^= (byte) (1 << random.nextInt(8));
      }
      try {
        SignedPeerRecord.decode(mutated);
      } catch (DecodeException expected) {
        // The only acceptable failure.
      } catch (RuntimeException e) {
        fail("mutation " + i + " raised " + e, e);
      }
    }
  }

  @Test
  void overlongVarintIsRejected() {
    byte[] bad =
        new byte[] {
          0x0a,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          0x01
        };
    expectReason(bad, EnumSet.of(Reason.MALFORMED_VARINT));
    byte[] overflow =
        new byte[] {
          0x0a,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          (byte) 0xff,
          0x02
        };
    // A 10-byte length prefix: protobuf-java keeps its low 32 bits (all ones, a negative size).
    expectReason(overflow, EnumSet.of(Reason.TRUNCATED));
  }

  @Test
  void lengthPastTheEndIsRejectedBeforeAllocating() {
    // Field 3 claims 2^31 bytes; only a few follow.
    byte[] bad = {0x1a, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 1, 2, 3};
    expectReason(bad, EnumSet.of(Reason.TRUNCATED));
  }

  @Test
  void lengthOfTwoToTheSixtyFourMinusOneIsRejected() {
    // Found by fuzzing: a length varint of 2^64 - 1 is -1 as a signed long and once passed the
    // bounds check, failing later with NegativeArraySizeException.
    byte[] bad = new byte[12];
    bad[0] = 0x1a;
    for (int i = 1; i < 10; i++) {
      bad[i] = (byte) 0xff;
    }
    bad[10] = 0x01;
    bad[11] = 7;
    expectReason(bad, EnumSet.of(Reason.TRUNCATED));
  }

  @Test
  void recordOverTheSizeLimitIsRejected() {
    byte[] big = new byte[2000];
    System.arraycopy(valid.encoded(), 0, big, 0, valid.size());
    expectReason(big, EnumSet.of(Reason.TOO_LARGE));
  }

  @Test
  void thousandAddressesAreRejected() {
    RawProto w = new RawProto();
    w.bytes(1, PeerId.of(key.publicKey()).toBytes()).varint(2, 1);
    byte[] address = Multiaddr.udp(java.net.InetAddress.getLoopbackAddress(), 1).toBytes();
    for (int i = 0; i < 1000; i++) {
      w.message(3, new RawProto().bytes(1, address));
    }
    DecodeException e =
        assertThrows(DecodeException.class, () -> PeerRecord.decode(w.toByteArray()));
    assertEquals(Reason.TOO_MANY_ADDRESSES, e.reason());
    // Also when signed in an envelope small enough to pass the size check: 17 addresses.
    RawProto w17 = new RawProto();
    w17.bytes(1, PeerId.of(key.publicKey()).toBytes()).varint(2, 1);
    for (int i = 0; i < 17; i++) {
      w17.message(3, new RawProto().bytes(1, address));
    }
    SignedEnvelope env =
        SignedEnvelope.sign(
            key, RecordFormat.DOMAIN, RecordFormat.PEER_RECORD.payloadType(), w17.toByteArray());
    expectReason(env.encoded(), EnumSet.of(Reason.TOO_MANY_ADDRESSES));
  }

  @Test
  void wrongPayloadTypeIsRejected() {
    SignedEnvelope env =
        SignedEnvelope.sign(
            key, RecordFormat.DOMAIN, new byte[] {(byte) 0x81, 0x06}, valid.envelope().payload());
    expectReason(env.encoded(), EnumSet.of(Reason.WRONG_PAYLOAD_TYPE));
  }

  @Test
  void highSSignatureIsRejected() throws Exception {
    SignedEnvelope e = valid.envelope();
    BigInteger[] rs = Secp256k1.decodeDer(e.signature());
    byte[] highS = Secp256k1.encodeDer(rs[0], Secp256k1.N.subtract(rs[1]));
    byte[] bytes =
        new RawProto()
            .bytes(1, e.publicKeyBytes())
            .bytes(2, e.payloadType())
            .bytes(3, e.payload())
            .bytes(5, highS)
            .toByteArray();
    expectReason(bytes, EnumSet.of(Reason.HIGH_S_SIGNATURE));
  }

  @Test
  void keyAndPeerIdMismatchIsRejected() {
    PrivateKey other = PrivateKey.generate(random);
    // Signed by `other`, but the payload names `key`'s peer id.
    SignedEnvelope env =
        SignedEnvelope.sign(
            other,
            RecordFormat.DOMAIN,
            RecordFormat.LOGOS.payloadType(),
            valid.envelope().payload());
    expectReason(env.encoded(), EnumSet.of(Reason.PEER_ID_MISMATCH));
  }

  @Test
  void emptyServiceIdIsRejected() {
    RawProto w = new RawProto();
    w.bytes(1, PeerId.of(key.publicKey()).toBytes()).varint(2, 1);
    w.message(4, new RawProto().bytes(1, new byte[0]));
    DecodeException e =
        assertThrows(DecodeException.class, () -> PeerRecord.decode(w.toByteArray()));
    assertEquals(Reason.BAD_SERVICE, e.reason());
    RawProto bad = new RawProto();
    bad.bytes(1, PeerId.of(key.publicKey()).toBytes()).varint(2, 1);
    bad.message(4, new RawProto().bytes(1, new byte[] {(byte) 0xc3, 0x28}));
    e = assertThrows(DecodeException.class, () -> PeerRecord.decode(bad.toByteArray()));
    assertEquals(Reason.BAD_SERVICE, e.reason());
  }

  @Test
  void malformedAddressesAreSkippedButOneMustParse() throws Exception {
    byte[] good = Multiaddr.udp(java.net.InetAddress.getLoopbackAddress(), 7).toBytes();
    byte[] unknown = {(byte) 0xff, (byte) 0xff, 0x03};
    RawProto w = new RawProto();
    w.bytes(1, PeerId.of(key.publicKey()).toBytes()).varint(2, 1);
    w.message(3, new RawProto().bytes(1, unknown));
    w.message(3, new RawProto().bytes(1, good));
    PeerRecord record = PeerRecord.decode(w.toByteArray());
    assertEquals(List.of(Multiaddr.fromBytes(good)), record.addresses());

    RawProto none = new RawProto();
    none.bytes(1, PeerId.of(key.publicKey()).toBytes()).varint(2, 1);
    none.message(3, new RawProto().bytes(1, unknown));
    DecodeException e =
        assertThrows(DecodeException.class, () -> PeerRecord.decode(none.toByteArray()));
    assertEquals(Reason.BAD_MULTIADDR, e.reason());
  }

  @Test
  void badTextFormsAreRejected() {
    for (String text : List.of("", "spr", "enr:abc", "spr:***", "spr:" + "A".repeat(5000))) {
      DecodeException e =
          assertThrows(DecodeException.class, () -> SignedPeerRecord.fromText(text), text);
      assertEquals(text.length() > 4000 ? Reason.TOO_LARGE : Reason.BAD_TEXT, e.reason(), text);
    }
  }

  private static void expectReason(byte[] bytes, Set<Reason> allowed) {
    try {
      SignedPeerRecord.decode(bytes);
      fail("decoded a bad record of " + bytes.length + " bytes");
    } catch (DecodeException e) {
      if (!allowed.contains(e.reason())) {
        fail("unexpected reason " + e.reason() + " for " + bytes.length + " bytes: " + e);
      }
    }
  }
}
