package io.codex.dht.discv5.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.PeerId;
import io.codex.dht.spr.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The built-in checks and namespaces: each refusal with its reason, select and consolidate. */
class ValidatorsTest {
  static final long NOW = 1_800_000_000_000L;
  static final long HOUR = 3_600_000L;
  private final Random random = new Random(22);
  private final PrivateKey alice = PrivateKey.generate(random);
  private final PrivateKey bob = PrivateKey.generate(random);
  private final Validators validators = Validators.defaults();

  static String id(PrivateKey k) {
    return PeerId.of(k.publicKey()).toBase58();
  }

  private Optional<Rejection> check(ValueRecord r) throws InvalidRecordException {
    return validators.check(RecordKey.parse(r.key()), r, NOW);
  }

  private static Rejection.Reason reason(Optional<Rejection> r) {
    return r.orElseThrow(() -> new AssertionError("accepted")).reason();
  }

  @Test
  void validRecordsOfEachNamespaceAreAccepted() throws Exception {
    String signed = "/signed/" + id(alice) + "/manifest";
    String logos = "/logos/mix/" + id(alice);
    String pk = "/pk/" + id(bob);
    assertEquals(Optional.empty(), check(ValueRecord.sign(alice, signed, 1, NOW + HOUR, b(1))));
    assertEquals(Optional.empty(), check(ValueRecord.sign(alice, logos, 1, NOW + HOUR, b(2))));
    // Anyone may publish a /pk/ record: the payload proves itself.
    assertEquals(
        Optional.empty(),
        check(ValueRecord.sign(alice, pk, 1, NOW + HOUR, bob.publicKey().toProtobuf())));
  }

  @Test
  void expiredAndTooDistantRecordsAreRefused() throws Exception {
    String key = "/signed/" + id(alice) + "/x";
    assertEquals(
        Rejection.Reason.EXPIRED, reason(check(ValueRecord.sign(alice, key, 1, NOW, b(1)))));
    long tooLate = NOW + validators.maxTtl().toMillis() + 1;
    assertEquals(
        Rejection.Reason.EXPIRES_TOO_LATE,
        reason(check(ValueRecord.sign(alice, key, 1, tooLate, b(1)))));
  }

  @Test
  void aBadlySignedRecordIsRefused() throws Exception {
    ValueRecord good = ValueRecord.sign(alice, "/signed/" + id(alice) + "/x", 1, NOW + HOUR, b(1));
    byte[] bytes = good.encoded();
    bytes[bytes.length - 5] ^= 1; // inside the signature
    Optional<Rejection> r;
    try {
      r = check(ValueRecord.decode(bytes));
    } catch (InvalidRecordException e) {
      r = Optional.of(e.rejection()); // a flipped DER byte may break the encoding itself
    }
    assertEquals(Rejection.Reason.BAD_SIGNATURE, reason(r));

    // The payload changed after signing: the signature no longer covers it.
    ValueRecord seeded = ValueRecord.sign(alice, good.key(), 1, NOW + HOUR, seq10());
    byte[] body = seeded.encoded();
    int at = indexOf(body, seq10(), 0);
    body[at] = 99;
    assertEquals(Rejection.Reason.BAD_SIGNATURE, reason(check(ValueRecord.decode(body))));
    assertTrue(at > 0);
  }

  @Test
  void unknownNamespaceWrongPublisherAndWrongPayloadAreRefused() throws Exception {
    Validators mine = Validators.builder().register("signed", new SignedValidator()).build();
    ValueRecord logos = ValueRecord.sign(alice, "/logos/mix/" + id(alice), 1, NOW + HOUR, b(1));
    assertEquals(
        Rejection.Reason.UNKNOWN_NAMESPACE,
        reason(mine.check(RecordKey.parse(logos.key()), logos, NOW)));
    assertEquals(
        Rejection.Reason.UNKNOWN_NAMESPACE,
        reason(check(ValueRecord.sign(alice, "/other/thing", 1, NOW + HOUR, b(1)))));

    // Bob publishes under Alice's name.
    assertEquals(
        Rejection.Reason.WRONG_PUBLISHER,
        reason(check(ValueRecord.sign(bob, "/signed/" + id(alice) + "/x", 1, NOW + HOUR, b(1)))));
    assertEquals(
        Rejection.Reason.WRONG_PUBLISHER,
        reason(check(ValueRecord.sign(bob, "/logos/mix/" + id(alice), 1, NOW + HOUR, b(1)))));
    // A /pk/ record whose key is not the key's peer.
    assertEquals(
        Rejection.Reason.INVALID_PAYLOAD,
        reason(
            check(
                ValueRecord.sign(
                    bob, "/pk/" + id(alice), 1, NOW + HOUR, bob.publicKey().toProtobuf()))));
    assertEquals(
        Rejection.Reason.INVALID_PAYLOAD,
        reason(check(ValueRecord.sign(bob, "/pk/" + id(alice), 1, NOW + HOUR, b(7)))));
    // A record put under another key than its own.
    ValueRecord r = ValueRecord.sign(alice, "/signed/" + id(alice) + "/x", 1, NOW + HOUR, b(1));
    assertEquals(
        Rejection.Reason.KEY_MISMATCH,
        reason(validators.check(RecordKey.parse("/signed/" + id(alice) + "/y"), r, NOW)));
  }

