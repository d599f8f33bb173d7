package io.codex.dht.spr;

/**
 * The secp256k1 arithmetic the keys need, with two implementations: {@link NativeCurve}
 * (libsecp256k1) and {@link BouncyCastleCurve}. Inputs are already checked by {@link Secp256k1}:
 * secrets are 32 bytes in 1..n-1, points are a validated 64-byte {@code x || y}, signatures are a
 * 64-byte {@code r || s} with r, s in 1..n-1 and s low. Implementations are thread-safe.
 */
interface Curve {
  /** {@code native} or {@code bouncycastle}. */
  String name();

  /** The 64-byte {@code x || y} of {@code secret * G}. */
  byte[] publicKey(byte[] secret);

  /**
   * The 64-byte {@code x || y} of a 33- or 65-byte SEC1 point with a valid prefix, or {@code null}
   * when it is not a point of the curve.
   */
  byte[] decode(byte[] encoded);

  /** The 33-byte compressed form of {@code secret * point}. */
  byte[] ecdh(byte[] secret, byte[] xy);

  /** ECDSA over a 32-byte digest: RFC 6979 nonce, low S; the 64-byte {@code r || s}. */
  byte[] sign(byte[] secret, byte[] digest);

  /** Whether {@code r || s} is a valid signature of {@code digest} by the point {@code xy}. */
  boolean verify(byte[] xy, byte[] digest, byte[] rs);

  /** The 33-byte compressed form of a 64-byte {@code x || y}. */
  static byte[] compress(byte[] xy, int offset) {
    byte[] out = new byte[33];
    out[0] = (byte) (0x02 | (xy[offset + 63] & 1));
    System.arraycopy(xy, offset, out, 1, 32);
    return out;
  }
}
