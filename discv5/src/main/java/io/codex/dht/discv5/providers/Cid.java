package io.codex.dht.discv5.providers;

import io.codex.dht.spr.Base58;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.NodeId;
import java.util.Arrays;

/**
 * A content id (CIDv0 or CIDv1), validated strictly, with its Codex DHT key: {@code keccak256} of
 * the binary CID.
 *
 * <p>Binary form: CIDv1 is {@code varint(1) varint(codec) multihash}; CIDv0 is the 34-byte sha2-256
 * multihash {@code 12 20 || digest} alone. A multihash is {@code varint(function) varint(length)
 * digest}. Text form: CIDv0 is 46 base58btc characters starting {@code Qm}; CIDv1 is multibase,
 * written here as base32 lowercase with the {@code b} prefix.
 *
 * <p>Implementation notes: any codec and hash function code is accepted, because Codex uses its own
 * (codex-manifest {@code 0xcd01}, codex-block {@code 0xcd02}, poseidon2 hashes, ...); the structure
 * around them is checked: version 1, minimal varints, a digest exactly as long as declared, 32
 * bytes for sha2-256, a non-empty digest for every function but identity, at most {@link
 * #MAX_BYTES} in all. A CIDv0 wrapped in multibase ({@code zQm...}) is refused, as the CID spec
 * says CIDv0 is never prefixed; so text, binary form and key correspond one to one, up to the
 * choice of base.
 */
public final class Cid {
  /** The largest binary CID accepted. */
  public static final int MAX_BYTES = 256;

  /** The longest text accepted: base16 of {@link #MAX_BYTES} plus the prefix. */
  public static final int MAX_TEXT_LENGTH = 1 + 2 * MAX_BYTES;

  /** Multicodec of the identity multihash function. */
  public static final long IDENTITY = 0x00;

  /** Multicodec of the sha2-256 multihash function. */
  public static final long SHA2_256 = 0x12;

  /** Multicodec of raw binary content. */
  public static final long RAW = 0x55;

  /** Multicodec of dag-pb, the implicit codec of a CIDv0. */
  public static final long DAG_PB = 0x70;

  private static final int SHA2_256_LENGTH = 32;
  private static final int V0_BYTES = 2 + SHA2_256_LENGTH;
  private static final int V0_TEXT_LENGTH = 46;
  private static final String V0_TEXT_PREFIX = "Qm";

  private final byte[] bytes;
  private final int version;
  private final long codec;
  private final long hashFunction;
  private final int multihashOffset;
  private final int digestOffset;

  private Cid(
      byte[] bytes,
      int version,
      long codec,
      long hashFunction,
      int multihashOffset,
      int digestOffset) {
    this.bytes = bytes;
    this.version = version;
    this.codec = codec;
    this.hashFunction = hashFunction;
    this.multihashOffset = multihashOffset;
    this.digestOffset = digestOffset;
  }

  /**
   * Parses text: a CIDv0 ({@code Qm...}, 46 characters) or a multibase CIDv1 ({@code b}/{@code B}
   * base32, {@code z} base58btc, {@code f}/{@code F} base16); the length is checked first.
   */
  public static Cid parse(String text) throws DecodeException {
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new DecodeException(
          Reason.TOO_LARGE,
          "CID text has " + text.length() + " characters, more than " + MAX_TEXT_LENGTH);
    }
    if (text.isEmpty()) {
      throw new DecodeException(Reason.BAD_CID, "empty CID text");
    }
    if (text.length() == V0_TEXT_LENGTH && text.startsWith(V0_TEXT_PREFIX)) {
      Cid cid = fromBytes(Base58.decode(text, V0_TEXT_LENGTH));
      if (cid.version != 0) {
        throw new DecodeException(Reason.BAD_CID, "Qm... text does not hold a CIDv0");
      }
      return cid;
    }
    Cid cid = fromBytes(Multibase.decode(text));
    if (cid.version == 0) {
      throw new DecodeException(
          Reason.BAD_CID, "a CIDv0 is written in plain base58btc (Qm...), without multibase");
    }
    return cid;
  }

  /** Reads a binary CID: a 34-byte sha2-256 multihash (CIDv0) or a CIDv1. */
  public static Cid fromBytes(byte[] input) throws DecodeException {
    if (input.length > MAX_BYTES) {
      throw new DecodeException(
          Reason.TOO_LARGE, "CID has " + input.length + " bytes, more than " + MAX_BYTES);
    }
    if (input.length == 0) {
      throw new DecodeException(Reason.BAD_CID, "empty CID");
    }
    byte[] bytes = input.clone();
    if (bytes[0] == SHA2_256) {
      if (bytes.length != V0_BYTES || bytes[1] != SHA2_256_LENGTH) {
        throw new DecodeException(
            Reason.BAD_CID, "a CIDv0 is exactly 34 bytes: 12 20 and a sha2-256 digest");
      }
      return new Cid(bytes, 0, DAG_PB, SHA2_256, 0, 2);
    }
    Varint in = new Varint(bytes, 0);
    long version = in.read("version");
    if (version != 1) {
      throw new DecodeException(Reason.BAD_CID, "unsupported CID version " + version);
    }
    long codec = in.read("codec");
    int multihashOffset = in.position();
    long function = in.read("multihash function");
    long length = in.read("digest length");
    if (length != in.remaining()) {
      throw new DecodeException(
          Reason.BAD_CID,
          "multihash declares a " + length + "-byte digest but " + in.remaining() + " follow");
    }
    if (function == SHA2_256 && length != SHA2_256_LENGTH) {
      throw new DecodeException(Reason.BAD_CID, "a sha2-256 digest is 32 bytes, not " + length);
    }
    if (function != IDENTITY && length == 0) {
      throw new DecodeException(Reason.BAD_CID, "empty digest for hash function " + function);
    }
    return new Cid(bytes, 1, codec, function, multihashOffset, in.position());
  }

  /** The CID version: 0 or 1. */
  public int version() {
    return version;
  }

  /** The content codec (multicodec); {@link #DAG_PB} for a CIDv0. */
  public long codec() {
    return codec;
  }

  /** The multihash function code, e.g. {@link #SHA2_256}. */
  public long hashFunction() {
    return hashFunction;
  }

  /** The digest inside the multihash. */
  public byte[] digest() {
    return Arrays.copyOfRange(bytes, digestOffset, bytes.length);
  }

  /** The multihash: function, length and digest. */
  public byte[] multihash() {
    return Arrays.copyOfRange(bytes, multihashOffset, bytes.length);
  }

  /** The binary CID: the multihash alone for CIDv0, the full CIDv1 otherwise. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The DHT key, {@code keccak256(toBytes())}, exactly as Codex maps a CID to a node id. */
  public NodeId dhtKey() {
    return NodeId.keccakOf(bytes);
  }

  /**
   * This CID as a CIDv1: a CIDv0 becomes dag-pb with the same multihash (a different binary form,
   * hence a different DHT key); a CIDv1 is returned as is.
   */
  public Cid toV1() {
    if (version == 1) {
      return this;
    }
    byte[] v1 = new byte[2 + bytes.length];
    int offset = Varint.write(1, v1, 0);
    offset = Varint.write(DAG_PB, v1, offset);
    System.arraycopy(bytes, 0, v1, offset, bytes.length);
    return new Cid(v1, 1, DAG_PB, SHA2_256, offset, offset + 2);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cid other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** The canonical text: base58btc {@code Qm...} for CIDv0, base32 {@code b...} for CIDv1. */
  @Override
  public String toString() {
    return version == 0 ? Base58.encode(bytes) : Multibase.encodeBase32(bytes);
  }
}
