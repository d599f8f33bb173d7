package io.codex.dht.spr;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.digests.KeccakDigest;

/** The two hashes the protocol uses: SHA-256 and Keccak-256 (the Ethereum variant, not SHA3). */
public final class Hashes {
  private Hashes() {}

  /** SHA-256 of the input. */
  public static byte[] sha256(byte[] input) {
    return sha256(input, 0, input.length);
  }

  /** SHA-256 of {@code input[offset, offset + length)}. */
  public static byte[] sha256(byte[] input, int offset, int length) {
    MessageDigest digest = newSha256();
    digest.update(input, offset, length);
    return digest.digest();
  }

  /** A fresh SHA-256 digest (the JDK's, which has CPU intrinsics). */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Keccak-256 of the input. */
  public static byte[] keccak256(byte[] input) {
    KeccakDigest digest = new KeccakDigest(256);
    digest.update(input, 0, input.length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }
}
