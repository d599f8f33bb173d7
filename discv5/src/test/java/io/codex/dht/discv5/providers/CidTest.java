package io.codex.dht.discv5.providers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.codex.dht.spr.NodeId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Well-known CIDs in their text and binary forms, and their DHT keys.
 *
 * <p>Where the expected values come from: the v0/v1 pairs are public IPFS CIDs (the CID spec's
 * example, the empty unixfs directory, "hello world" added as a file); each was cross-checked with
 * an independent base58/base32 implementation (Python), and the conversions follow from the
 * encoding: v1 = {@code 01 70 || v0 multihash}. The pinned DHT keys were computed with an
 * independent Keccak-256 (Python, checked against {@code keccak256("") = c5d2...a470}).
 */
class CidTest {
  private static final HexFormat HEX = HexFormat.of();

  private static final String SPEC_V0 = "QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n";
  private static final String SPEC_V1 =
      "bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";

  @Test
  void cidV0IsTheSha256MultihashInBase58() throws Exception {
    Cid cid = Cid.parse(SPEC_V0);
    assertEquals(0, cid.version());
    assertEquals(Cid.DAG_PB, cid.codec());
    assertEquals(Cid.SHA2_256, cid.hashFunction());
    // The spec example happens to hash empty input: its digest is sha256("").
    byte[] emptySha256 = MessageDigest.getInstance("SHA-256").digest(new byte[0]);
    assertArrayEquals(emptySha256, cid.digest());
    assertEquals("1220" + HEX.formatHex(emptySha256), HEX.formatHex(cid.toBytes()));
    assertArrayEquals(cid.toBytes(), cid.multihash());
    assertEquals(SPEC_V0, cid.toString());
  }

  @Test
  void cidV0ConvertsToTheKnownCidV1() throws Exception {
    Cid v0 = Cid.parse(SPEC_V0);
    Cid v1 = Cid.parse(SPEC_V1);
    assertEquals(1, v1.version());
    assertEquals(Cid.DAG_PB, v1.codec());
    assertArrayEquals(v0.multihash(), v1.multihash());
    assertEquals("0170" + HEX.formatHex(v0.toBytes()), HEX.formatHex(v1.toBytes()));
    assertEquals(v1, v0.toV1());
    assertEquals(SPEC_V1, v0.toV1().toString());
    assertSame(v1, v1.toV1());
    // Same content, different binary CIDs: different DHT keys.
    assertNotEquals(v0, v1);
    assertNotEquals(v0.dhtKey(), v1.dhtKey());
  }

  @Test
  void wellKnownUnixfsCidsConvert() throws Exception {
    String[][] pairs = {
      // The empty unixfs directory.
      {
        "QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn",
        "bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354"
      },
      // "hello world" added as a unixfs file.
      {
        "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o",
        "bafybeicg2rebjoofv4kbyovkw7af3rpiitvnl6i7ckcywaq6xjcxnc2mby"
      },
    };
    for (String[] pair : pairs) {
      Cid v0 = Cid.parse(pair[0]);
      assertEquals(pair[0], v0.toString());
      assertEquals(pair[1], v0.toV1().toString());
      assertEquals(v0.toV1(), Cid.parse(pair[1]));
    }
  }