  @Test
  void oversizedAndMalformedRecordsAndKeysAreRefused() {
    String key = "/signed/" + id(alice) + "/x";
    IllegalArgumentException big =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ValueRecord.sign(alice, key, 1, NOW + HOUR, new byte[ValueRecord.MAX_PAYLOAD + 1]));
    assertTrue(big.getMessage().contains("limit 700"), big.getMessage());
    InvalidRecordException tooLarge =
        assertThrows(
            InvalidRecordException.class,
            () -> ValueRecord.decode(new byte[ValueRecord.MAX_SIZE + 1]));
    assertEquals(Rejection.Reason.TOO_LARGE, tooLarge.reason());
    assertEquals(
        Rejection.Reason.MALFORMED,
        assertThrows(
                InvalidRecordException.class, () -> ValueRecord.decode(new byte[] {(byte) 0xff}))
            .reason());
    // A field nobody signed appended to a valid record.
    byte[] good = ValueRecord.sign(alice, key, 1, NOW + HOUR, b(1)).encoded();
    byte[] extra = new byte[good.length + 2];
    System.arraycopy(good, 0, extra, 0, good.length);
    extra[good.length] = (byte) (7 << 3); // field 7, varint
    extra[good.length + 1] = 1;
    assertEquals(
        Rejection.Reason.MALFORMED,
        assertThrows(InvalidRecordException.class, () -> ValueRecord.decode(extra)).reason());
    for (String bad :
        List.of("", "no-slash", "/only", "/a//b", "/a/\u0001", "/x/" + "y".repeat(200))) {
      assertEquals(
          Rejection.Reason.BAD_KEY,
          assertThrows(InvalidRecordException.class, () -> RecordKey.parse(bad)).reason(),
          bad);
    }
  }

  @Test
  void aRecordRoundTripsAndItsKeyHashesToItsLocation() throws Exception {
    ValueRecord r = ValueRecord.sign(alice, "/signed/" + id(alice) + "/x", 7, NOW + HOUR, b(9));
    ValueRecord back = ValueRecord.decode(r.encoded());
    assertEquals(r, back);
    assertEquals(7, back.seq());
    assertEquals(PeerId.of(alice.publicKey()), back.publisher());
    assertArrayEquals(b(9), back.payload());
    assertEquals(
        io.codex.dht.spr.NodeId.keccakOf(r.key().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        RecordKey.parse(r.key()).dhtKey());
  }

  @Test
  void selectIsDeterministicUnderPermutation() throws Exception {
    String key = "/signed/" + id(alice) + "/x";
    RecordKey k = RecordKey.parse(key);
    List<ValueRecord> records = new ArrayList<>();
    for (int seq = 1; seq <= 4; seq++) {
      records.add(ValueRecord.sign(alice, key, seq, NOW + HOUR, b(seq)));
    }
    // Two records with the same seq and expiry: still one winner, whatever the order.
    records.add(ValueRecord.sign(alice, key, 4, NOW + HOUR, b(40)));
    records.add(ValueRecord.sign(alice, key, 4, NOW + 2 * HOUR, b(41)));
    records.add(ValueRecord.sign(alice, key, 4, NOW + 2 * HOUR, b(42)));
    Validator v = validators.of("signed").orElseThrow();
    ValueRecord first = records.get(v.select(k, records));
    assertEquals(4, first.seq());
    assertEquals(NOW + 2 * HOUR, first.expiresAtMillis());
    Random shuffle = new Random(1);
    for (int i = 0; i < 200; i++) {
      List<ValueRecord> copy = new ArrayList<>(records);
      Collections.shuffle(copy, shuffle);
      assertEquals(first, copy.get(v.select(k, copy)), "permutation " + i);
      assertEquals(List.of(first), v.consolidate(k, copy));
    }
  }

  @Test
  void logosConsolidationKeepsTheNewestPerPublisher() throws Exception {
    // Consolidation sees whatever a node gathered, valid or not under the key's publisher rule.
    RecordKey k = RecordKey.parse("/logos/mix/" + id(alice));
    ValueRecord a1 = ValueRecord.sign(alice, k.text(), 1, NOW + HOUR, b(1));
    ValueRecord a3 = ValueRecord.sign(alice, k.text(), 3, NOW + HOUR, b(3));
    ValueRecord b2 = ValueRecord.sign(bob, k.text(), 2, NOW + HOUR, b(2));
    ValueRecord b5 = ValueRecord.sign(bob, k.text(), 5, NOW + HOUR, b(5));
    Validator v = validators.of("logos").orElseThrow();
    List<ValueRecord> in = new ArrayList<>(List.of(a1, b5, a3, b2));
    Random shuffle = new Random(2);
    for (int i = 0; i < 50; i++) {
      Collections.shuffle(in, shuffle);
      List<ValueRecord> kept = v.consolidate(k, in);
      assertEquals(List.of(a3, b5), kept);
      assertEquals(b5, kept.get(v.select(k, kept)));
    }
    assertFalse(v.consolidate(k, List.of(a1, a3)).contains(a1));
  }

  @Test
  void anApplicationNamespaceAddsItsOwnRule() throws Exception {
    Validators mine =
        Validators.builder()
            .register(
                "price",
                (key, record) ->
                    record.payloadSize() == 8
                        ? Optional.empty()
                        : Optional.of(Rejection.of(Rejection.Reason.REJECTED, "8-byte price")))
            .maxTtl(Duration.ofHours(2))
            .build();
    ValueRecord ok = ValueRecord.sign(alice, "/price/node1", 1, NOW + HOUR, new byte[8]);
    ValueRecord bad = ValueRecord.sign(alice, "/price/node1", 1, NOW + HOUR, new byte[9]);
    assertEquals(Optional.empty(), mine.check(RecordKey.parse(ok.key()), ok, NOW));
    assertEquals(
        Rejection.Reason.REJECTED, reason(mine.check(RecordKey.parse(bad.key()), bad, NOW)));
    assertEquals(List.of("price"), mine.namespaces());
  }

  static byte[] b(int v) {
    return new byte[] {(byte) v, (byte) (v >> 8), 42};
  }

  private static byte[] seq10() {
    return new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
