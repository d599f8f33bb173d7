package io.codex.dht.ethereum;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.PublicKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;

/**
 * An Ethereum Node Record (EIP-778) of the "v4" identity scheme, verified: {@code RLP([signature,
 * seq, k1, v1, k2, v2, ...])}, keys sorted and unique, at most 300 bytes; {@code signature} is the
 * 64-byte {@code r || s} over {@code keccak256(RLP([seq, k1, v1, ...]))} by the key in {@code
 * secp256k1} (33-byte compressed); the node id is {@code keccak256(x || y)}.
 *
 * <p>Every pair is kept byte for byte (its value as its RLP item), so a decoded record re-encodes
 * to its input; {@code ip}, {@code udp}, {@code tcp}, {@code ip6}, {@code udp6} and {@code tcp6}
 * are also read as addresses and ports (a malformed one reads as absent, as go-ethereum treats it).
 */
public final class Enr {
  /** The largest encoded record (EIP-778). */
  public static final int MAX_SIZE = 300;

  /** The text form's prefix. */
  public static final String TEXT_PREFIX = "enr:";

  /** The largest text form: the prefix and unpadded base64url of {@link #MAX_SIZE} bytes. */
  static final int MAX_TEXT_LENGTH = TEXT_PREFIX.length() + (MAX_SIZE * 4 + 2) / 3;

  private final byte[] encoded;
  private final byte[] signature;
  private final long seq;
  private final Map<String, Bytes> pairs;
  private final PublicKey publicKey;
  private final NodeId nodeId;

  private Enr(
      byte[] encoded, byte[] signature, long seq, Map<String, Bytes> pairs, PublicKey publicKey) {
    this.encoded = encoded;
    this.signature = signature;
    this.seq = seq;
    this.pairs = Collections.unmodifiableMap(pairs);
    this.publicKey = publicKey;
    this.nodeId = V4.nodeId(publicKey);
  }

  /**
   * Decodes and verifies a record.
   *
   * @throws DecodeException with reason {@code TOO_LARGE}, {@code MALFORMED_RLP}, {@code
   *     TRUNCATED}, {@code TRAILING_BYTES}, {@code UNSORTED_KEYS}, {@code MISSING_FIELD}, {@code
   *     UNKNOWN_IDENTITY_SCHEME}, {@code BAD_KEY}, {@code BAD_SIGNATURE_ENCODING}, {@code
   *     HIGH_S_SIGNATURE} or {@code SIGNATURE_INVALID}
   */
  public static Enr decode(byte[] encoded) throws DecodeException {
    return decode(encoded, true);
  }

