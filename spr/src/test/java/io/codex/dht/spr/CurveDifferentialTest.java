package io.codex.dht.spr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * libsecp256k1 and BouncyCastle side by side: at least 10,000 random and adversarial inputs per
 * operation go through the same code path with each backend and must give the same bytes, the same
 * verdicts and the same refusal reasons and messages.
 */
class CurveDifferentialTest {
  private static final int CASES = 10_000;
  private static final BigInteger N = Secp256k1.N;
  private static final BigInteger P = Secp256k1.P;

  private static Curve nativeCurve;
  private static Curve bcCurve;

  @BeforeAll
  static void load() throws Exception {
    nativeCurve = NativeCurve.load();
    bcCurve = new BouncyCastleCurve();
  }

  @Test
  void publicKeysFromSecrets() {
    Random random = new Random(1);
    List<byte[]> secrets = new ArrayList<>();
    for (BigInteger edge :
        List.of(
            BigInteger.ONE,
            BigInteger.TWO,
            N.subtract(BigInteger.ONE),
            N.subtract(BigInteger.TWO),
            Secp256k1.HALF_N,
            Secp256k1.HALF_N.add(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE))) {
      secrets.add(fixed(edge));
    }
    while (secrets.size() < CASES) {
      secrets.add(secret(random));
    }
    for (byte[] s : secrets) {
      assertSame("publicKey " + Hex.encode(s), nativeCurve.publicKey(s), bcCurve.publicKey(s));
    }
  }

  @Test
  void pointDecodingAcceptsAndRefusesTheSameInputs() {
    Random random = new Random(2);
    Map<String, Integer> verdicts = new HashMap<>();
    for (int i = 0; i < CASES; i++) {
      byte[] input = adversarialPoint(random, i);
      String a = decode(nativeCurve, input);
      String b = decode(bcCurve, input);
      assertEquals(b, a, "decode " + Hex.encode(input));
      verdicts.merge(a.startsWith("ok") ? "ok" : a, 1, Integer::sum);
    }
    // Control: the generator reaches acceptances and both refusals.
    assertTrue(verdicts.getOrDefault("ok", 0) > 1_000, verdicts.toString());
    assertTrue(verdicts.size() >= 3, verdicts.toString());
  }

  @Test
  void ecdhGivesTheSameCompressedPoint() {
    Random random = new Random(3);
    for (int i = 0; i < CASES; i++) {
      byte[] secret = i < 4 ? fixed(edgeScalar(i)) : secret(random);
      byte[] point = i % 7 == 0 ? bcCurve.publicKey(fixed(BigInteger.ONE)) : pointOf(random);
      assertSame(
          "ecdh " + Hex.encode(secret),
          nativeCurve.ecdh(secret, point),
          bcCurve.ecdh(secret, point));
    }
  }

  @Test
  void signaturesAreByteIdenticalAndLowS() {
    Random random = new Random(4);
    for (int i = 0; i < CASES; i++) {
      byte[] secret = i < 4 ? fixed(edgeScalar(i)) : secret(random);
      byte[] digest = digest(random, i);
      byte[] a = nativeCurve.sign(secret, digest);
      byte[] b = bcCurve.sign(secret, digest);
      assertSame("sign " + Hex.encode(digest), a, b);
      assertTrue(new BigInteger(1, Arrays.copyOfRange(a, 32, 64)).compareTo(Secp256k1.HALF_N) <= 0);
    }
  }

