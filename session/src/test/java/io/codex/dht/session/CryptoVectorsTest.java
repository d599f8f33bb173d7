package io.codex.dht.session;

import static io.codex.dht.session.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.PublicKey;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The devp2p crypto vectors (ECDH, HKDF, AES-GCM) and the Codex id-signature, byte for byte. */
class CryptoVectorsTest {
  private static final JsonNode DEVP2P = Vectors.WIRE.get("crypto_primitives");
  private static final BigInteger N =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

  @Test
  void ecdhGivesTheCompressedSharedPoint() throws Exception {
    JsonNode v = DEVP2P.get("ecdh");
    PrivateKey secret = PrivateKey.fromHex(v.get("inputs").get("secret_key").asText());
    PublicKey pub = PublicKey.fromCompressed(hex(v.get("inputs").get("public_key")));
    assertArrayEquals(hex(v.get("expected").get("shared_secret")), secret.ecdh(pub));
  }

  @Test
  void keyDerivationGivesTheInitiatorAndRecipientKeys() throws Exception {
    JsonNode v = DEVP2P.get("key_derivation");
    JsonNode in = v.get("inputs");
    byte[] secret =
        PrivateKey.fromHex(in.get("ephemeral_key").asText())
            .ecdh(PublicKey.fromCompressed(hex(in.get("dest_pubkey"))));
    byte[] keys =
        new Crypto()
            .deriveKeys(
                secret,
                hex(in.get("challenge_data")),
                NodeId.fromBytes(hex(in.get("node_id_a"))),
                NodeId.fromBytes(hex(in.get("node_id_b"))));
    assertArrayEquals(hex(v.get("expected").get("initiator_key")), Arrays.copyOf(keys, 16));
    assertArrayEquals(
        hex(v.get("expected").get("recipient_key")), Arrays.copyOfRange(keys, 16, 32));
  }

  @Test
  void aesGcmSealsAndOpensTheVector() {
    JsonNode v = DEVP2P.get("aes_gcm_encryption");
    JsonNode in = v.get("inputs");
    byte[] key = hex(in.get("encryption_key"));
    byte[] nonce = hex(in.get("nonce"));
    byte[] plaintext = hex(in.get("plaintext"));
    byte[] aad = hex(in.get("associated_data"));
    byte[] expected = hex(v.get("expected").get("message_ciphertext_with_tag"));
    Crypto crypto = new Crypto();

    byte[] sealed = new byte[plaintext.length + Crypto.TAG_SIZE];
    crypto.seal(Crypto.aesKey(key, 0), nonce, 0, aad, aad.length, plaintext, sealed, 0);
    assertArrayEquals(expected, sealed);
    assertArrayEquals(
        plaintext, crypto.open(Crypto.aesKey(key, 0), nonce, 0, aad, expected, 0, expected.length));
  }

  @Test
  void aesGcmRejectsShortOrCorruptedCiphertextsCleanly() {
    JsonNode in = DEVP2P.get("aes_gcm_encryption").get("inputs");
    byte[] key = hex(in.get("encryption_key"));
    byte[] nonce = hex(in.get("nonce"));
    byte[] aad = hex(in.get("associated_data"));
    byte[] good =
        hex(DEVP2P.get("aes_gcm_encryption").get("expected").get("message_ciphertext_with_tag"));
    Crypto crypto = new Crypto();
    // The checks of the Codex suite: empty, 16 bytes and 17 bytes of 0x04.
    for (int size : new int[] {0, 1, 15, 16, 17}) {
      byte[] ct = new byte[size];
      Arrays.fill(ct, (byte) 4);
      assertNull(crypto.open(Crypto.aesKey(key, 0), nonce, 0, aad, ct, 0, size), "size " + size);
    }
    for (int bit = 0; bit < good.length * 8; bit++) {
      byte[] ct = good.clone();
      ct[bit / 8] ^= (byte) (1 << (bit % 8));
      assertNull(crypto.open(Crypto.aesKey(key, 0), nonce, 0, aad, ct, 0, ct.length));
    }
    byte[] otherAad = aad.clone();
    otherAad[0] ^= 1;
    assertNull(crypto.open(Crypto.aesKey(key, 0), nonce, 0, otherAad, good, 0, good.length));
  }

