package io.codex.dht.spr;

import java.util.Objects;

/**
 * The one checked exception for bad input from the network or from a user, carrying a {@link
 * Reason} that tests assert and metrics count.
 */
public final class DecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why an input was rejected; stable names, used as metric tags. */
  public enum Reason {
    // Generic framing.
    /** The input ends inside a field, or a length points past the end. */
    TRUNCATED,
    /** The input, or a part of it, is larger than its limit allows. */
    TOO_LARGE,
    /** Bytes follow a value that must end the input. */
    TRAILING_BYTES,
    /** A varint is longer than 10 bytes or overflows its type. */
    MALFORMED_VARINT,
    /** A protobuf tag, wire type or field value is not valid. */
    MALFORMED_PROTOBUF,
    /** A required field is absent. */
    MISSING_FIELD,
    /** Text is not valid hex, base58, base64url or lacks its prefix. */
    BAD_TEXT,

    // Keys and signatures.
    /** A key has the wrong length, type byte or is not a point on the curve. */
    BAD_KEY,
    /** A libp2p key type other than secp256k1. */
    UNSUPPORTED_KEY_TYPE,
    /** A signature is not valid DER. */
    BAD_SIGNATURE_ENCODING,
    /** A signature has a high S value (only low-S is accepted). */
    HIGH_S_SIGNATURE,
    /** A signature does not verify. */
    SIGNATURE_INVALID,

    // Peer ids, multiaddrs and records.
    /** A peer id is not an identity multihash of a secp256k1 public key. */
    BAD_PEER_ID,
    /** The record's peer id is not the envelope's public key. */
    PEER_ID_MISMATCH,
    /** The envelope's payload type is not a known record type. */
    WRONG_PAYLOAD_TYPE,
    /** A multiaddr component is malformed. */
    BAD_MULTIADDR,
    /** A multiaddr protocol code this implementation does not know. */
    UNKNOWN_MULTIADDR_PROTOCOL,
    /** A record lists more addresses than allowed. */
    TOO_MANY_ADDRESSES,
    /** A service entry is empty, not UTF-8 or carries too much data. */
    BAD_SERVICE,
    /** A content id (CID) is malformed or of an unsupported kind. */
    BAD_CID,

    // Packets (session layer).
    /** A packet is shorter than the smallest valid packet. */
    PACKET_TOO_SMALL,
    /** A packet is larger than allowed for its kind. */
    PACKET_TOO_LARGE,
    /** The unmasked header does not start with "discv5". */
    BAD_PROTOCOL_ID,
    /** The header's protocol version is not 1. */
    BAD_VERSION,
    /** The header flag is not ordinary, WHOAREYOU or handshake. */
    BAD_FLAG,
    /** The authdata size does not fit the packet kind or the packet. */
    BAD_AUTHDATA,
    /** A WHOAREYOU carries a message body. */
    WHOAREYOU_WITH_MESSAGE,
    /** The handshake's record belongs to another node. */
    RECORD_NODE_MISMATCH,
    /** A handshake from a node whose key we know neither from a record nor from the packet. */
    MISSING_RECORD,

    // Messages.
    /** The message type byte is unknown or unused. */
    BAD_MESSAGE_TYPE,
    /** The request id is longer than 8 bytes. */
    BAD_REQUEST_ID,
    /** A message body field has a wrong size or value. */
    BAD_MESSAGE_FIELD,

    // Ethereum node records (EIP-778) and RLP.
    /** RLP that is malformed or not canonical (non-minimal lengths or integers, wrong kind). */
    MALFORMED_RLP,
    /** A node record's identity scheme is not one this implementation knows ("v4"). */
    UNKNOWN_IDENTITY_SCHEME,
    /** A node record's keys are not sorted or not unique. */
    UNSORTED_KEYS,
  }

  private final Reason reason;

  public DecodeException(Reason reason, String message) {
    super(reason + ": " + message, null, false, false);
    this.reason = Objects.requireNonNull(reason);
  }

  public DecodeException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause, false, false);
    this.reason = Objects.requireNonNull(reason);
  }

  /** The reason the input was rejected. */
  public Reason reason() {
    return reason;
  }
}
