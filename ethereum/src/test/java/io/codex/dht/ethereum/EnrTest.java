package io.codex.dht.ethereum;

import static io.codex.dht.ethereum.TestData.ENR_EXAMPLE;
import static io.codex.dht.ethereum.TestData.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The EIP-778 example record byte for byte, and every refusal rule with its reason. */
class EnrTest {
  private static final BigInteger N =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

  private final PrivateKey key = exampleKey();

  @Test
  void eip778ExampleDecodesToItsFieldsAndNodeId() throws Exception {
    Enr enr = Enr.fromText(ENR_EXAMPLE.get("text").asText());
    assertEquals(NodeId.fromHex(ENR_EXAMPLE.get("node_id").asText()), enr.nodeId());
    assertArrayEquals(hex(ENR_EXAMPLE.get("fields").get("signature")), enr.signature());
    assertEquals(1, enr.seq());
    assertArrayEquals(hex(ENR_EXAMPLE.get("rlp_derived")), enr.encoded());
    assertEquals(key.publicKey(), enr.publicKey());
    assertEquals(
        Optional.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 30303)),
        enr.udpEndpoint());
    assertEquals(ENR_EXAMPLE.get("text").asText(), enr.toText());
  }

  @Test
  void eip778ExampleIsReproducedFromItsKeyByteForByte() throws Exception {
    Enr built =
        Enr.builder(key).seq(1).ip(InetAddress.getByName("127.0.0.1")).port("udp", 30303).build();
    assertEquals(ENR_EXAMPLE.get("text").asText(), built.toText());
  }

  @Test
  void unknownPairsAreKeptAndListValuesToo() throws Exception {
    Bytes list = RLP.encodeList(w -> w.writeList(l -> l.writeValue(Bytes.of(1, 2, 3, 4))));
    Enr enr =
        Enr.builder(key)
            .string("eth2", Bytes.fromHexString("0x0102030405060708"))
            .raw("eth", list)
            .port("udp", 9000)
            .build();
    Enr back = Enr.decode(enr.encoded());
    assertEquals(Optional.of(Bytes.fromHexString("0x0102030405060708")), back.value("eth2"));
    assertEquals(Optional.of(list), back.rawValue("eth"));
    assertEquals(Optional.empty(), back.value("eth")); // a list has no string value
    assertEquals(
        Arrays.asList("eth", "eth2", "id", "secp256k1", "udp"),
        back.rawPairs().keySet().stream().toList());
  }

  @Test
  void tamperedSignatureIsInvalid() {
    byte[] bytes = example();
    bytes[10] ^= 1; // inside the signature
    assertReason(Reason.SIGNATURE_INVALID, () -> Enr.decode(bytes));
    byte[] seq = example();
    seq[67] = 2; // seq 1 -> 2 (a single-byte item after the 2 + 65 bytes of header and signature)
    assertReason(Reason.SIGNATURE_INVALID, () -> Enr.decode(seq));
  }

  @Test
  void highSIsRefused() throws Exception {
    byte[] example = example();
    byte[] sig = Arrays.copyOfRange(example, 4, 68); // after f884 (list) and b840 (string)
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
    byte[] high = N.subtract(s).toByteArray();
    byte[] bad = sig.clone();
    System.arraycopy(high, high.length - 32, bad, 32, 32);
    byte[] encoded = encode(bad, Bytes.wrap(example, 68, example.length - 68));
    assertReason(Reason.HIGH_S_SIGNATURE, () -> Enr.decode(encoded));
    // The low-S original with the same content verifies.
    Enr.decode(encode(sig, Bytes.wrap(example, 68, example.length - 68)));
  }

  @Test
  void unknownIdentitySchemeIsRefused() {
    byte[] signed = sign(content(1, "id", str("v5"), "secp256k1", str(compressed())));
    assertReason(Reason.UNKNOWN_IDENTITY_SCHEME, () -> Enr.decode(signed));
    byte[] noId = sign(content(1, "secp256k1", str(compressed())));
    assertReason(Reason.MISSING_FIELD, () -> Enr.decode(noId));
  }

  @Test
  void unsortedOrDuplicateKeysAreRefused() {
    byte[] unsorted = sign(content(1, "secp256k1", str(compressed()), "id", str("v4")));
    assertReason(Reason.UNSORTED_KEYS, () -> Enr.decode(unsorted));
    byte[] duplicate =
        sign(content(1, "id", str("v4"), "id", str("v4"), "secp256k1", str(compressed())));
    assertReason(Reason.UNSORTED_KEYS, () -> Enr.decode(duplicate));
  }

  @Test
  void keyWithoutValueAndBadKeysAreRefused() {
    byte[] odd = sign(content(1, "id", str("v4"), "secp256k1", str(compressed()), "z"));
    assertReason(Reason.MISSING_FIELD, () -> Enr.decode(odd));
    byte[] shortKey = sign(content(1, "id", str("v4"), "secp256k1", str(new byte[32])));
    assertReason(Reason.BAD_KEY, () -> Enr.decode(shortKey));
    byte[] noKey = sign(content(1, "id", str("v4")));
    assertReason(Reason.MISSING_FIELD, () -> Enr.decode(noKey));
  }

  @Test
  void trailingBytesAreRefused() {
    byte[] extra = Arrays.copyOf(example(), example().length + 1);
    assertReason(Reason.TRAILING_BYTES, () -> Enr.decode(extra));
  }

  @Test
  void nonCanonicalRlpIsRefused() {
    // seq with a leading zero byte
    byte[] seq = sign(content(Bytes.of(0x82, 0, 1), "id", str("v4"), "secp256k1", key33()));
    assertReason(Reason.MALFORMED_RLP, () -> Enr.decode(seq));
    // a one-byte value below 0x80 wrapped in a string header
    byte[] wrapped = sign(content(Bytes.of(0x81, 0x01), "id", str("v4"), "secp256k1", key33()));
    assertReason(Reason.MALFORMED_RLP, () -> Enr.decode(wrapped));
    // a long-form header for a short list
    byte[] example = example();
    byte[] shortList = {(byte) 0xf8, 0x02, (byte) 0x80, (byte) 0x80};
    assertReason(Reason.MALFORMED_RLP, () -> Enr.decode(shortList));
    // a length running past the input, and a string instead of a list
    assertReason(Reason.MALFORMED_RLP, () -> Enr.decode(Arrays.copyOf(example, 100)));
    assertReason(Reason.MALFORMED_RLP, () -> Enr.decode(new byte[] {(byte) 0x82, 1, 2}));
    assertReason(Reason.TRUNCATED, () -> Enr.decode(new byte[0]));
  }

  @Test
  void oversizeIsRefusedBeforeDecoding() {
    byte[] big = new byte[Enr.MAX_SIZE + 1];
    assertReason(Reason.TOO_LARGE, () -> Enr.decode(big));
    assertThrows(
        IllegalArgumentException.class,
        () -> Enr.builder(key).string("big", Bytes.wrap(new byte[200])).build());
    assertReason(Reason.TOO_LARGE, () -> Enr.fromText("enr:" + "A".repeat(401)));
  }

  @Test
  void textMustBeCanonical() {
    String text = ENR_EXAMPLE.get("text").asText();
    assertReason(Reason.BAD_TEXT, () -> Enr.fromText(text.substring(4)));
    assertReason(Reason.BAD_TEXT, () -> Enr.fromText(text + "="));
    assertReason(Reason.BAD_TEXT, () -> Enr.fromText(text.replace('-', '+')));
    assertReason(Reason.BAD_TEXT, () -> Enr.fromText("enr:" + "-".repeat(5)));
  }

  @Test
  void builderRoundTripsAddressesAndPorts() throws Exception {
    Enr enr =
        Enr.builder(key)
            .seq(7)
            .ip(InetAddress.getByName("::1"))
            .port("udp6", 9001)
            .port("tcp6", 0)
            .build();
    Enr back = Enr.fromText(enr.toText());
    assertEquals(7, back.seq());
    assertEquals(
        Optional.of(new InetSocketAddress(InetAddress.getByName("::1"), 9001)),
        back.udp6Endpoint());
    assertEquals(Optional.empty(), back.udpEndpoint());
    assertEquals(enr.nodeId(), Enr.claimedNodeId(enr.encoded()));
    assertTrue(back.isNewerThan(Enr.builder(key).seq(6).build()));
    assertEquals(Optional.empty(), back.port("tcp6")); // 0 is not a port
    assertEquals(enr, back);
  }

  // Helpers: records with chosen content, signed by the example key.

  private static PrivateKey exampleKey() {
    try {
      return PrivateKey.fromHex(ENR_EXAMPLE.get("private_key").asText());
    } catch (DecodeException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] example() {
    return hex(ENR_EXAMPLE.get("rlp_derived"));
  }

  private byte[] compressed() {
    return key.publicKey().toCompressed();
  }

  private Bytes key33() {
    return str(compressed());
  }

  private static Bytes str(String s) {
    return RlpItem.encodeString(Bytes.wrap(s.getBytes(StandardCharsets.US_ASCII)));
  }

  private static Bytes str(byte[] b) {
    return RlpItem.encodeString(Bytes.wrap(b));
  }

  /** {@code seq, k1, v1, ...} with the values given as RLP items (a trailing key may lack one). */
  private static Bytes content(long seq, Object... keysAndValues) {
    return content(RLP.encodeValue(Bytes.ofUnsignedLong(seq).trimLeadingZeros()), keysAndValues);
  }

  private static Bytes content(Bytes seqItem, Object... keysAndValues) {
    Bytes out = seqItem;
    for (Object o : keysAndValues) {
      out =
          Bytes.concatenate(
              out, o instanceof String s ? str(s.getBytes(StandardCharsets.US_ASCII)) : (Bytes) o);
    }
    return out;
  }

  private byte[] sign(Bytes content) {
    byte[] signature = V4.sign(key, V4.keccak(RlpList.wrapList(content)));
    return encode(signature, content);
  }

  private static byte[] encode(byte[] signature, Bytes content) {
    return RlpList.wrapList(Bytes.concatenate(str(signature), content));
  }

  private static void assertReason(Reason reason, Executable call) {
    DecodeException e = assertThrows(DecodeException.class, call);
    assertEquals(reason, e.reason(), e.getMessage());
  }
}