  @Test
  void rawCidV1OfHelloWorldIsBuiltFromItsSha256() throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest("hello world".getBytes(StandardCharsets.UTF_8));
    byte[] bytes = new byte[4 + 32];
    bytes[0] = 0x01; // version
    bytes[1] = 0x55; // raw
    bytes[2] = 0x12; // sha2-256
    bytes[3] = 0x20; // 32 bytes
    System.arraycopy(digest, 0, bytes, 4, 32);
    Cid cid = Cid.fromBytes(bytes);
    assertEquals("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e", cid.toString());
    assertEquals(Cid.RAW, cid.codec());
    assertArrayEquals(digest, cid.digest());
    assertEquals(cid, Cid.parse(cid.toString()));
  }

  @Test
  void emptyIdentityCidIsAccepted() throws Exception {
    // bafkqaaa: raw codec, identity multihash, zero-length digest (the empty inline block).
    Cid cid = Cid.parse("bafkqaaa");
    assertEquals("01550000", HEX.formatHex(cid.toBytes()));
    assertEquals(Cid.IDENTITY, cid.hashFunction());
    assertEquals(0, cid.digest().length);
    assertEquals("bafkqaaa", cid.toString());
  }

  @Test
  void everySupportedMultibaseGivesTheSameCid() throws Exception {
    Cid cid = Cid.parse(SPEC_V1);
    byte[] bytes = cid.toBytes();
    String hex = HEX.formatHex(bytes);
    String[] forms = {
      SPEC_V1,
      SPEC_V1.toUpperCase(Locale.ROOT),
      Multibase.encodeBase58(bytes),
      "f" + hex,
      "F" + hex.toUpperCase(Locale.ROOT),
    };
    for (String form : forms) {
      Cid parsed = Cid.parse(form);
      assertEquals(cid, parsed, form);
      assertEquals(SPEC_V1, parsed.toString(), form);
    }
  }

  @Test
  void codexCodecsAndOtherHashesAreAccepted() throws Exception {
    // codex-block (0xcd02, the varint 82 9a 03) over a sha2-256 digest, as Codex names blocks.
    byte[] digest = new byte[32];
    for (int i = 0; i < 32; i++) {
      digest[i] = (byte) i;
    }
    byte[] bytes = new byte[1 + 3 + 2 + 32];
    int offset = Varint.write(1, bytes, 0);
    offset = Varint.write(0xcd02, bytes, offset);
    assertEquals("01829a03", HEX.formatHex(bytes, 0, offset));
    bytes[offset++] = 0x12;
    bytes[offset++] = 0x20;
    System.arraycopy(digest, 0, bytes, offset, 32);
    Cid cid = Cid.fromBytes(bytes);
    assertEquals(0xcd02, cid.codec());
    assertEquals("1220" + HEX.formatHex(digest), HEX.formatHex(cid.multihash()));
    assertEquals(cid, Cid.parse(cid.toString()));

    // poseidon2 (0xcd10) digests have no length the parser knows, only the declared one.
    // 01 | codex-slot-root 0xcd04 = 84 9a 03 | poseidon2 sponge 0xcd10 = 90 9a 03 | 03 | digest
    byte[] poseidon = HEX.parseHex("01849a03909a0303aabbcc");
    Cid other = Cid.fromBytes(poseidon);
    assertEquals(0xcd04, other.codec());
    assertEquals(0xcd10, other.hashFunction());
    assertEquals("aabbcc", HEX.formatHex(other.digest()));
  }

  @Test
  void dhtKeyIsKeccak256OfTheBinaryCid() throws Exception {
    Cid v0 = Cid.parse(SPEC_V0);
    Cid v1 = Cid.parse(SPEC_V1);
    Cid raw = Cid.parse("bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e");
    for (Cid cid : new Cid[] {v0, v1, raw}) {
      assertEquals(NodeId.keccakOf(cid.toBytes()), cid.dhtKey());
    }
    // Pinned from an independent Keccak-256 implementation.
    assertEquals(
        "838581ea23cb55ceeec41b252b9ecae50de00e0c26ec2c531e1e60c8b8f8e517", v0.dhtKey().toHex());
    assertEquals(
        "4fa6904917507d467d23892973c5f773708db69ffd9f4356653ad0c1ace1e7a7", v1.dhtKey().toHex());
    assertEquals(
        "a784b3df6fbcffafedc7874bfbc739d047517bc3cc4c20adf2dd6923b2f1b00b", raw.dhtKey().toHex());
  }

  @Test
  void binaryFormRoundTripsAndIsCopied() throws Exception {
    Cid cid = Cid.parse(SPEC_V1);
    byte[] bytes = cid.toBytes();
    assertEquals(cid, Cid.fromBytes(bytes));
    assertEquals(cid.hashCode(), Cid.fromBytes(bytes).hashCode());
    bytes[5] ^= 1;
    assertEquals(SPEC_V1, cid.toString());
    Cid v0 = Cid.fromBytes(Cid.parse(SPEC_V0).toBytes());
    assertEquals(0, v0.version());
    assertEquals(SPEC_V0, v0.toString());
  }
}
