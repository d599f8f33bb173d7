package io.codex.dht.spr;

import com.google.protobuf.Parser;
import com.google.protobuf.UnsafeByteOperations;
import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.proto.KeyProtos;
import io.codex.dht.spr.proto.Protobufs;
import java.util.Arrays;

/**
 * A secp256k1 public key, with its 33-byte compressed form and its libp2p protobuf form ({@code
 * keys.proto}) {@code PublicKey{1: KeyType = 2, 2: compressed point}} ({@code 08 02 12 21 || 33
 * bytes}, 37 bytes).
 */
public final class PublicKey {
  /** The libp2p {@code KeyType} of secp256k1. */
  public static final int KEY_TYPE_SECP256K1 = 2;

  /** The length of the protobuf form. */
  public static final int PROTOBUF_LENGTH = 37;

  // Implementation notes: only the validated affine coordinates are kept (64 bytes), never a
  // curve library's point object. A BouncyCastle point is several hundred bytes and grows a
  // precomputation table once used for verification, which matters when a process holds millions
  // of records (the simulator, a big provider store). Either backend takes the coordinates as
  // they are: libsecp256k1 parses the uncompressed form (no square root), BouncyCastle rebuilds
  // its point from them.
  private final byte[] xy;

  PublicKey(byte[] xy) {
    if (xy.length != 64) {
      throw new IllegalArgumentException("x || y has 64 bytes");
    }
    this.xy = xy;
  }

  /** Parses a 33-byte compressed (or 65-byte uncompressed) SEC1 point. */
  public static PublicKey fromCompressed(byte[] encoded) throws DecodeException {
    return new PublicKey(Secp256k1.decodePoint(CurveBackend.curve(), encoded));
  }

  /** Parses the libp2p protobuf form; only secp256k1 keys are accepted. */
  public static PublicKey fromProtobuf(byte[] protobuf) throws DecodeException {
    return fromCompressed(KeyProtobuf.publicData(protobuf));
  }

  /** The 33-byte compressed point. */
  public byte[] toCompressed() {
    return Curve.compress(xy, 0);
  }

  /** The 37-byte libp2p protobuf form. */
  public byte[] toProtobuf() {
    return KeyProtos.PublicKey.newBuilder()
        .setType(KEY_TYPE_SECP256K1)
        .setData(UnsafeByteOperations.unsafeWrap(toCompressed()))
        .build()
        .toByteArray();
  }

  /**
   * Checks a DER signature over {@code sha256(message)}, as libp2p's secp256k1 keys verify; only
   * low-S signatures are accepted.
   */
  public void verify(byte[] message, byte[] derSignature) throws DecodeException {
    verifyDigest(Hashes.sha256(message), derSignature);
  }

  /** Checks a DER signature over a 32-byte digest; only low-S signatures are accepted. */
  public void verifyDigest(byte[] digest, byte[] derSignature) throws DecodeException {
    if (digest.length != 32) {
      throw new IllegalArgumentException("a digest has 32 bytes");
    }
    Secp256k1.verify(CurveBackend.curve(), xy, digest, derSignature);
  }

  /** The validated 64-byte {@code x || y} (not copied: callers in this package only read it). */
  byte[] xy() {
    return xy;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKey other && Arrays.equals(xy, other.xy);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(xy);
  }

  /** The compressed point in hex. */
  @Override
  public String toString() {
    return Hex.encode(toCompressed());
  }

  /** The libp2p key protobufs {@code {1: KeyType, 2: Data}} of public and private keys. */
  static final class KeyProtobuf {
    private static final Parser<KeyProtos.PublicKey> PUBLIC =
        Protobufs.parser(KeyProtos.PublicKey.parser());
    private static final Parser<KeyProtos.PrivateKey> PRIVATE =
        Protobufs.parser(KeyProtos.PrivateKey.parser());

    private KeyProtobuf() {}

    /** The 33-byte point of a secp256k1 PublicKey message. */
    static byte[] publicData(byte[] protobuf) throws DecodeException {
      KeyProtos.PublicKey k = Protobufs.parse(PUBLIC, protobuf);
      return check(k.hasType(), k.getType(), k.hasData(), k.getData().toByteArray(), 33);
    }

    /** The 32-byte scalar of a secp256k1 PrivateKey message. */
    static byte[] privateData(byte[] protobuf) throws DecodeException {
      KeyProtos.PrivateKey k = Protobufs.parse(PRIVATE, protobuf);
      return check(k.hasType(), k.getType(), k.hasData(), k.getData().toByteArray(), 32);
    }

    private static byte[] check(
        boolean hasType, long type, boolean hasData, byte[] data, int dataLength)
        throws DecodeException {
      if (!hasType || !hasData) {
        throw new DecodeException(Reason.MISSING_FIELD, "key protobuf lacks its type or data");
      }
      if (type != KEY_TYPE_SECP256K1) {
        throw new DecodeException(
            Reason.UNSUPPORTED_KEY_TYPE, "key type " + Long.toUnsignedString(type));
      }
      if (data.length != dataLength) {
        throw new DecodeException(
            Reason.BAD_KEY, "secp256k1 key data has " + data.length + " bytes");
      }
      return data;
    }
  }
}
