package io.codex.dht.spr;

import com.google.protobuf.UnsafeByteOperations;
import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.proto.KeyProtos;
import java.math.BigInteger;
import java.util.Random;

/**
 * A secp256k1 private key: signs deterministically (RFC 6979, low-S, DER, over SHA-256 of the
 * input, as libp2p does) and computes ECDH shared points. Its libp2p protobuf form ({@code
 * keys.proto}) is {@code 08 02 12 20 || 32-byte scalar}.
 */
public final class PrivateKey {
  private final byte[] scalar;
  private final PublicKey publicKey;

  private PrivateKey(BigInteger d) {
    this.scalar = new byte[32];
    Secp256k1.toFixed(d, scalar, 0);
    this.publicKey = new PublicKey(CurveBackend.curve().publicKey(scalar));
  }

  /** A new random key drawn from {@code random} (a {@code SecureRandom} outside of tests). */
  public static PrivateKey generate(Random random) {
    byte[] bytes = new byte[32];
    while (true) {
      random.nextBytes(bytes);
      BigInteger d = new BigInteger(1, bytes);
      if (d.signum() > 0 && d.compareTo(Secp256k1.N) < 0) {
        return new PrivateKey(d);
      }
    }
  }

  /** Reads a 32-byte big-endian scalar in 1..n-1. */
  public static PrivateKey fromBytes(byte[] bytes) throws DecodeException {
    if (bytes.length != 32) {
      throw new DecodeException(Reason.BAD_KEY, "a private key has 32 bytes, not " + bytes.length);
    }
    BigInteger d = new BigInteger(1, bytes);
    if (d.signum() == 0 || d.compareTo(Secp256k1.N) >= 0) {
      throw new DecodeException(Reason.BAD_KEY, "private key out of range");
    }
    return new PrivateKey(d);
  }

  /** Reads 64 hex digits. */
  public static PrivateKey fromHex(String hex) throws DecodeException {
    return fromBytes(Hex.decode(hex.strip()));
  }

  /** Reads the libp2p protobuf form; only secp256k1 keys are accepted. */
  public static PrivateKey fromProtobuf(byte[] protobuf) throws DecodeException {
    return fromBytes(PublicKey.KeyProtobuf.privateData(protobuf));
  }

  /** The 32-byte big-endian scalar. */
  public byte[] toBytes() {
    return scalar.clone();
  }

  /** The scalar as 64 hex digits. */
  public String toHex() {
    return Hex.encode(toBytes());
  }

  /** The 36-byte libp2p protobuf form. */
  public byte[] toProtobuf() {
    return KeyProtos.PrivateKey.newBuilder()
        .setType(PublicKey.KEY_TYPE_SECP256K1)
        .setData(UnsafeByteOperations.unsafeWrap(toBytes()))
        .build()
        .toByteArray();
  }

  /** The matching public key. */
  public PublicKey publicKey() {
    return publicKey;
  }

  /** Signs {@code sha256(message)}: deterministic (RFC 6979), low-S, DER-encoded. */
  public byte[] sign(byte[] message) {
    return signDigest(Hashes.sha256(message));
  }

  /** Signs a 32-byte digest: deterministic (RFC 6979), low-S, DER-encoded. */
  public byte[] signDigest(byte[] digest) {
    if (digest.length != 32) {
      throw new IllegalArgumentException("a digest has 32 bytes");
    }
    return Secp256k1.derFromCompact(CurveBackend.curve().sign(scalar, digest));
  }

  /**
   * The ECDH shared secret with {@code remote}: the 33-byte compressed form of {@code scalar *
   * remote}, as discv5 and libsecp256k1 with a compressed-point hash compute it.
   */
  public byte[] ecdh(PublicKey remote) {
    return CurveBackend.curve().ecdh(scalar, remote.xy());
  }

  /** Never prints the secret. */
  @Override
  public String toString() {
    return "PrivateKey[public=" + publicKey + "]";
  }
}