  @Test
  void codexIdSignatureIsReproducedByteForByteAndVerifies() throws Exception {
    JsonNode v = Vectors.CODEX.get("crypto_primitives").get("id_nonce_signing");
    JsonNode in = v.get("inputs");
    PrivateKey key = PrivateKey.fromHex(in.get("static_key").asText());
    byte[] challenge = hex(in.get("challenge_data"));
    byte[] ephemeral = hex(in.get("ephemeral_pubkey"));
    NodeId recipient = NodeId.fromBytes(hex(in.get("node_id_b")));

    byte[] der = CodexProfile.INSTANCE.signIdNonce(key, challenge, ephemeral, recipient);
    assertEquals(v.get("expected").get("id_signature_r_s").asText(), hex(compact(der)));
    assertNotEquals(v.get("differs_from_devp2p_value").asText(), hex(compact(der)));
    CodexProfile.INSTANCE.verifyIdNonce(key.publicKey(), der, challenge, ephemeral, recipient);
  }

  @Test
  void codexIdSignatureIsBoundToItsInputsAndMustBeLowS() throws Exception {
    JsonNode in = Vectors.CODEX.get("crypto_primitives").get("id_nonce_signing").get("inputs");
    PrivateKey key = PrivateKey.fromHex(in.get("static_key").asText());
    byte[] challenge = hex(in.get("challenge_data"));
    byte[] ephemeral = hex(in.get("ephemeral_pubkey"));
    NodeId recipient = NodeId.fromBytes(hex(in.get("node_id_b")));
    byte[] der = CodexProfile.INSTANCE.signIdNonce(key, challenge, ephemeral, recipient);
    CodexProfile p = CodexProfile.INSTANCE;

    DecodeException otherRecipient =
        assertThrows(
            DecodeException.class,
            () -> p.verifyIdNonce(key.publicKey(), der, challenge, ephemeral, NodeId.ZERO));
    assertEquals(Reason.SIGNATURE_INVALID, otherRecipient.reason());
    byte[] otherChallenge = challenge.clone();
    otherChallenge[62] ^= 1;
    assertThrows(
        DecodeException.class,
        () -> p.verifyIdNonce(key.publicKey(), der, otherChallenge, ephemeral, recipient));

    BigInteger[] rs = rs(der);
    byte[] highS = der(rs[0], N.subtract(rs[1]));
    DecodeException high =
        assertThrows(
            DecodeException.class,
            () -> p.verifyIdNonce(key.publicKey(), highS, challenge, ephemeral, recipient));
    assertEquals(Reason.HIGH_S_SIGNATURE, high.reason());
  }

  /** The 64-byte r || s of a DER signature. */
  static byte[] compact(byte[] der) {
    BigInteger[] rs = rs(der);
    byte[] out = new byte[64];
    fixed32(rs[0], out, 0);
    fixed32(rs[1], out, 32);
    return out;
  }

  private static BigInteger[] rs(byte[] der) {
    int rLen = der[3];
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(der, 4, 4 + rLen));
    int sAt = 4 + rLen;
    int sLen = der[sAt + 1];
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(der, sAt + 2, sAt + 2 + sLen));
    return new BigInteger[] {r, s};
  }

  private static byte[] der(BigInteger r, BigInteger s) {
    byte[] rb = r.toByteArray();
    byte[] sb = s.toByteArray();
    byte[] out = new byte[6 + rb.length + sb.length];
    out[0] = 0x30;
    out[1] = (byte) (4 + rb.length + sb.length);
    out[2] = 2;
    out[3] = (byte) rb.length;
    System.arraycopy(rb, 0, out, 4, rb.length);
    out[4 + rb.length] = 2;
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
