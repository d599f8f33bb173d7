package io.codex.dht.spr;

import static io.codex.dht.spr.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.codex.dht.spr.DecodeException.Reason;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** libp2p key encodings, peer ids and the go-libp2p secp256k1 signature fixture. */
class KeyVectorsTest {
  private static final JsonNode VECTORS = Vectors.json("libp2p-records.json").get("vectors");

  @Test
  void secp256k1KeyEncodingsRoundTripAndThePublicKeyDerivesFromThePrivate() throws Exception {
    JsonNode encodings = VECTORS.get("key_encodings");
    PrivateKey priv = null;
    PublicKey pub = null;
    for (JsonNode v : encodings) {
      if (v.get("fields").get("type").asInt() != 2) {
        continue;
      }
      byte[] protobuf = hex(v.get("protobuf"));
      if (v.get("kind").asText().equals("private")) {
        priv = PrivateKey.fromProtobuf(protobuf);
        assertArrayEquals(protobuf, priv.toProtobuf());
        assertEquals(v.get("fields").get("data").asText(), priv.toHex());
      } else {
        pub = PublicKey.fromProtobuf(protobuf);
        assertArrayEquals(protobuf, pub.toProtobuf());
        assertEquals(v.get("peer_id_base58_derived").asText(), PeerId.of(pub).toBase58());
      }
    }
    assertEquals(pub, priv.publicKey());
  }

  @Test
  void ed25519KeysAreRejectedAsUnsupported() {
    for (JsonNode v : VECTORS.get("key_encodings")) {
      if (v.get("fields").get("type").asInt() != 1) {
        continue;
      }
      byte[] protobuf = hex(v.get("protobuf"));
      DecodeException e =
          assertThrows(
              DecodeException.class,
              () -> {
                if (v.get("kind").asText().equals("private")) {
                  PrivateKey.fromProtobuf(protobuf);
                } else {
                  PublicKey.fromProtobuf(protobuf);
                }
              });
      assertEquals(Reason.UNSUPPORTED_KEY_TYPE, e.reason());
    }
  }

  @Test
  void goLibp2pSignatureFixtureIsReproducedByteForByte() throws Exception {
    JsonNode f = VECTORS.get("secp256k1_signature_fixture");
    PrivateKey priv = PrivateKey.fromProtobuf(hex(f.get("private_key_protobuf")));
    PublicKey pub = PublicKey.fromProtobuf(hex(f.get("public_key_protobuf")));
    assertArrayEquals(hex(f.get("private_key_protobuf")), priv.toProtobuf());
    assertArrayEquals(hex(f.get("public_key_protobuf")), pub.toProtobuf());
    assertEquals(pub, priv.publicKey());

    byte[] message = hex(f.get("message"));
    byte[] signature = hex(f.get("signature_der"));
    pub.verify(message, signature);
    assertEquals(Vectors.hex(signature), Vectors.hex(priv.sign(message)));
    assertEquals(f.get("peer_id_base58_derived").asText(), PeerId.of(pub).toBase58());
  }

  @Test
  void peerIdVectorsMatchInBothDirections() throws Exception {
    for (JsonNode v : VECTORS.get("peer_ids")) {
      String expected = v.get("expected_peer_id_base58").asText();
      PublicKey key;
      if (v.has("public_key_protobuf")) {
        key = PublicKey.fromProtobuf(hex(v.get("public_key_protobuf")));
      } else if (v.has("private_key_protobuf")) {
        key = PrivateKey.fromProtobuf(hex(v.get("private_key_protobuf"))).publicKey();
        byte[] uncompressed = new byte[65];
        uncompressed[0] = 4;
        copyInto(uncompressed, 1, new BigInteger(v.get("public_key_x_decimal").asText()));
        copyInto(uncompressed, 33, new BigInteger(v.get("public_key_y_decimal").asText()));
        assertEquals(key, PublicKey.fromCompressed(uncompressed));
      } else {
        // The Ed25519 peer id cannot be parsed (secp256k1 only) but must fail with a reason.
        DecodeException e = assertThrows(DecodeException.class, () -> PeerId.fromBase58(expected));
        assertEquals(Reason.BAD_PEER_ID, e.reason());
        continue;
      }
      PeerId id = PeerId.of(key);
      assertEquals(expected, id.toBase58());
      assertArrayEquals(hex(v.get("peer_id_bytes_derived")), id.toBytes());
      PeerId parsed = PeerId.fromBase58(expected);
      assertEquals(id, parsed);
      assertEquals(key, parsed.publicKey());
    }
  }

  @Test
  void signaturesAreLowSAndHighSIsRejected() throws Exception {
    Random random = new Random(7);
    for (int i = 0; i < 50; i++) {
      PrivateKey key = PrivateKey.generate(random);
      byte[] message = new byte[40];
      random.nextBytes(message);
      byte[] der = key.sign(message);
      BigInteger[] rs = Secp256k1.decodeDer(der);
      assertEquals(-1, rs[1].compareTo(Secp256k1.HALF_N.add(BigInteger.ONE)));
      key.publicKey().verify(message, der);

      byte[] highS = Secp256k1.encodeDer(rs[0], Secp256k1.N.subtract(rs[1]));
      DecodeException e =
          assertThrows(DecodeException.class, () -> key.publicKey().verify(message, highS));
      assertEquals(Reason.HIGH_S_SIGNATURE, e.reason());

      message[0] ^= 1;
      e = assertThrows(DecodeException.class, () -> key.publicKey().verify(message, der));
      assertEquals(Reason.SIGNATURE_INVALID, e.reason());
    }
  }

  @Test
  void privateKeyHexRoundTripsAndRejectsOutOfRange() throws Exception {
    PrivateKey key = PrivateKey.generate(new Random(1));
    assertEquals(key.publicKey(), PrivateKey.fromHex(key.toHex()).publicKey());
    assertEquals(
        Reason.BAD_KEY,
        assertThrows(DecodeException.class, () -> PrivateKey.fromHex("00".repeat(32))).reason());
    assertEquals(
        Reason.BAD_KEY,
        assertThrows(DecodeException.class, () -> PrivateKey.fromHex(Secp256k1.N.toString(16)))
            .reason());
    assertEquals(
        Reason.BAD_TEXT,
        assertThrows(DecodeException.class, () -> PrivateKey.fromHex("zz".repeat(32))).reason());
  }

  @Test
  void ecdhIsSymmetric() {
    Random random = new Random(3);
    PrivateKey a = PrivateKey.generate(random);
    PrivateKey b = PrivateKey.generate(random);
    byte[] ab = a.ecdh(b.publicKey());
    assertEquals(33, ab.length);
    assertArrayEquals(ab, b.ecdh(a.publicKey()));
  }

  private static void copyInto(byte[] out, int offset, BigInteger value) {
    byte[] raw = value.toByteArray();
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, offset + 32 - copy, copy);
  }
}
