package io.codex.dht.spr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.codex.dht.spr.DecodeException.Reason;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.junit.jupiter.api.Test;

/**
 * Acceptance test F1 (security.md §4.2), the forgery matrix: wrong domain, wrong payload type, peer
 * id not the key, every single-bit flip, the high-S twin, trailing bytes and repeated envelope
 * fields. Each forgery must be rejected (100 %) and each valid record accepted (100 %), except that
 * trailing unknown fields and a repeated field whose last value is the signed one are accepted as
 * protobuf reads them (forward compatibility, as go-libp2p and nim-libp2p) with exactly the signed
 * content. Each category has its negative control: the same forgeries pass when the one check that
 * stops them is left out (the signature under the forged domain verifies, a verifier that checks
 * the first payload but reads the last is fooled by a swapped payload, a verifier without the low-S
 * rule accepts the twin, and so on). PR counts: {@value #CASES} per category, every bit of {@value
 * #FLIPPED_RECORDS} records; the full counts of security.md (10,000 per category) run in the slow
 * tier ({@code F1ForgeryMatrixFullTest}).
 */
class F1ForgeryMatrixTest {
  private static final long SEED = 0xF1L;
  private static final int CASES = 1_000;
  private static final int FLIPPED_RECORDS = 6;
  private static final int KEYS = 16;

  private final Random random = new Random(SEED);

  /** Forgeries per category. */
  int cases() {
    return CASES;
  }

  private final PrivateKey[] keys = new PrivateKey[KEYS];

  F1ForgeryMatrixTest() {
    for (int i = 0; i < KEYS; i++) {
      keys[i] = PrivateKey.generate(random);
    }
  }

