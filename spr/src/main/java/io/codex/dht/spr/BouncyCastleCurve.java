package io.codex.dht.spr;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** secp256k1 on BouncyCastle's pure-Java curve: the fallback where libsecp256k1 cannot load. */
final class BouncyCastleCurve implements Curve {
  static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
  static final ECDomainParameters DOMAIN =
      new ECDomainParameters(PARAMS.getCurve(), PARAMS.getG(), PARAMS.getN(), PARAMS.getH());
  private static final FixedPointCombMultiplier BASE_MULTIPLIER = new FixedPointCombMultiplier();

  @Override
  public String name() {
    return "bouncycastle";
  }

  @Override
  public byte[] publicKey(byte[] secret) {
    return xy(BASE_MULTIPLIER.multiply(PARAMS.getG(), new BigInteger(1, secret)));
  }

  @Override
  public byte[] decode(byte[] encoded) {
    try {
      ECPoint point = PARAMS.getCurve().decodePoint(encoded).normalize();
      if (point.isInfinity() || !point.isValid()) {
        return null;
      }
      return xy(point);
    } catch (IllegalArgumentException | ArithmeticException e) {
      return null;
    }
  }

  @Override
  public byte[] ecdh(byte[] secret, byte[] xy) {
    return point(xy).multiply(new BigInteger(1, secret)).normalize().getEncoded(true);
  }

  @Override
  public byte[] sign(byte[] secret, byte[] digest) {
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(new BigInteger(1, secret), DOMAIN));
    BigInteger[] rs = signer.generateSignature(digest);
    BigInteger s = rs[1].compareTo(Secp256k1.HALF_N) > 0 ? Secp256k1.N.subtract(rs[1]) : rs[1];
    byte[] out = new byte[64];
    Secp256k1.toFixed(rs[0], out, 0);
    Secp256k1.toFixed(s, out, 32);
    return out;
  }

  @Override
  public boolean verify(byte[] xy, byte[] digest, byte[] rs) {
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, new ECPublicKeyParameters(point(xy), DOMAIN));
    return verifier.verifySignature(
        digest,
        new BigInteger(1, Arrays.copyOfRange(rs, 0, 32)),
        new BigInteger(1, Arrays.copyOfRange(rs, 32, 64)));
  }

  /** Rebuilds a point from its validated affine coordinates, without a square root. */
  static ECPoint point(byte[] xy) {
    return PARAMS
        .getCurve()
        .createPoint(
            new BigInteger(1, Arrays.copyOfRange(xy, 0, 32)),
            new BigInteger(1, Arrays.copyOfRange(xy, 32, 64)));
  }

  private static byte[] xy(ECPoint point) {
    ECPoint p = point.normalize();
    byte[] out = new byte[64];
    System.arraycopy(p.getAffineXCoord().getEncoded(), 0, out, 0, 32);
    System.arraycopy(p.getAffineYCoord().getEncoded(), 0, out, 32, 32);
    return out;
  }
}
