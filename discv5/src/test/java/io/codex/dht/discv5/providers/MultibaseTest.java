package io.codex.dht.discv5.providers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.codex.dht.spr.DecodeException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The multibase codecs and the multiformats varint. */
class MultibaseTest {
  @Test
  void base32MatchesRfc4648Vectors() throws Exception {
    // RFC 4648 section 10, lowercased and without padding.
    String[][] vectors = {
      {"", "b"},
      {"f", "bmy"},
      {"fo", "bmzxq"},
      {"foo", "bmzxw6"},
      {"foob", "bmzxw6yq"},
      {"fooba", "bmzxw6ytb"},
      {"foobar", "bmzxw6ytboi"},
    };
    for (String[] v : vectors) {
      byte[] bytes = v[0].getBytes(StandardCharsets.US_ASCII);
      assertEquals(v[1], Multibase.encodeBase32(bytes));
      assertArrayEquals(bytes, Multibase.decode(v[1]));
      assertArrayEquals(bytes, Multibase.decode(v[1].toUpperCase(java.util.Locale.ROOT)));
    }
  }

  @Test
  void everyBaseRoundTripsRandomBytes() throws Exception {
    Random random = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      byte[] bytes = new byte[random.nextInt(70)];
      random.nextBytes(bytes);
      if (random.nextBoolean() && bytes.length > 0) {
        bytes[0] = 0; // leading zeros matter in base58
      }
      assertArrayEquals(bytes, Multibase.decode(Multibase.encodeBase32(bytes)));
      assertArrayEquals(bytes, Multibase.decode(Multibase.encodeBase16(bytes)));
      assertArrayEquals(bytes, Multibase.decode(Multibase.encodeBase58(bytes)));
    }
  }

  @Test
  void base32LengthsThatCannotEndABlockAreRejected() {
    // 1, 3 and 6 characters (mod 8) leave 5 or more unused bits.
    for (String body : new String[] {"a", "aaa", "aaaaaa", "aaaaaaaaa"}) {
      assertThrows(DecodeException.class, () -> Multibase.decode("b" + body), body);
    }
  }

  @Test
  void varintsAreMinimalAndAtMostNineBytes() throws Exception {
    long[] values = {0, 1, 127, 128, 300, 0x70, 0xcd02, 1L << 32, Long.MAX_VALUE};
    for (long value : values) {
      byte[] out = new byte[Varint.MAX_BYTES];
      int n = Varint.write(value, out, 0);
      Varint in = new Varint(Arrays.copyOf(out, n), 0);
      assertEquals(value, in.read("test"));
      assertEquals(0, in.remaining());
    }
    byte[] max = new byte[Varint.MAX_BYTES];
    assertEquals(9, Varint.write(Long.MAX_VALUE, max, 0));
    assertThrows(
        DecodeException.class, () -> new Varint(new byte[] {(byte) 0x80, 0x00}, 0).read("x"));
    assertThrows(DecodeException.class, () -> new Varint(new byte[] {(byte) 0x80}, 0).read("x"));
    byte[] ten = new byte[10];
    Arrays.fill(ten, (byte) 0xFF);
    ten[9] = 0x01;
    assertThrows(DecodeException.class, () -> new Varint(ten, 0).read("x"));
  }
}