  @Test
  void verificationGivesTheSameVerdictsAndReasons() {
    Random random = new Random(5);
    Map<String, Integer> verdicts = new HashMap<>();
    for (int i = 0; i < CASES; i++) {
      byte[] secret = secret(random);
      byte[] xy = bcCurve.publicKey(secret);
      byte[] digest = digest(random, i);
      byte[] der = Secp256k1.derFromCompact(bcCurve.sign(secret, digest));
      int kind = i % 16;
      byte[] checkedDigest = kind == 14 ? digest(random, i + 1) : digest;
      byte[] checkedKey = kind == 15 ? pointOf(random) : xy;
      byte[] input = kind >= 14 ? der : adversarialDer(random, der, kind);
      String a = verify(nativeCurve, checkedKey, checkedDigest, input);
      String b = verify(bcCurve, checkedKey, checkedDigest, input);
      assertEquals(b, a, "verify kind " + kind + " " + Hex.encode(input));
      verdicts.merge(a, 1, Integer::sum);
    }
    // Control: valid signatures pass and every refusal reason occurs.
    assertTrue(verdicts.getOrDefault("ok", 0) > 500, verdicts.toString());
    for (String reason :
        List.of("HIGH_S_SIGNATURE", "SIGNATURE_INVALID", "BAD_SIGNATURE_ENCODING")) {
      assertTrue(
          verdicts.keySet().stream().anyMatch(k -> k.contains(reason)), reason + " in " + verdicts);
    }
  }

  // --- the shared code paths, with an explicit backend ---

  private static String decode(Curve curve, byte[] input) {
    try {
      return "ok " + Hex.encode(Secp256k1.decodePoint(curve, input));
    } catch (DecodeException e) {
      return "refused " + e.getMessage();
    }
  }

  private static String verify(Curve curve, byte[] xy, byte[] digest, byte[] der) {
    try {
      Secp256k1.verify(curve, xy, digest, der);
      return "ok";
    } catch (DecodeException e) {
      return "refused " + e.getMessage();
    }
  }

  // --- inputs ---

  private static byte[] adversarialPoint(Random random, int i) {
    byte[] valid = pointOf(random);
    byte[] compressed = Curve.compress(valid, 0);
    byte[] uncompressed = new byte[65];
    uncompressed[0] = 4;
    System.arraycopy(valid, 0, uncompressed, 1, 64);
    switch (i % 20) {
      case 0:
        return compressed;
      case 1:
        return uncompressed;
      case 2: // random x: about half are on the curve
        {
          byte[] b = randomBytes(random, 33);
          b[0] = (byte) (2 + random.nextInt(2));
          return b;
        }
      case 3: // wrong prefix, right length
        {
          byte[] b = compressed.clone();
          b[0] = (byte) random.nextInt(256);
          return b;
        }
      case 4:
        {
          byte[] b = uncompressed.clone();
          b[0] = (byte) random.nextInt(256);
          return b;
        }
      case 5: // off the curve: y changed
        {
          byte[] b = uncompressed.clone();
          b[64] ^= (byte) (1 << random.nextInt(8));
          return b;
        }
      case 6: // x >= p
        {
          byte[] b = new byte[33];
          b[0] = (byte) (2 + random.nextInt(2));
          Secp256k1.toFixed(P.add(BigInteger.valueOf(random.nextInt(3))), b, 1);
          return b;
        }
      case 7: // y >= p
        {
          byte[] b = uncompressed.clone();
          Secp256k1.toFixed(
              new BigInteger(1, Arrays.copyOfRange(valid, 32, 64))
                  .add(P)
                  .mod(BigInteger.ONE.shiftLeft(256)),
              b,
              33);
          return b;
        }
      case 8: // infinity and zeros
        return switch (random.nextInt(4)) {
          case 0 -> new byte[] {0};
          case 1 -> new byte[33];
          case 2 -> new byte[65];
          default -> {
            byte[] b = new byte[33];
            b[0] = 2;
            yield b;
          }
        };
      case 9: // wrong lengths
        return randomBytes(random, new int[] {0, 1, 32, 34, 64, 66, 97}[random.nextInt(7)]);
      case 10: // hybrid encodings, right or wrong parity
        {
          byte[] b = uncompressed.clone();
          b[0] = (byte) (6 + random.nextInt(2));
          return b;
        }
      case 11: // truncated or extended valid encodings
        return Arrays.copyOf(compressed, random.nextBoolean() ? 32 : 34);
      case 12: // the negation: valid
        {
          byte[] b = compressed.clone();
          b[0] ^= 1;
          return b;
        }
      case 13: // one bit flipped in the x of a compressed point
        {
          byte[] b = compressed.clone();
          b[1 + random.nextInt(32)] ^= (byte) (1 << random.nextInt(8));
          return b;
        }
      default:
        return random.nextBoolean() ? compressed : randomBytes(random, 33);
    }
  }

