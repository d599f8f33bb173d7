package io.codex.dht.spr;

import fr.acinq.secp256k1.jni.NativeSecp256k1JvmLoader;
import java.util.Arrays;

/**
 * secp256k1 in bitcoin-core's libsecp256k1 through the secp256k1-kmp JNI binding (the library the
 * Nim Codex node uses). A failure inside the library never escapes as its own exception: a refused
 * point reads as {@code null}, a refused signature as {@code false}.
 */
final class NativeCurve implements Curve {
  private final fr.acinq.secp256k1.Secp256k1 lib;

  private NativeCurve(fr.acinq.secp256k1.Secp256k1 lib) {
    this.lib = lib;
  }

  /** Loads the library (extracting it from the jar) and checks it computes {@code 1 * G}. */
  static NativeCurve load() throws Exception {
    NativeCurve curve = new NativeCurve(NativeSecp256k1JvmLoader.load());
    byte[] one = new byte[32];
    one[31] = 1;
    byte[] g = curve.publicKey(one);
    if (!Hex.encode(Curve.compress(g, 0))
        .equals("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798")) {
      throw new IllegalStateException("libsecp256k1 self-test failed");
    }
    return curve;
  }

  @Override
  public String name() {
    return "native";
  }

  @Override
  public byte[] publicKey(byte[] secret) {
    try {
      return xy(lib.pubkeyCreate(secret));
    } catch (RuntimeException e) {
      throw new IllegalStateException("libsecp256k1 refused a valid secret", e);
    }
  }

  @Override
  public byte[] decode(byte[] encoded) {
    try {
      return xy(lib.pubkeyParse(encoded));
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  public byte[] ecdh(byte[] secret, byte[] xy) {
    try {
      return Curve.compress(lib.pubKeyTweakMul(uncompressed(xy), secret), 1);
    } catch (RuntimeException e) {
      throw new IllegalStateException("libsecp256k1 refused a valid point and secret", e);
    }
  }

  @Override
  public byte[] sign(byte[] secret, byte[] digest) {
    try {
      return lib.sign(digest, secret);
    } catch (RuntimeException e) {
      throw new IllegalStateException("libsecp256k1 refused to sign with a valid secret", e);
    }
  }

  @Override
  public boolean verify(byte[] xy, byte[] digest, byte[] rs) {
    try {
      return lib.verify(rs, digest, uncompressed(xy));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static byte[] uncompressed(byte[] xy) {
    byte[] out = new byte[65];
    out[0] = 4;
    System.arraycopy(xy, 0, out, 1, 64);
    return out;
  }

  private static byte[] xy(byte[] uncompressed) {
    if (uncompressed.length != 65 || uncompressed[0] != 4) {
      throw new IllegalStateException("libsecp256k1 returned a point of " + uncompressed.length);
    }
    return Arrays.copyOfRange(uncompressed, 1, 65);
  }
}
