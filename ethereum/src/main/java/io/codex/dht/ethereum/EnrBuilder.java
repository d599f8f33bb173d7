package io.codex.dht.ethereum;

import io.codex.dht.spr.PrivateKey;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;

/**
 * Builds a signed v4 record: {@code id = "v4"} and {@code secp256k1} are set from the key; other
 * pairs are added as strings (addresses, ports) or as raw RLP items kept byte for byte.
 */
public final class EnrBuilder {
  private final PrivateKey key;
  private final TreeMap<String, Bytes> pairs = new TreeMap<>(EnrBuilder::compareKeys);
  private long seq = 1;

  EnrBuilder(PrivateKey key) {
    this.key = Objects.requireNonNull(key, "key");
    string("id", Bytes.wrap("v4".getBytes(StandardCharsets.US_ASCII)));
    string("secp256k1", Bytes.wrap(key.publicKey().toCompressed()));
  }

  /** The sequence number (unsigned; 1 by default). */
  public EnrBuilder seq(long seq) {
    this.seq = seq;
    return this;
  }

  /** {@code ip} (an IPv4 address) or {@code ip6} (an IPv6 address). */
  public EnrBuilder ip(InetAddress address) {
    return string(address instanceof Inet4Address ? "ip" : "ip6", Bytes.wrap(address.getAddress()));
  }

  /** A port pair ({@code udp}, {@code tcp}, {@code udp6}, {@code tcp6}), as a minimal integer. */
  public EnrBuilder port(String key, int port) {
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("port " + port);
    }
    return string(key, Bytes.minimalBytes(port));
  }

  /** A pair whose value is the RLP string of {@code value}. */
  public EnrBuilder string(String key, Bytes value) {
    return raw(key, RlpItem.encodeString(value));
  }

  /** A pair whose value is {@code rlpItem}, one RLP item (string or list), kept as is. */
  public EnrBuilder raw(String key, Bytes rlpItem) {
    pairs.put(key, rlpItem);
    return this;
  }

  /**
   * The signed record.
   *
   * @throws IllegalArgumentException if it exceeds 300 bytes
   */
  public Enr build() {
    return Enr.signed(key, seq, pairs);
  }

  /** {@code seq, k1, v1, ...}: the signed content's items, without the list header. */
  static Bytes content(long seq, Map<String, Bytes> sortedPairs) {
    Bytes[] parts = new Bytes[1 + 2 * sortedPairs.size()];
    parts[0] = RLP.encodeValue(Bytes.ofUnsignedLong(seq).trimLeadingZeros());
    int i = 1;
    for (Map.Entry<String, Bytes> e : sortedPairs.entrySet()) {
      parts[i++] = RLP.encodeValue(Bytes.wrap(e.getKey().getBytes(StandardCharsets.ISO_8859_1)));
      parts[i++] = e.getValue();
    }
    return Bytes.concatenate(parts);
  }

  private static int compareKeys(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.ISO_8859_1), b.getBytes(StandardCharsets.ISO_8859_1));
  }
}
