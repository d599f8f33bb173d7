package io.codex.dht.discv5.providers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.Base58;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Malformed CIDs fail with a typed {@link DecodeException}; random input raises nothing else. */
class CidMalformedTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final long SEED = 0xC1D5EEDL;

  private static final List<String> VALID =
      List.of(
          "QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n",
          "bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku",
          "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e",
          "bafkqaaa");

  private static final String SHA_DIGEST =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void everyTruncationOfTheBinaryFormFails() throws Exception {
    for (String text : VALID) {
      byte[] bytes = Cid.parse(text).toBytes();
      for (int n = 0; n < bytes.length; n++) {
        byte[] prefix = Arrays.copyOf(bytes, n);
        assertReason(Reason.BAD_CID, () -> Cid.fromBytes(prefix), text + " cut to " + n);
      }
    }
  }

  @Test
  void everyTruncationOfTheTextFormFails() throws Exception {
    for (String text : VALID) {
      for (int n = 0; n < text.length(); n++) {
        String prefix = text.substring(0, n);
        DecodeException e = assertThrows(DecodeException.class, () -> Cid.parse(prefix), prefix);
        assertTrue(Set.of(Reason.BAD_CID, Reason.BAD_TEXT).contains(e.reason()), prefix + ": " + e);
      }
    }
  }

  @Test
  void structureIsCheckedStrictly() {
    // Explicit version 0, and the reserved versions 2 and 3.
    assertBytesRejected("0070" + "1220" + SHA_DIGEST, "version 0");
    assertBytesRejected("0270" + "1220" + SHA_DIGEST, "version 2");
    assertBytesRejected("0370" + "1220" + SHA_DIGEST, "version 3");
    // Non-minimal varints: version 1 as 81 00, codec 0x70 as f0 00.
    assertBytesRejected("8100" + "70" + "1220" + SHA_DIGEST, "padded version");
    assertBytesRejected("01" + "f000" + "1220" + SHA_DIGEST, "padded codec");
    // A codec varint of 10 bytes (longer than the 9 the spec allows).
    assertBytesRejected("01" + "ffffffffffffffffff01" + "1220" + SHA_DIGEST, "long varint");
    // Declared digest length disagrees with what follows.
    assertBytesRejected("0170" + "1221" + SHA_DIGEST, "length says 33");
    assertBytesRejected("0170" + "121f" + SHA_DIGEST, "length says 31");
    assertBytesRejected("0170" + "1220" + SHA_DIGEST + "00", "trailing byte");
    // sha2-256 is 32 bytes; other functions need a digest.
    assertBytesRejected("0155" + "121f" + SHA_DIGEST.substring(2), "short sha2-256");
    assertBytesRejected("0155" + "1600", "empty sha3-256 digest");
    // CIDv0: 0x12 first means a 34-byte sha2-256 multihash and nothing else.
    assertBytesRejected("1221" + SHA_DIGEST + "00", "v0 with 33-byte digest");
    assertBytesRejected("1220" + SHA_DIGEST + "00", "v0 with a trailing byte");
    assertBytesRejected("12", "v0 cut after the function");
  }

  @Test
  void sizesAreBoundedBeforeDecoding() {
    assertReason(Reason.TOO_LARGE, () -> Cid.fromBytes(new byte[Cid.MAX_BYTES + 1]), "bytes");
    String longText = "b" + "a".repeat(Cid.MAX_TEXT_LENGTH);
    assertReason(Reason.TOO_LARGE, () -> Cid.parse(longText), "text");
    // A million characters are refused at once: the length is checked before any decoding.
    String hugeText = "z" + "1".repeat(1_000_000);
    assertReason(Reason.TOO_LARGE, () -> Cid.parse(hugeText), "huge text");
    // Base32 text within the text bound that decodes to more than the byte bound.
    byte[] tooMany = new byte[Cid.MAX_BYTES + 1];
    tooMany[0] = 0x01;
    String base32 = Multibase.encodeBase32(tooMany);
    assertTrue(base32.length() <= Cid.MAX_TEXT_LENGTH);
    assertReason(Reason.TOO_LARGE, () -> Cid.parse(base32), "decoded over the byte bound");
  }

  @Test
  void badTextIsRejected() throws Exception {
    String v1 = VALID.get(1);
    String body = v1.substring(1);
    assertReason(Reason.BAD_CID, () -> Cid.parse(""), "empty");
    assertReason(Reason.BAD_TEXT, () -> Cid.parse("m" + body), "unsupported prefix");
    assertReason(
        Reason.BAD_TEXT, () -> Cid.parse("b" + body.toUpperCase(Locale.ROOT)), "case != prefix");
    assertReason(Reason.BAD_TEXT, () -> Cid.parse("B" + body), "case != prefix, upper");
    assertReason(Reason.BAD_TEXT, () -> Cid.parse(v1 + "="), "padding");
    assertReason(Reason.BAD_TEXT, () -> Cid.parse(v1.replace('a', '1')), "base32 digit 1");
    // Non-ASCII letters whose case mapping lands on ASCII (dotted I, Kelvin sign) are not digits.
    assertReason(Reason.BAD_TEXT, () -> Cid.parse("BAFKQAA\u0130"), "dotted capital I");
    assertReason(Reason.BAD_TEXT, () -> Cid.parse("bafkqaa\u212a"), "Kelvin sign");
    // bafkqaaa has 7 body characters = 35 bits: 4 bytes and 3 zero bits; bafkqaab sets them.
    assertReason(Reason.BAD_TEXT, () -> Cid.parse("bafkqaab"), "non-zero trailing bits");
    assertReason(Reason.BAD_TEXT, () -> Cid.parse("f0155000"), "odd base16");
    assertReason(Reason.BAD_TEXT, () -> Cid.parse("f015500G0"), "bad base16 digit");
    assertReason(Reason.BAD_TEXT, () -> Cid.parse("F015500aa"), "lowercase in F");
    assertReason(Reason.BAD_TEXT, () -> Cid.parse("z0OIl"), "not base58");
    // Nothing may surround the text.
    assertReason(Reason.BAD_TEXT, () -> Cid.parse(" " + v1), "leading space");
    assertReason(Reason.BAD_TEXT, () -> Cid.parse(v1 + "\n"), "trailing newline");
  }

  @Test
  void cidV0IsOnlyPlainBase58() throws Exception {
    String v0 = VALID.get(0);
    byte[] multihash = Cid.parse(v0).toBytes();
    // The same bytes in multibase: refused, so each CID has one binary form and one DHT key.
    assertReason(Reason.BAD_CID, () -> Cid.parse("z" + v0), "zQm...");
    assertReason(Reason.BAD_CID, () -> Cid.parse(Multibase.encodeBase32(multihash)), "b + v0");
    // 46 characters starting Qm that are not a sha2-256 multihash.
    String notV0 = "Qm" + "z".repeat(44);
    DecodeException e = assertThrows(DecodeException.class, () -> Cid.parse(notV0));
    assertEquals(Reason.BAD_CID, e.reason(), e.getMessage());
  }

  @Test
  void randomBytesRaiseOnlyDecodeException() {
    Random random = new Random(SEED);
    int parsed = 0;
    for (int i = 0; i < 50_000; i++) {
      byte[] input = new byte[random.nextInt(48)];
      random.nextBytes(input);
      if (random.nextInt(3) == 0 && input.length > 0) {
        input[0] = 0x01; // reach the CIDv1 path more often
      }
      parsed += tryBytes(input);
    }
    // Some random inputs are valid CIDs (e.g. 01 xx 00 00): the fuzz reaches the success path too.
    assertTrue(parsed > 0, "no random input parsed");
  }

  @Test
  void mutatedCidsRaiseOnlyDecodeException() throws Exception {
    Random random = new Random(SEED + 1);
    for (String text : VALID) {
      byte[] bytes = Cid.parse(text).toBytes();
      for (int i = 0; i < 5_000; i++) {
        byte[] m = mutate(bytes, random);
        tryBytes(m);
        tryText(Multibase.encodeBase32(m));
        tryText(Base58.encode(m));
        char[] chars = text.toCharArray();
        chars[random.nextInt(chars.length)] = (char) random.nextInt(128);
        tryText(new String(chars));
      }
    }
  }

  @Test
  void randomTextRaisesOnlyDecodeException() {
    Random random = new Random(SEED + 2);
    String alphabet = "bBzfFQm0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ=\u0130";
    for (int i = 0; i < 30_000; i++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(80);
      for (int j = 0; j < length; j++) {
        s.append(
            random.nextInt(20) == 0
                ? (char) random.nextInt(0x10000)
                : alphabet.charAt(random.nextInt(alphabet.length())));
      }
      tryText(s.toString());
    }
  }

  /** Parses; a success must round-trip exactly. Returns 1 on success. */
  private static int tryBytes(byte[] input) {
    try {
      Cid cid = Cid.fromBytes(input);
      assertArrayEquals(input, cid.toBytes());
      assertEquals(cid, roundTrip(cid));
      return 1;
    } catch (DecodeException expected) {
      // Expected: malformed input must fail with the typed exception, and nothing else.
      return 0;
    }
  }

  private static void tryText(String text) {
    try {
      Cid cid = Cid.parse(text);
      assertEquals(cid, roundTrip(cid));
    } catch (DecodeException expected) {
      // Expected: malformed input must fail with the typed exception, and nothing else.
    }
  }

  private static Cid roundTrip(Cid cid) {
    try {
      Cid back = Cid.parse(cid.toString());
      assertEquals(cid, Cid.fromBytes(back.toBytes()));
      return back;
    } catch (DecodeException e) {
      throw new AssertionError("a parsed CID does not round-trip: " + cid, e);
    }
  }

  private static byte[] mutate(byte[] bytes, Random random) {
    byte[] m;
    switch (random.nextInt(4)) {
      case 0 -> {
        m = bytes.clone();
        m[random.nextInt(m.length)] ^= (byte) (1 << random.nextInt(8));
      }
      case 1 -> {
        m = bytes.clone();
        m[random.nextInt(m.length)] = (byte) random.nextInt(256);
      }
      case 2 -> {
        int at = random.nextInt(bytes.length + 1);
        m = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, m, 0, at);
        m[at] = (byte) random.nextInt(256);
        System.arraycopy(bytes, at, m, at + 1, bytes.length - at);
      }
      default -> {
        int at = random.nextInt(bytes.length);
        m = new byte[bytes.length - 1];
        System.arraycopy(bytes, 0, m, 0, at);
        System.arraycopy(bytes, at + 1, m, at, bytes.length - at - 1);
      }
    }
    return m;
  }

  private static void assertBytesRejected(String hex, String what) {
    byte[] bytes = HEX.parseHex(hex);
    assertReason(Reason.BAD_CID, () -> Cid.fromBytes(bytes), what);
  }

  private static void assertReason(Reason expected, Executable call, String what) {
    DecodeException e = assertThrows(DecodeException.class, call, what);
    assertEquals(expected, e.reason(), what + ": " + e.getMessage());
  }
}
