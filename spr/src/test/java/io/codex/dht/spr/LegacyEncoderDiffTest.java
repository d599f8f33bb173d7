package io.codex.dht.spr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.codex.dht.spr.proto.ProtoWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The generated encoders against the hand-written ones they replace, on 10,000 random inputs. */
class LegacyEncoderDiffTest {
  @Test
  void recordsEnvelopesAndKeysEncodeByteForByteAsBefore() throws Exception {
    RandomRecords r = new RandomRecords(20);
    java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
    for (int i = 0; i < 10_000; i++) {
      PeerRecord record = r.record();
      boolean services = r.nextInt(2) == 0;
      byte[] payload = record.encode(services);
      assertArrayEquals(legacyPayload(record, services), payload, "record " + i);
      add(digest, legacyPayload(record, services));
      assertEquals(record.peerId(), PeerRecord.decode(payload).peerId());
      byte[] key = r.key().publicKey().toProtobuf();
      byte[] type = r.payloadType();
      byte[] signature = r.bytes(r.nextInt(73));
      add(digest, legacyEnvelope(key, type, payload, signature));
      assertArrayEquals(
          legacyEnvelope(key, type, payload, signature),
          SignedEnvelope.encode(key, type, payload, signature),
          "envelope " + i);
      PrivateKey k = r.key();
      assertArrayEquals(legacyPublic(k.publicKey()), k.publicKey().toProtobuf(), "key " + i);
      assertArrayEquals(legacyPrivate(k), k.toProtobuf(), "private key " + i);
      add(digest, legacyPublic(k.publicKey()));
      add(digest, legacyPrivate(k));
    }
    System.out.println("GOLDEN records " + java.util.HexFormat.of().formatHex(digest.digest()));
  }

  static void add(java.security.MessageDigest digest, byte[] bytes) {
    digest.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
    digest.update(bytes);
  }

  private static byte[] legacyPayload(PeerRecord record, boolean withServices) {
    ProtoWriter w = new ProtoWriter(128);
    w.bytes(1, record.peerId().toBytes());
    w.varint(2, record.seq());
    for (Multiaddr a : record.addresses()) {
      w.message(3, new ProtoWriter(32).bytes(1, a.toBytes()));
    }
    if (withServices) {
      for (ServiceInfo s : record.services()) {
        ProtoWriter sw = new ProtoWriter(16 + s.dataLength());
        sw.bytes(1, s.id().getBytes(StandardCharsets.UTF_8));
        if (s.dataLength() > 0) {
          sw.bytes(2, s.data());
        }
        w.message(4, sw);
      }
    }
    return w.toByteArray();
  }

  private static byte[] legacyEnvelope(byte[] key, byte[] type, byte[] payload, byte[] sig) {
    return new ProtoWriter()
        .bytes(1, key)
        .bytes(2, type)
        .bytes(3, payload)
        .bytes(5, sig)
        .toByteArray();
  }

  private static byte[] legacyPublic(PublicKey key) {
    return new ProtoWriter().varint(1, 2).bytes(2, key.toCompressed()).toByteArray();
  }

  private static byte[] legacyPrivate(PrivateKey key) {
    return new ProtoWriter().varint(1, 2).bytes(2, key.toBytes()).toByteArray();
  }
}
