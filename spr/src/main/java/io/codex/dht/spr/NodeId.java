package io.codex.dht.spr;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * A 256-bit node id or DHT key, compared as an unsigned big-endian number; in the Codex DHT a
 * node's id is {@code keccak256(peer-id bytes)}.
 *
 * <p>Held as four longs so that XOR distance comparisons, the hot path of every table query, need
 * no allocation.
 */
public final class NodeId implements Comparable<NodeId> {
  /** The number of bits in an id, and the largest log distance. */
  public static final int BITS = 256;

  /** The number of bytes in an id. */
  public static final int BYTES = 32;

  /** The id whose bits are all zero. */
  public static final NodeId ZERO = new NodeId(0, 0, 0, 0);

  // w0 holds the most significant 64 bits.
  private final long w0;
  private final long w1;
  private final long w2;
  private final long w3;

  private NodeId(long w0, long w1, long w2, long w3) {
    this.w0 = w0;
    this.w1 = w1;
    this.w2 = w2;
    this.w3 = w3;
  }

  /** Reads 32 big-endian bytes. */
  public static NodeId fromBytes(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException("a node id has 32 bytes, not " + bytes.length);
    }
    return fromBytes(bytes, 0);
  }

  /** Reads 32 big-endian bytes starting at {@code offset}. */
  public static NodeId fromBytes(byte[] bytes, int offset) {
    return new NodeId(
        readLong(bytes, offset),
        readLong(bytes, offset + 8),
        readLong(bytes, offset + 16),
        readLong(bytes, offset + 24));
  }

  /** Parses 64 hex digits, with or without a {@code 0x} prefix. */
  public static NodeId fromHex(String hex) throws DecodeException {
    String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    if (digits.length() != 2 * BYTES) {
      throw new DecodeException(
          DecodeException.Reason.BAD_TEXT, "a node id is 64 hex digits, got " + digits.length());
    }
    return fromBytes(Hex.decode(digits));
  }

  /** The node id of a peer: {@code keccak256(peer-id bytes)}. */
  public static NodeId of(PeerId peerId) {
    return fromBytes(Hashes.keccak256(peerId.toBytes()));
  }

  /** The DHT key of arbitrary bytes: {@code keccak256(bytes)}, as Codex maps CIDs to keys. */
  public static NodeId keccakOf(byte[] bytes) {
    return fromBytes(Hashes.keccak256(bytes));
  }

  /** A uniformly random id. */
  public static NodeId random(RandomGenerator random) {
    return new NodeId(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
  }

  /** Converts a non-negative number below 2^256. */
  public static NodeId fromBigInteger(BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > BITS) {
      throw new IllegalArgumentException("not a 256-bit unsigned value: " + value);
    }
    byte[] raw = value.toByteArray();
    byte[] out = new byte[BYTES];
    int copy = Math.min(raw.length, BYTES);
    System.arraycopy(raw, raw.length - copy, out, BYTES - copy, copy);
    return fromBytes(out);
  }

  /** The 32 big-endian bytes. */
  public byte[] toBytes() {
    byte[] out = new byte[BYTES];
    writeTo(out, 0);
    return out;
  }

  /** Writes the 32 big-endian bytes at {@code offset}. */
  public void writeTo(byte[] out, int offset) {
    writeLong(out, offset, w0);
    writeLong(out, offset + 8, w1);
    writeLong(out, offset + 16, w2);
    writeLong(out, offset + 24, w3);
  }

  /** The value as a non-negative {@link BigInteger}. */
  public BigInteger toBigInteger() {
    return new BigInteger(1, toBytes());
  }

  /** 64 lowercase hex digits. */
  public String toHex() {
    return HexFormat.of().formatHex(toBytes());
  }

  /** The XOR distance to another id. */
  public NodeId xor(NodeId other) {
    return new NodeId(w0 ^ other.w0, w1 ^ other.w1, w2 ^ other.w2, w3 ^ other.w3);
  }

  /**
   * The log distance to another id: {@code 256 - leadingZeros(this xor other)}, from 0 (equal ids)
   * to 256.
   */
  public int logDistance(NodeId other) {
    long x = w0 ^ other.w0;
    if (x != 0) {
      return 256 - Long.numberOfLeadingZeros(x);
    }
    x = w1 ^ other.w1;
    if (x != 0) {
      return 192 - Long.numberOfLeadingZeros(x);
    }
    x = w2 ^ other.w2;
    if (x != 0) {
      return 128 - Long.numberOfLeadingZeros(x);
    }
    x = w3 ^ other.w3;
    return 64 - Long.numberOfLeadingZeros(x);
  }

  /**
   * The id at log distance {@code d} from this one that differs only in bit {@code d - 1}: {@code
   * this xor 2^(d-1)}; {@code d = 0} gives this id.
   */
  public NodeId atDistance(int d) {
    checkDistance(d);
    if (d == 0) {
      return this;
    }
    return flipBit(d - 1);
  }

  /** A random id at log distance exactly {@code d} (1..256) from this one. */
  public NodeId randomAtDistance(int d, RandomGenerator random) {
    checkDistance(d);
    if (d == 0) {
      return this;
    }
    // Keep the bits above d-1, flip bit d-1, randomise the bits below it.
    NodeId noise = random(random);
    long[] w = {w0, w1, w2, w3};
    long[] n = {noise.w0, noise.w1, noise.w2, noise.w3};
    int bit = d - 1;
    for (int i = 0; i < 4; i++) {
      int lowBit = 192 - 64 * i; // index of the lowest bit held by word i
      if (lowBit > bit) {
        continue; // the whole word lies above the flipped bit: keep it
      }
      if (lowBit + 63 < bit) {
        w[i] = n[i]; // the whole word lies below: randomise it
        continue;
      }
      long flip = 1L << (bit - lowBit);
      long below = flip - 1;
      w[i] = (w[i] & ~below & ~flip) | (~w[i] & flip) | (n[i] & below);
    }
    return new NodeId(w[0], w[1], w[2], w[3]);
  }

  /** Whether bit {@code index} (0 = least significant) is set. */
  public boolean testBit(int index) {
    return (word(3 - index / 64) >>> (index % 64) & 1) != 0;
  }

  /**
   * Compares the XOR distances of {@code a} and {@code b} to this id: negative when {@code a} is
   * closer, zero when equal, positive when {@code b} is closer.
   */
  public int compareDistance(NodeId a, NodeId b) {
    int c = Long.compareUnsigned(a.w0 ^ w0, b.w0 ^ w0);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(a.w1 ^ w1, b.w1 ^ w1);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(a.w2 ^ w2, b.w2 ^ w2);
    if (c != 0) {
      return c;
    }
    return Long.compareUnsigned(a.w3 ^ w3, b.w3 ^ w3);
  }

  @Override
  public int compareTo(NodeId o) {
    int c = Long.compareUnsigned(w0, o.w0);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(w1, o.w1);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(w2, o.w2);
    return c != 0 ? c : Long.compareUnsigned(w3, o.w3);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeId other
        && w0 == other.w0
        && w1 == other.w1
        && w2 == other.w2
        && w3 == other.w3;
  }

  @Override
  public int hashCode() {
    // Ids are hashes already; the low word is as good as any.
    return Long.hashCode(w3 ^ w0);
  }

  /** The 64 hex digits. */
  @Override
  public String toString() {
    return toHex();
  }

  /** A short form for logs: the first 8 hex digits. */
  public String toShortString() {
    return toHex().substring(0, 8);
  }

  private NodeId flipBit(int index) {
    long[] w = {w0, w1, w2, w3};
    w[3 - index / 64] ^= 1L << (index % 64);
    return new NodeId(w[0], w[1], w[2], w[3]);
  }

  private long word(int i) {
    return switch (i) {
      case 0 -> w0;
      case 1 -> w1;
      case 2 -> w2;
      default -> w3;
    };
  }

  private static void checkDistance(int d) {
    if (d < 0 || d > BITS) {
      throw new IllegalArgumentException("log distance must be in 0..256: " + d);
    }
  }

  private static long readLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xFFL);
    }
    return v;
  }

  private static void writeLong(byte[] b, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      b[off + i] = (byte) v;
      v >>>= 8;
    }
  }
}
