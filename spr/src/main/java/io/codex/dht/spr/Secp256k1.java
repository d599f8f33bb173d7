package io.codex.dht.spr;

import io.codex.dht.spr.DecodeException.Reason;
import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** The secp256k1 curve constants and the strict DER signature form libsecp256k1 accepts. */
final class Secp256k1 {
  static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
  static final ECDomainParameters DOMAIN =
      new ECDomainParameters(PARAMS.getCurve(), PARAMS.getG(), PARAMS.getN(), PARAMS.getH());
  static final BigInteger N = PARAMS.getN();
  static final BigInteger HALF_N = N.shiftRight(1);
  static final FixedPointCombMultiplier BASE_MULTIPLIER = new FixedPointCombMultiplier();

  /** The largest DER signature: two 33-byte integers with their headers and the sequence header. */
  static final int MAX_DER_LENGTH = 72;

  private Secp256k1() {}

  static ECPoint multiplyBase(BigInteger scalar) {
    return BASE_MULTIPLIER.multiply(PARAMS.getG(), scalar).normalize();
  }

  /** Decodes a 33-byte compressed (or 65-byte uncompressed) point; rejects non-curve points. */
  static ECPoint decodePoint(byte[] encoded) throws DecodeException {
    if (encoded.length != 33 && encoded.length != 65) {
      throw new DecodeException(Reason.BAD_KEY, "a public key has 33 or 65 bytes");
    }
    try {
      ECPoint point = PARAMS.getCurve().decodePoint(encoded).normalize();
      if (point.isInfinity() || !point.isValid()) {
        throw new DecodeException(Reason.BAD_KEY, "public key is not a curve point");
      }
      return point;
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new DecodeException(Reason.BAD_KEY, "public key is not a curve point", e);
    }
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