  private SignedPeerRecord valid(int i) {
    try {
      return SignedPeerRecord.builder(keys[i % KEYS])
          .seq(1 + random.nextInt(1 << 30))
          .format(i % 2 == 0 ? RecordFormat.PEER_RECORD : RecordFormat.LOGOS)
          .address(
              Multiaddr.udp(
                  InetAddress.getByAddress(new byte[] {(byte) 198, 51, 100, (byte) i}),
                  1025 + random.nextInt(60_000)))
          .build();
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /** Decodes a forgery: it must fail with one of {@code allowed}; returns the reason. */
  private static Reason rejected(byte[] forgery, Set<Reason> allowed, String what) {
    try {
      SignedPeerRecord.decode(forgery);
    } catch (DecodeException e) {
      assertTrue(allowed.contains(e.reason()), what + ": reason " + e.reason() + " seed " + SEED);
      return e.reason();
    }
    return fail(what + " was accepted (seed " + SEED + ")");
  }

  private static void accepted(SignedPeerRecord record) {
    try {
      assertEquals(record.seq(), SignedPeerRecord.decode(record.encoded()).seq());
    } catch (DecodeException e) {
      fail("a valid record was refused: " + e + " seed " + SEED);
    }
  }

  /** The envelope of {@code key}, {@code type}, {@code payload}, {@code signature}, in order. */
  static byte[] envelope(byte[] key, byte[] type, byte[] payload, byte[] signature) {
    return new RawProto()
        .bytes(1, key)
        .bytes(2, type)
        .bytes(3, payload)
        .bytes(5, signature)
        .toByteArray();
  }

  /** Control: a lenient reader (last value wins, unknown fields skipped) plus the signature. */
  static boolean lenientAccepts(byte[] bytes) {
    try {
      byte[][] fields = new byte[6][];
      RawProto.lengthDelimited(bytes)
          .forEach((f, values) -> fields[f < 6 ? f : 0] = values.get(values.size() - 1));
      PublicKey key = PublicKey.fromProtobuf(fields[1]);
      key.verify(
          SignedEnvelope.signingBuffer(RecordFormat.DOMAIN, fields[2], fields[3]), fields[5]);
      return PeerRecord.decode(fields[3]).peerId().publicKey().equals(key);
    } catch (DecodeException | RuntimeException | java.io.IOException e) {
      return false;
    }
  }

  /**
   * Control: a verifier that checks the signature over the first payload it finds but reads the
   * record from the last one (the mistake of verifying anything but the payload actually read).
   */
  static boolean splitVerifierAccepts(byte[] bytes) {
    try {
      java.util.Map<Integer, java.util.List<byte[]>> f = RawProto.lengthDelimited(bytes);
      PublicKey key = PublicKey.fromProtobuf(f.get(1).get(0));
      key.verify(
          SignedEnvelope.signingBuffer(RecordFormat.DOMAIN, f.get(2).get(0), f.get(3).get(0)),
          f.get(5).get(0));
      PeerRecord.decode(f.get(3).get(f.get(3).size() - 1));
      return true;
    } catch (DecodeException | RuntimeException | java.io.IOException e) {
      return false;
    }
  }

  /** A forgery that decodes must say exactly what the signer signed, in the bytes received. */
  private static void sameSignedContent(SignedPeerRecord original, byte[] forged, String what) {
    try {
      SignedPeerRecord r = SignedPeerRecord.decode(forged);
      assertTrue(Arrays.equals(original.envelope().payload(), r.envelope().payload()), what);
      assertEquals(original.peerId(), r.peerId(), what);
      assertEquals(original.seq(), r.seq(), what);
      assertEquals(original.addresses(), r.addresses(), what);
      assertTrue(r.hasEncoding(forged), what);
    } catch (DecodeException e) {
      fail(what + " was refused: " + e + " seed " + SEED);
    }
  }

  @Test
  void wrongDomainIsRejectedAndVerifiesUnderItsOwnDomain() throws Exception {
    int control = 0;
    for (int i = 0; i < cases(); i++) {
      SignedPeerRecord v = valid(i);
      accepted(v);
      String domain =
          switch (i % 4) {
            case 0 -> "libp2p-peer-recorD";
            case 1 -> "";
            case 2 -> RecordFormat.DOMAIN + " ";
            default -> "d" + random.nextLong();
          };
      SignedEnvelope e = v.envelope();
      SignedEnvelope forged =
          SignedEnvelope.sign(keys[i % KEYS], domain, e.payloadType(), e.payload());
      rejected(forged.encoded(), EnumSet.of(Reason.SIGNATURE_INVALID), "domain " + domain);
      forged.verify(domain); // control: without domain separation it is a valid signature
      control++;
    }
    assertEquals(cases(), control);
  }

  @Test
  void wrongPayloadTypeIsRejectedSignedOrSwapped() throws Exception {
    int control = 0;
    for (int i = 0; i < cases(); i++) {
      SignedPeerRecord v = valid(i);
      SignedEnvelope e = v.envelope();
      byte[] type = new byte[1 + random.nextInt(4)];
      random.nextBytes(type);
      if (RecordFormat.ofPayloadType(type) != null) {
        type = new byte[] {0x03, 0x02};
      }
      byte[] signed =
          SignedEnvelope.sign(keys[i % KEYS], RecordFormat.DOMAIN, type, e.payload()).encoded();
      rejected(signed, EnumSet.of(Reason.WRONG_PAYLOAD_TYPE), "signed type");
      control += lenientAccepts(signed) ? 1 : 0; // control: no type check, and it passes
      // The other format's type on the same payload, not re-signed: the signature covers the type.
      RecordFormat other =
          v.format() == RecordFormat.LOGOS ? RecordFormat.PEER_RECORD : RecordFormat.LOGOS;
      byte[] swapped =
          envelope(e.publicKeyBytes(), other.payloadType(), e.payload(), e.signature());
      rejected(swapped, EnumSet.of(Reason.SIGNATURE_INVALID), "swapped type");
    }
    assertEquals(cases(), control);
  }

  @Test
  void peerIdThatIsNotTheKeyIsRejected() throws Exception {
    int control = 0;
    for (int i = 0; i < cases(); i++) {
      SignedPeerRecord victim = valid(i);
      PrivateKey attacker = keys[(i + 1 + random.nextInt(KEYS - 1)) % KEYS];
      SignedEnvelope e = victim.envelope();
      // The victim's payload signed by the attacker's key.
      SignedEnvelope forged =
          SignedEnvelope.sign(attacker, RecordFormat.DOMAIN, e.payloadType(), e.payload());
      rejected(forged.encoded(), EnumSet.of(Reason.PEER_ID_MISMATCH), "peer id");
      // Control: the signature is good and the payload parses; only the id check stops it.
      forged.verify(RecordFormat.DOMAIN);
      control += PeerRecord.decode(e.payload()).seq() == victim.seq() ? 1 : 0;
      // The victim's key put in the attacker's envelope: the signature no longer verifies.
      byte[] keySwap =
          envelope(e.publicKeyBytes(), e.payloadType(), e.payload(), forged.signature());
      rejected(keySwap, EnumSet.of(Reason.SIGNATURE_INVALID), "key swap");
    }
    assertEquals(cases(), control);
  }

  @Test
  void everySingleBitFlipIsRejected() throws Exception {
    int flips = 0;
    int control = 0;
    for (int i = 0; i < FLIPPED_RECORDS; i++) {
      byte[] bytes = valid(i).encoded();
      for (int bit = 0; bit < bytes.length * 8; bit++) {
        byte[] flipped = bytes.clone();
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        rejected(flipped, EnumSet.allOf(Reason.class), "flip of bit " + bit);
        flips++;
        control += structureParses(flipped) ? 1 : 0;
      }
    }
    assertTrue(flips >= 8_000, "flips " + flips);
    // Control: most flips leave a well-formed record that only the signature check refuses.
    assertTrue(control * 2 > flips, "structurally valid flips " + control + " of " + flips);
  }

  private static boolean structureParses(byte[] bytes) {
    try {
      SignedEnvelope e = SignedEnvelope.decode(bytes, SignedPeerRecord.MAX_SIZE);
      PeerRecord.decode(e.payload());
      return true;
    } catch (DecodeException e) {
      return false;
    }
  }

  @Test
  void highSTwinIsRejectedThoughTheCurveAcceptsIt() throws Exception {
    for (int i = 0; i < cases(); i++) {
      SignedPeerRecord v = valid(i);
      SignedEnvelope e = v.envelope();
      BigInteger[] rs = Secp256k1.decodeDer(e.signature());
      BigInteger twinS = Secp256k1.N.subtract(rs[1]);
      byte[] twin =
          envelope(
              e.publicKeyBytes(), e.payloadType(), e.payload(), Secp256k1.encodeDer(rs[0], twinS));
      rejected(twin, EnumSet.of(Reason.HIGH_S_SIGNATURE), "high-S twin");
      // Control: plain ECDSA without the low-S rule accepts the twin.
      ECDSASigner plain = new ECDSASigner();
      plain.init(
          false,
          new ECPublicKeyParameters(
              BouncyCastleCurve.point(e.publicKey().xy()), BouncyCastleCurve.DOMAIN));
      byte[] digest =
          Hashes.sha256(
              SignedEnvelope.signingBuffer(RecordFormat.DOMAIN, e.payloadType(), e.payload()));
      assertTrue(plain.verifySignature(digest, rs[0], twinS), "control " + i);
    }
  }

  // Trailing fields and repeated fields follow protobuf, as go-libp2p and nim-libp2p read an
  // envelope: an unknown field is skipped (a future libp2p may add one) and the last value of a
  // field wins. Neither lets an attacker change what a record says: the signature is checked over
  // exactly the payload bytes the record is read from.
  @Test
  void unknownTrailingFieldsAreSkippedAndChangeNothingSigned() {
    int skipped = 0;
    for (int i = 0; i < cases(); i++) {
      SignedPeerRecord v = valid(i);
      byte[] bytes = v.encoded();
      byte[] tail;
      boolean wellFormed = i % 2 != 0;
      if (!wellFormed) {
        tail = new byte[1 + random.nextInt(32)];
        random.nextBytes(tail);
      } else { // a well-formed unknown field
        byte[] junk = new byte[random.nextInt(40)];
        random.nextBytes(junk);
        tail = new RawProto().bytes(6 + random.nextInt(100), junk).toByteArray();
      }
      byte[] forged = Arrays.copyOf(bytes, bytes.length + tail.length);
      System.arraycopy(tail, 0, forged, bytes.length, tail.length);
      if (wellFormed || lenientAccepts(forged)) {
        sameSignedContent(v, forged, "trailing " + tail.length);
        skipped++;
      } else {
        rejected(forged, EnumSet.allOf(Reason.class), "trailing " + tail.length);
      }
    }
    assertTrue(skipped >= cases() / 2, "skipped " + skipped);
  }

  @Test
  void repeatedEnvelopeFieldsKeepTheLastValueAndCannotSwapThePayload() throws Exception {
    int control = 0;
    for (int i = 0; i < cases(); i++) {
      SignedPeerRecord v = valid(i);
      SignedEnvelope e = v.envelope();
      byte[][] fields = {
        null, e.publicKeyBytes(), e.payloadType(), e.payload(), null, e.signature()
      };
      int dup = new int[] {1, 2, 3, 5}[i % 4];
      byte[] extra = fields[dup];
      if (i % 8 >= 4) { // a different value
        extra =
            dup == 3
                ? valid(i + 1).envelope().payload() // another signed record's payload
                : "attacker".getBytes(StandardCharsets.UTF_8);
      }
      // Attacker content first, the signed fields last: the signed values win.
      RawProto first = new RawProto().bytes(dup, extra);
      for (int f : new int[] {1, 2, 3, 5}) {
        first.bytes(f, fields[f]);
      }
      sameSignedContent(v, first.toByteArray(), "duplicate field " + dup + " first");
      // The signed fields first, attacker content last: refused unless it is the same value.
      RawProto last = new RawProto();
      for (int f : new int[] {1, 2, 3, 5}) {
        last.bytes(f, fields[f]);
      }
      byte[] forged = last.bytes(dup, extra).toByteArray();
      if (Arrays.equals(extra, fields[dup])) {
        sameSignedContent(v, forged, "duplicate field " + dup + " last");
      } else {
        rejected(forged, EnumSet.allOf(Reason.class), "duplicate field " + dup + " last");
        // Control: verifying the first payload but reading the last lets the swap through.
        control += dup == 3 && splitVerifierAccepts(forged) ? 1 : 0;
      }
    }
    assertEquals(cases() / 8, control);
  }
}
