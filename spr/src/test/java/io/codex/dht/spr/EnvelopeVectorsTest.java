package io.codex.dht.spr;

import static io.codex.dht.spr.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.codex.dht.spr.DecodeException.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Signed envelopes and peer records from libp2p and Codex, byte for byte. */
class EnvelopeVectorsTest {
  private static final JsonNode VECTORS = Vectors.json("libp2p-records.json").get("vectors");

  @Test
  void everyEnvelopeParsesRebuildsItsSigningBufferAndReencodesIdentically() throws Exception {
    int seen = 0;
    for (JsonNode v : VECTORS.get("signed_envelopes")) {
      byte[] bytes = hex(v.get("envelope"));
      SignedEnvelope e = SignedEnvelope.decode(bytes, 4096);
      JsonNode fields = v.get("fields");
      assertArrayEquals(hex(fields.get("public_key_protobuf")), e.publicKeyBytes());
      assertArrayEquals(
          hex(v.get("signing_buffer_derived")),
          SignedEnvelope.signingBuffer(v.get("domain").asText(), e.payloadType(), e.payload()),
          v.get("name").asText());
      assertArrayEquals(bytes, e.encoded());
      seen++;
    }
    assertEquals(5, seen);
  }

  @Test
  void codexRecordsDecodeVerifyAndReencodeToIdenticalBytes() throws Exception {
    List<JsonNode> codex =
        List.of(VECTORS.get("signed_envelopes").get(3), VECTORS.get("signed_envelopes").get(4));
    for (JsonNode v : codex) {
      byte[] bytes = hex(v.get("envelope"));
      SignedPeerRecord spr = SignedPeerRecord.decode(bytes);
      assertArrayEquals(bytes, spr.encoded());
      assertEquals(RecordFormat.PEER_RECORD, spr.format());
      assertEquals(v.get("peer_id_base58_derived").asText(), spr.peerId().toBase58());
      assertEquals(1648524956L, spr.seq());
      assertEquals(
          List.of("/ip4/0.0.0.0/udp/1", "/ip4/0.0.0.0/udp/2", "/ip4/0.0.0.0/udp/3"),
          spr.addresses().stream().map(Multiaddr::toString).toList());
      assertEquals(1, spr.udpEndpoint().orElseThrow().getPort());

      SignedPeerRecord fromText = SignedPeerRecord.fromText(v.get("uri").asText());
      assertEquals(spr, fromText);
      assertEquals(v.get("uri").asText(), spr.toText());
      // Padded base64url is accepted too.
      String padded = spr.toText() + "=".repeat((4 - (spr.toText().length() - 4) % 4) % 4);
      assertEquals(spr, SignedPeerRecord.fromText(padded));

      // Re-encoding the decoded payload reproduces the signed payload exactly.
      assertArrayEquals(spr.envelope().payload(), spr.record().encode(false));
    }
  }

  @Test
  void tamperedCodexRecordsFail() throws Exception {
    byte[] bytes = hex(VECTORS.get("signed_envelopes").get(3).get("envelope"));
    // Flip one bit of the seq inside the payload: the signature no longer verifies.
    SignedEnvelope e = SignedEnvelope.decode(bytes, 4096);
    int seqOffset = indexOf(bytes, hex("109cfd899206"));
    byte[] tampered = bytes.clone();
    tampered[seqOffset + 1] ^= 0x01;
    DecodeException ex =
        assertThrows(DecodeException.class, () -> SignedPeerRecord.decode(tampered));
    assertEquals(Reason.SIGNATURE_INVALID, ex.reason());
    assertEquals(bytes.length, e.size());
  }

  @Test
  void recordSignedUnderTheRfcDomainIsAcceptedAndAnyOtherDomainIsNot() throws Exception {
    PrivateKey key = PrivateKey.generate(new java.util.Random(9));
    PeerRecord record =
        new PeerRecord(
            PeerId.of(key.publicKey()),
            5,
            List.of(Multiaddr.fromString("/ip4/10.0.0.1/udp/8090")),
            List.of());
    byte[] payload = record.encode(false);
    byte[] type = RecordFormat.PEER_RECORD.payloadType();
    SignedEnvelope rfc = SignedEnvelope.sign(key, RecordFormat.ALTERNATE_DOMAIN, type, payload);
    assertEquals(5, SignedPeerRecord.decode(rfc.encoded()).seq());

    SignedEnvelope other = SignedEnvelope.sign(key, "libp2p-testing", type, payload);
    DecodeException ex =
        assertThrows(DecodeException.class, () -> SignedPeerRecord.decode(other.encoded()));
    assertEquals(Reason.SIGNATURE_INVALID, ex.reason());
  }

  @Test
  void ed25519EnvelopesAreStructurallyReadButNotVerified() throws Exception {
    JsonNode v = VECTORS.get("signed_envelopes").get(0);
    SignedEnvelope e = SignedEnvelope.decode(hex(v.get("envelope")), 4096);
    DecodeException ex =
        assertThrows(DecodeException.class, () -> e.verify(v.get("domain").asText()));
    assertEquals(Reason.UNSUPPORTED_KEY_TYPE, ex.reason());
    ex =
        assertThrows(
            DecodeException.class,
            () ->
                SignedPeerRecord.decode(
                    hex(VECTORS.get("signed_envelopes").get(1).get("envelope"))));
    // The envelope key is read (and refused) before the payload and its peer id are parsed.
    assertEquals(Reason.UNSUPPORTED_KEY_TYPE, ex.reason());
  }

  @Test
  void unsignedGoPeerRecordPayloadParsesStructurally() throws Exception {
    JsonNode v = VECTORS.get("peer_records").get(0);
    // The payload names an Ed25519 peer id, which this secp256k1-only build refuses with a reason.
    DecodeException ex =
        assertThrows(DecodeException.class, () -> PeerRecord.decode(hex(v.get("encoded"))));
    assertEquals(Reason.BAD_PEER_ID, ex.reason());
    assertEquals(
        "/ip4/1.2.3.4/tcp/0",
        Multiaddr.fromBytes(hex(v.get("expected_decoded").get("addresses").get(0).get("multiaddr")))
            .toString());
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("needle not found");
  }
}
