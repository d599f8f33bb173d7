package io.codex.dht.spr;

import io.codex.dht.spr.DecodeException.Reason;
import java.math.BigInteger;

/**
 * The secp256k1 constants and the byte-level rules both curve backends share: the strict DER
 * signature form libsecp256k1 accepts, the low-S rule and the SEC1 point encodings accepted.
 * Everything that decides whether an input is refused, and why, lives here, so both backends refuse
 * the same inputs with the same reason.
 */
final class Secp256k1 {
  /** The group order. */
  static final BigInteger N =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

  static final BigInteger HALF_N = N.shiftRight(1);

  /** The field prime. */
  static final BigInteger P =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", 16);

  /** The largest DER signature: two 33-byte integers with their headers and the sequence header. */
  static final int MAX_DER_LENGTH = 72;

  private Secp256k1() {}

  /**
   * Checks the length and prefix of a SEC1 point ({@code 02|03 || x}, {@code 04|06|07 || x || y})
   * and lets {@code curve} check that it is a curve point; returns its 64-byte {@code x || y}.
   */
  static byte[] decodePoint(Curve curve, byte[] encoded) throws DecodeException {
    if (encoded.length != 33 && encoded.length != 65) {
      throw new DecodeException(Reason.BAD_KEY, "a public key has 33 or 65 bytes");
    }
    int prefix = encoded[0];
    boolean prefixOk =
        encoded.length == 33
            ? prefix == 2 || prefix == 3
            : prefix == 4 || prefix == 6 || prefix == 7;
    byte[] xy = prefixOk ? curve.decode(encoded) : null;
    if (xy == null) {
      throw new DecodeException(Reason.BAD_KEY, "public key is not a curve point");
    }
    return xy;
  }

  /** Checks a DER signature's form and the low-S rule; returns the 64-byte {@code r || s}. */
  static byte[] compactLowS(byte[] der) throws DecodeException {
    BigInteger[] rs = decodeDer(der);
    if (rs[1].compareTo(HALF_N) > 0) {
      throw new DecodeException(Reason.HIGH_S_SIGNATURE, "signature has a high S value");
    }
    byte[] out = new byte[64];
    toFixed(rs[0], out, 0);
    toFixed(rs[1], out, 32);
    return out;
  }

  /**
   * Checks a DER signature over a 32-byte digest with {@code curve}: the form and the low-S rule
   * here, the arithmetic in the curve.
   */
  static void verify(Curve curve, byte[] xy, byte[] digest, byte[] der) throws DecodeException {
    byte[] rs = compactLowS(der);
    if (!curve.verify(xy, digest, rs)) {
      throw new DecodeException(Reason.SIGNATURE_INVALID, "signature does not verify");
    }
  }

  /** The DER form of a 64-byte {@code r || s}. */
  static byte[] derFromCompact(byte[] rs) {
    return encodeDer(
        new BigInteger(1, java.util.Arrays.copyOfRange(rs, 0, 32)),
        new BigInteger(1, java.util.Arrays.copyOfRange(rs, 32, 64)));
  }

  /** Writes a non-negative value below 2^256 as 32 big-endian bytes at {@code out[offset]}. */
  static void toFixed(BigInteger value, byte[] out, int offset) {
    byte[] raw = value.toByteArray();
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, offset + 32 - copy, copy);
  }

  /** {@code 30 len 02 lenR R 02 lenS S}, each integer minimal and non-negative. */
  static byte[] encodeDer(BigInteger r, BigInteger s) {
    byte[] rb = r.toByteArray();
    byte[] sb = s.toByteArray();
    int bodyLength = 2 + rb.length + 2 + sb.length;
    byte[] out = new byte[2 + bodyLength];
    out[0] = 0x30;
    out[1] = (byte) bodyLength;
    out[2] = 0x02;
    out[3] = (byte) rb.length;
    System.arraycopy(rb, 0, out, 4, rb.length);
    int at = 4 + rb.length;
    out[at] = 0x02;
    out[at + 1] = (byte) sb.length;
    System.arraycopy(sb, 0, out, at + 2, sb.length);
    return out;
  }

  /** Parses a strict DER signature into {r, s}; both must be in 1..n-1. */
  static BigInteger[] decodeDer(byte[] der) throws DecodeException {
    if (der.length < 8 || der.length > MAX_DER_LENGTH) {
      throw new DecodeException(
          Reason.BAD_SIGNATURE_ENCODING, "DER signature length " + der.length);
    }
    if (der[0] != 0x30 || (der[1] & 0xFF) != der.length - 2) {
      throw new DecodeException(Reason.BAD_SIGNATURE_ENCODING, "bad DER sequence header");
    }
    int[] at = {2};
    BigInteger r = readInteger(der, at);
    BigInteger s = readInteger(der, at);
    if (at[0] != der.length) {
      throw new DecodeException(Reason.BAD_SIGNATURE_ENCODING, "bytes after the DER sequence");
    }
    if (r.signum() <= 0 || r.compareTo(N) >= 0 || s.signum() <= 0 || s.compareTo(N) >= 0) {
      throw new DecodeException(Reason.BAD_SIGNATURE_ENCODING, "signature value out of range");
    }
    return new BigInteger[] {r, s};
  }

  private static BigInteger readInteger(byte[] der, int[] at) throws DecodeException {
    int i = at[0];
    if (i + 2 > der.length || der[i] != 0x02) {
      throw new DecodeException(Reason.BAD_SIGNATURE_ENCODING, "expected a DER integer");
    }
    int length = der[i + 1] & 0xFF;
    if (length == 0 || length > 33 || i + 2 + length > der.length) {
      throw new DecodeException(Reason.BAD_SIGNATURE_ENCODING, "bad DER integer length");
    }
    int first = der[i + 2] & 0xFF;
    if (first >= 0x80) {
      throw new DecodeException(Reason.BAD_SIGNATURE_ENCODING, "negative DER integer");
    }
    if (first == 0 && length > 1 && (der[i + 3] & 0x80) == 0) {
      throw new DecodeException(Reason.BAD_SIGNATURE_ENCODING, "non-minimal DER integer");
    }
    byte[] magnitude = new byte[length];
    System.arraycopy(der, i + 2, magnitude, 0, length);
    at[0] = i + 2 + length;
    return new BigInteger(1, magnitude);
  }
}