  private static byte[] adversarialDer(Random random, byte[] der, int kind) {
    BigInteger[] rs;
    try {
      rs = Secp256k1.decodeDer(der);
    } catch (DecodeException e) {
      throw new AssertionError(e);
    }
    BigInteger r = rs[0];
    BigInteger s = rs[1];
    return switch (kind) {
      case 0, 1 -> der;
      case 2 -> Secp256k1.encodeDer(r, N.subtract(s)); // high S twin
      case 3 -> Secp256k1.encodeDer(BigInteger.ZERO, s);
      case 4 -> Secp256k1.encodeDer(r, BigInteger.ZERO);
      case 5 -> Secp256k1.encodeDer(N.add(BigInteger.valueOf(random.nextInt(2))), s); // r >= n
      case 6 -> Secp256k1.encodeDer(r, N.add(BigInteger.valueOf(random.nextInt(2)))); // s >= n
      case 7 -> { // negative r: integer with its top bit set
        byte[] b = der.clone();
        b[4] = (byte) 0x80;
        yield b;
      }
      case 8 -> { // non-minimal: an extra leading zero
        byte[] rb = r.toByteArray();
        byte[] padded = new byte[rb.length + 1];
        System.arraycopy(rb, 0, padded, 1, rb.length);
        yield rawDer(padded, s.toByteArray());
      }
      case 9 -> { // trailing bytes, with or without the sequence length covering them
        byte[] b = Arrays.copyOf(der, der.length + 1 + random.nextInt(3));
        if (random.nextBoolean()) {
          b[1] = (byte) (b.length - 2);
        }
        yield b;
      }
      case 10 -> { // one bit flipped anywhere
        byte[] b = der.clone();
        b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        yield b;
      }
      case 11 -> randomBytes(random, random.nextInt(80));
      case 12 -> Secp256k1.encodeDer(N.subtract(BigInteger.ONE), s); // r = n-1: valid form
      default -> Secp256k1.encodeDer(s, r); // r and s swapped
    };
  }

  private static byte[] rawDer(byte[] r, byte[] s) {
    byte[] out = new byte[6 + r.length + s.length];
    out[0] = 0x30;
    out[1] = (byte) (out.length - 2);
    out[2] = 2;
    out[3] = (byte) r.length;
    System.arraycopy(r, 0, out, 4, r.length);
    out[4 + r.length] = 2;
    out[5 + r.length] = (byte) s.length;
    System.arraycopy(s, 0, out, 6 + r.length, s.length);
    return out;
  }

  private static BigInteger edgeScalar(int i) {
    return List.of(BigInteger.ONE, N.subtract(BigInteger.ONE), Secp256k1.HALF_N, BigInteger.TWO)
        .get(i);
  }

  private static byte[] digest(Random random, int i) {
    return switch (i % 50) {
      case 0 -> new byte[32];
      case 1 -> fixed(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)); // above n
      case 2 -> fixed(N);
      default -> randomBytes(random, 32);
    };
  }

  private static byte[] pointOf(Random random) {
    return bcCurve.publicKey(secret(random));
  }

  private static byte[] secret(Random random) {
    while (true) {
      BigInteger d = new BigInteger(1, randomBytes(random, 32));
      if (d.signum() > 0 && d.compareTo(N) < 0) {
        return fixed(d);
      }
    }
  }

  private static byte[] fixed(BigInteger value) {
    byte[] out = new byte[32];
    Secp256k1.toFixed(value, out, 0);
    return out;
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return b;
  }

  private static void assertSame(String what, byte[] a, byte[] b) {
    assertEquals(Hex.encode(b), Hex.encode(a), what);
  }
}
