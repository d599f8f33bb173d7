package io.codex.dht.spr;

import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.proto.ProtoReader;
import io.codex.dht.spr.proto.ProtoWriter;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A secp256k1 public key, with its 33-byte compressed form and its libp2p protobuf form {@code
 * PublicKey{1: KeyType = 2, 2: compressed point}} ({@code 08 02 12 21 || 33 bytes}, 37 bytes).
 */
public final class PublicKey {
  /** The libp2p {@code KeyType} of secp256k1. */
  public static final int KEY_TYPE_SECP256K1 = 2;

  /** The length of the protobuf form. */
  public static final int PROTOBUF_LENGTH = 37;

  // Implementation notes: only the affine coordinates are kept (64 bytes). A BouncyCastle point
  // is several hundred bytes and grows a precomputation table once used for verification, which
  // matters when a process holds millions of records (the simulator, a big provider store).
  // point() rebuilds the point from the coordinates without a square root.
  private final byte[] xy;

  PublicKey(ECPoint point) {
    ECPoint p = point.normalize();
    this.xy = new byte[64];
    byte[] x = p.getAffineXCoord().getEncoded();
    byte[] y = p.getAffineYCoord().getEncoded();
    System.arraycopy(x, 0, xy, 0, 32);
    System.arraycopy(y, 0, xy, 32, 32);
  }

  /** Parses a 33-byte compressed (or 65-byte uncompressed) SEC1 point. */
  public static PublicKey fromCompressed(byte[] encoded) throws DecodeException {
    return new PublicKey(Secp256k1.decodePoint(encoded));
  }

  /** Parses the libp2p protobuf form; only secp256k1 keys are accepted. */
  public static PublicKey fromProtobuf(byte[] protobuf) throws DecodeException {
    return fromCompressed(KeyProtobuf.decode(protobuf, 33));
  }

  /** The 33-byte compressed point. */
  public byte[] toCompressed() {
    byte[] out = new byte[33];
    out[0] = (byte) (0x02 | (xy[63] & 1));
    System.arraycopy(xy, 0, out, 1, 32);
    return out;
  }

  /** The 37-byte libp2p protobuf form. */
  public byte[] toProtobuf() {
    return new ProtoWriter(PROTOBUF_LENGTH)
        .varint(1, KEY_TYPE_SECP256K1)
        .bytes(2, toCompressed())
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
    BigInteger[] rs = Secp256k1.decodeDer(derSignature);
    if (rs[1].compareTo(Secp256k1.HALF_N) > 0) {
      throw new DecodeException(Reason.HIGH_S_SIGNATURE, "signature has a high S value");
    }
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, new ECPublicKeyParameters(point(), Secp256k1.DOMAIN));
    if (!verifier.verifySignature(digest, rs[0], rs[1])) {
      throw new DecodeException(Reason.SIGNATURE_INVALID, "signature does not verify");
    }
  }

  ECPoint point() {
    return Secp256k1.PARAMS
        .getCurve()
        .createPoint(
            new BigInteger(1, Arrays.copyOfRange(xy, 0, 32)),
            new BigInteger(1, Arrays.copyOfRange(xy, 32, 64)));
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

  /** The libp2p key protobuf {@code {1: KeyType, 2: Data}}, shared by public and private keys. */
  static final class KeyProtobuf {
    private KeyProtobuf() {}

    static byte[] decode(byte[] protobuf, int dataLength) throws DecodeException {
      long type = -1;
      byte[] data = null;
      ProtoReader r = ProtoReader.of(protobuf);
      while (r.next()) {
        switch (r.field()) {
          case 1 -> type = r.varint();
          case 2 -> data = r.bytes(65);
          default -> r.skip();
        }
      }
      if (type < 0 || data == null) {
        throw new DecodeException(Reason.MISSING_FIELD, "key protobuf lacks its type or data");
      }
      if (type != KEY_TYPE_SECP256K1) {
        throw new DecodeException(Reason.UNSUPPORTED_KEY_TYPE, "key type " + type);
      }
      if (data.length != dataLength) {
        throw new DecodeException(
            Reason.BAD_KEY, "secp256k1 key data has " + data.length + " bytes");
      }
      return data;
    }
  }
}