  /** Decodes a record's {@code enr:} text form and verifies it. */
  public static Enr fromText(String text) throws DecodeException {
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new DecodeException(Reason.TOO_LARGE, "ENR text of " + text.length() + " characters");
    }
    if (!text.startsWith(TEXT_PREFIX)) {
      throw new DecodeException(Reason.BAD_TEXT, "ENR text lacks the enr: prefix");
    }
    String body = text.substring(TEXT_PREFIX.length());
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new DecodeException(Reason.BAD_TEXT, "ENR text is not base64url", e);
    }
    // Padding, and stray bits in the last character, would give a second text for one record.
    if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(body)) {
      throw new DecodeException(Reason.BAD_TEXT, "ENR text is not canonical unpadded base64url");
    }
    return decode(bytes);
  }

  /** The public key a record claims, without checking its signature (a cheap first step). */
  static PublicKey claimedKey(byte[] encoded) throws DecodeException {
    return decode(encoded, false).publicKey;
  }

  /**
   * The node id a record claims, without checking its signature: lets a node recognise a record it
   * already verified before paying for verification.
   */
  public static NodeId claimedNodeId(byte[] encoded) throws DecodeException {
    return decode(encoded, false).nodeId;
  }

  private static Enr decode(byte[] encoded, boolean verify) throws DecodeException {
    RlpList list = RlpList.of(Bytes.wrap(encoded), MAX_SIZE);
    byte[] signature = list.bytes(V4.SIGNATURE_SIZE, "signature").toArray();
    Bytes content = list.rest();
    long seq = list.uint64("seq");
    Map<String, Bytes> pairs = new LinkedHashMap<>();
    Bytes previous = null;
    while (list.hasNext()) {
      Bytes key = list.bytes();
      if (previous != null
          && Arrays.compareUnsigned(previous.toArrayUnsafe(), key.toArrayUnsafe()) >= 0) {
        throw new DecodeException(Reason.UNSORTED_KEYS, "key " + key + " after " + previous);
      }
      previous = key;
      if (!list.hasNext()) {
        throw new DecodeException(Reason.MISSING_FIELD, "key without a value");
      }
      pairs.put(new String(key.toArrayUnsafe(), StandardCharsets.ISO_8859_1), list.raw());
    }
    Bytes id = stringValue(pairs, "id");
    if (id == null) {
      throw new DecodeException(Reason.MISSING_FIELD, "record lacks its identity scheme");
    }
    if (!id.equals(Bytes.wrap("v4".getBytes(StandardCharsets.US_ASCII)))) {
      throw new DecodeException(Reason.UNKNOWN_IDENTITY_SCHEME, "identity scheme " + id);
    }
    Bytes keyBytes = stringValue(pairs, "secp256k1");
    if (keyBytes == null) {
      throw new DecodeException(Reason.MISSING_FIELD, "v4 record lacks its secp256k1 key");
    }
    if (keyBytes.size() != 33) {
      throw new DecodeException(Reason.BAD_KEY, "secp256k1 key of " + keyBytes.size() + " bytes");
    }
    PublicKey key = PublicKey.fromCompressed(keyBytes.toArray());
    if (verify) {
      V4.verify(key, V4.keccak(RlpList.wrapList(content)), signature);
    }
    return new Enr(encoded.clone(), signature, seq, pairs, key);
  }

  /** The value of {@code key} if it is an RLP string, else null; a list reads as malformed. */
  private static Bytes stringValue(Map<String, Bytes> pairs, String key) throws DecodeException {
    Bytes raw = pairs.get(key);
    if (raw == null) {
      return null;
    }
    return RlpItem.string(raw);
  }

  /** A builder of records signed by {@code key}. */
  public static EnrBuilder builder(PrivateKey key) {
    return new EnrBuilder(key);
  }

  static Enr signed(PrivateKey key, long seq, Map<String, Bytes> sortedPairs) {
    Bytes content = EnrBuilder.content(seq, sortedPairs);
    byte[] signature = V4.sign(key, V4.keccak(RlpList.wrapList(content)));
    byte[] encoded =
        RlpList.wrapList(Bytes.concatenate(RlpItem.encodeString(Bytes.wrap(signature)), content));
    if (encoded.length > MAX_SIZE) {
      throw new IllegalArgumentException("record of " + encoded.length + " bytes exceeds 300");
    }
    try {
      return decode(encoded);
    } catch (DecodeException e) {
      throw new IllegalStateException("a record we signed does not decode", e);
    }
  }

  /** The encoded record (a copy). */
  public byte[] encoded() {
    return encoded.clone();
  }

  /** The size of the encoded record. */
  public int size() {
    return encoded.length;
  }

  /** The {@code enr:} text form. */
  public String toText() {
    return TEXT_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(encoded);
  }

  /** The sequence number (unsigned). */
  public long seq() {
    return seq;
  }

  /** The 64-byte signature. */
  public byte[] signature() {
    return signature.clone();
  }

  /** The record's public key. */
  public PublicKey publicKey() {
    return publicKey;
  }

  /** The node id, {@code keccak256(x || y)}. */
  public NodeId nodeId() {
    return nodeId;
  }

  /** Every pair in key order, each value as its RLP item (string or list) byte for byte. */
  public Map<String, Bytes> rawPairs() {
    return pairs;
  }

  /** The RLP item of {@code key}'s value. */
  public Optional<Bytes> rawValue(String key) {
    return Optional.ofNullable(pairs.get(key));
  }

  /** The content of {@code key}'s value when it is an RLP string. */
  public Optional<Bytes> value(String key) {
    Bytes raw = pairs.get(key);
    if (raw == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(RlpItem.string(raw));
    } catch (DecodeException e) {
      return Optional.empty();
    }
  }

  /** The IPv4 address ({@code ip}, 4 bytes). */
  public Optional<InetAddress> ip4() {
    return address("ip", 4);
  }

  /** The IPv6 address ({@code ip6}, 16 bytes). */
  public Optional<InetAddress> ip6() {
    return address("ip6", 16);
  }

  /** The UDP port of {@code key} ({@code udp}, {@code tcp}, {@code udp6}, {@code tcp6}). */
  public Optional<Integer> port(String key) {
    Optional<Bytes> v = value(key);
    if (v.isEmpty() || v.get().size() > 2 || v.get().isEmpty() || v.get().get(0) == 0) {
      return Optional.empty();
    }
    return Optional.of(v.get().toInt());
  }

  /** The IPv4 UDP endpoint: {@code ip} and {@code udp}. */
  public Optional<InetSocketAddress> udpEndpoint() {
    Optional<InetAddress> ip4 = ip4();
    Optional<Integer> udp = port("udp");
    return ip4.isPresent() && udp.isPresent()
        ? Optional.of(new InetSocketAddress(ip4.get(), udp.get()))
        : Optional.empty();
  }

  /**
   * The IPv6 UDP endpoint: {@code ip6} and {@code udp6}, or {@code udp} when {@code udp6} is absent
   * (EIP-778: {@code udp6} is only set when it differs).
   */
  public Optional<InetSocketAddress> udp6Endpoint() {
    Optional<InetAddress> ip6 = ip6();
    Optional<Integer> udp6 = port("udp6").or(() -> port("udp"));
    return ip6.isPresent() && udp6.isPresent()
        ? Optional.of(new InetSocketAddress(ip6.get(), udp6.get()))
        : Optional.empty();
  }

  /** Whether this record's seq is higher than {@code other}'s (seq is unsigned). */
  public boolean isNewerThan(Enr other) {
    return Long.compareUnsigned(seq, other.seq) > 0;
  }

  private Optional<InetAddress> address(String key, int size) {
    Optional<Bytes> v = value(key);
    if (v.isEmpty() || v.get().size() != size) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByAddress(v.get().toArray()));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a 4- or 16-byte address always parses", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Enr other && Arrays.equals(encoded, other.encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "Enr[" + nodeId + ", seq " + Long.toUnsignedString(seq) + ", " + toText() + "]";
  }
}
