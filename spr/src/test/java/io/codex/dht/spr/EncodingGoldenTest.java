package io.codex.dht.spr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The record, envelope and key encodings of 10,000 seeded random inputs ({@link RandomRecords})
 * against a frozen reference: the SHA-256 of every output (4-byte length, then the bytes) as the
 * hand-written protobuf writer produced them before protobuf-java replaced it. The two encoders
 * were compared byte for byte on these inputs first (git history: LegacyEncoderDiffTest); any
 * change of byte, order or presence changes the digest. Every record also decodes back.
 */
class EncodingGoldenTest {
  /** The old encoders' digest over the 40,000 outputs. */
  private static final String GOLDEN =
      "db1cdd74a50926e06ae814268534cd0f00d6e7cb78c4052915b5d7232f003a2f";

  @Test
  void recordsEnvelopesAndKeysEncodeAsTheFrozenReference() throws Exception {
    RandomRecords r = new RandomRecords(20);
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    for (int i = 0; i < 10_000; i++) {
      PeerRecord record = r.record();
      boolean services = r.nextInt(2) == 0;
      byte[] payload = record.encode(services);
      add(digest, payload);
      PeerRecord decoded = PeerRecord.decode(payload);
      assertEquals(record.peerId(), decoded.peerId(), "record " + i);
      assertEquals(record.seq(), decoded.seq(), "record " + i);
      assertEquals(record.addresses(), decoded.addresses(), "record " + i);
      assertEquals(services ? record.services() : List.of(), decoded.services(), "record " + i);
      byte[] key = r.key().publicKey().toProtobuf();
      byte[] type = r.payloadType();
      byte[] signature = r.bytes(r.nextInt(73));
      add(digest, SignedEnvelope.encode(key, type, payload, signature));
      PrivateKey k = r.key();
      add(digest, k.publicKey().toProtobuf());
      add(digest, k.toProtobuf());
    }
    assertEquals(GOLDEN, HexFormat.of().formatHex(digest.digest()));
  }

  private static void add(MessageDigest digest, byte[] bytes) {
    digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
    digest.update(bytes);
  }
}
