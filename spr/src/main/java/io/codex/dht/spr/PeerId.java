package io.codex.dht.spr;

import io.codex.dht.spr.DecodeException.Reason;
import java.util.Arrays;

/**
 * A libp2p peer id of a secp256k1 key: the identity multihash {@code 00 25 || PublicKey protobuf}
 * (39 bytes), shown as base58btc text ({@code 16Uiu2...}).
 */
public final class PeerId {
  /** Multihash code of the identity "hash". */
  private static final int IDENTITY = 0x00;

  private static final int LENGTH = 2 + PublicKey.PROTOBUF_LENGTH;

  private final byte[] bytes;
  private final PublicKey publicKey;
  private NodeId nodeId; // computed on first use; ids are immutable so a race is harmless

  private PeerId(byte[] bytes, PublicKey publicKey) {
    this.bytes = bytes;
    this.publicKey = publicKey;
  }

  /** The peer id of a public key. */
  public static PeerId of(PublicKey key) {
    byte[] protobuf = key.toProtobuf();
    byte[] bytes = new byte[LENGTH];
    bytes[0] = IDENTITY;
    bytes[1] = (byte) protobuf.length;
    System.arraycopy(protobuf, 0, bytes, 2, protobuf.length);
    return new PeerId(bytes, key);
  }

  /** Parses the multihash bytes; only identity multihashes of secp256k1 keys are accepted. */
  public static PeerId fromBytes(byte[] bytes) throws DecodeException {
    if (bytes.length < 2) {
      throw new DecodeException(Reason.BAD_PEER_ID, "peer id too short");
    }
    if (bytes[0] != IDENTITY) {
      throw new DecodeException(
          Reason.BAD_PEER_ID, "peer id is not an identity multihash (secp256k1 keys only)");
    }
    if ((bytes[1] & 0xFF) != bytes.length - 2 || bytes.length != LENGTH) {
      throw new DecodeException(Reason.BAD_PEER_ID, "peer id has a bad multihash length");
    }
    byte[] protobuf = Arrays.copyOfRange(bytes, 2, bytes.length);
    PublicKey key;
    try {
      key = PublicKey.fromProtobuf(protobuf);
    } catch (DecodeException e) {
      throw new DecodeException(Reason.BAD_PEER_ID, "peer id key: " + e.getMessage(), e);
    }
    return new PeerId(bytes.clone(), key);
  }

  /** Parses base58btc text. */
  public static PeerId fromBase58(String text) throws DecodeException {
    return fromBytes(Base58.decode(text, 128));
  }

  /** The multihash bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The base58btc text form. */
  public String toBase58() {
    return Base58.encode(bytes);
  }

  /** The public key this id embeds. */
  public PublicKey publicKey() {
    return publicKey;
  }

  /** The Codex node id: {@code keccak256(peer-id bytes)}. */
  public NodeId nodeId() {
    NodeId id = nodeId;
    if (id == null) {
      id = NodeId.of(this);
      nodeId = id;
    }
    return id;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeerId other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** The base58btc text form. */
  @Override
  public String toString() {
    return toBase58();
  }
}
