package io.codex.dht.ethereum;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.Hashes;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.PublicKey;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/**
 * The Ethereum "v4" identity scheme's primitives: node id = {@code keccak256(x || y)} of the
 * uncompressed key, and 64-byte {@code r || s} signatures (low-S, RFC 6979 nonces) over a 32-byte
 * digest, as go-ethereum's {@code crypto.Sign} without the recovery byte.
 */
final class V4 {
  /** The size of a {@code r || s} signature. */
  static final int SIGNATURE_SIZE = 64;

  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");

  private V4() {}

  /** {@code keccak256(x || y)} of {@code key}. */
  static NodeId nodeId(PublicKey key) {
    return NodeId.keccakOf(uncompressed(key));
  }

  /** The 64-byte {@code x || y} of {@code key}. */
  static byte[] uncompressed(PublicKey key) {
    byte[] full = CURVE.getCurve().decodePoint(key.toCompressed()).getEncoded(false);
    return Arrays.copyOfRange(full, 1, 65);
  }

  /** Signs a 32-byte digest: 64-byte {@code r || s}, low-S, deterministic. */
  static byte[] sign(PrivateKey key, byte[] digest) {
    byte[] der = key.signDigest(digest);
    // DER: 30 len 02 lenR R 02 lenS S, each integer minimal (PrivateKey writes it).
    int rLength = der[3];
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(der, 4, 4 + rLength));
    int sAt = 4 + rLength;
    int sLength = der[sAt + 1];
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(der, sAt + 2, sAt + 2 + sLength));
    byte[] out = new byte[SIGNATURE_SIZE];
    fixed32(r, out, 0);
    fixed32(s, out, 32);
    return out;
  }

  /**
   * Checks a 64-byte {@code r || s} signature over {@code digest}; high-S signatures are refused,
   * as go-ethereum refuses them.
   */
  static void verify(PublicKey key, byte[] digest, byte[] signature) throws DecodeException {
    if (signature.length != SIGNATURE_SIZE) {
      throw new DecodeException(
          Reason.BAD_SIGNATURE_ENCODING, "signature of " + signature.length + " bytes, not 64");
    }
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
    key.verifyDigest(digest, der(r, s));
  }

  /** {@code keccak256} of {@code bytes}. */
  static byte[] keccak(byte[] bytes) {
    return Hashes.keccak256(bytes);
  }

  private static byte[] der(BigInteger r, BigInteger s) {
    byte[] rb = r.toByteArray();
    byte[] sb = s.toByteArray();
    byte[] out = new byte[6 + rb.length + sb.length];
    out[0] = 0x30;
    out[1] = (byte) (4 + rb.length + sb.length);
    out[2] = 0x02;
    out[3] = (byte) rb.length;
    System.arraycopy(rb, 0, out, 4, rb.length);
    out[4 + rb.length] = 0x02;
    out[5 + rb.length] = (byte) sb.length;
    System.arraycopy(sb, 0, out, 6 + rb.length, sb.length);
    return out;
  }

  private static void fixed32(BigInteger v, byte[] out, int at) {
    byte[] raw = v.toByteArray();
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, at + 32 - n, n);
  }
}
