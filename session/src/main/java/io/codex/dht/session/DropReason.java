package io.codex.dht.session;

/** Why a received datagram was dropped; each drop is counted once under one reason. */
public enum DropReason {
  /** The packet or its message did not decode; the detail is the decode exception's reason. */
  MALFORMED(false),
  /** An ordinary packet over 1280 bytes that no session key decrypts: not answered. */
  UNDECRYPTABLE_TOO_LARGE(false),
  /** An undecryptable packet while the challenge table is full: not answered. */
  CHALLENGE_LIMIT(false),
  /**
   * An undecryptable packet not answered because the WHOAREYOU budget of its source IP, or the
   * total one, is used up (dropped only: unauthenticated traffic never bans an address).
   */
  WHOAREYOU_RATE_LIMITED(false),
  /**
   * A packet held while its sender's handshake completed that the new session does not open either:
   * dropped without a second WHOAREYOU, so one packet never gets two answers.
   */
  HELD_PACKET_UNDECRYPTABLE(false),
  /** A WHOAREYOU whose nonce matches no recent request of ours. */
  UNSOLICITED_WHOAREYOU(false),
  /** A WHOAREYOU from another address than the one the request it answers went to. */
  WHOAREYOU_WRONG_ADDRESS(false),
  /**
   * A handshake with no live challenge for its (node id, address): unsolicited, late or replayed.
   */
  HANDSHAKE_NO_CHALLENGE(true),
  /**
   * A handshake we did not start, over the budget of unsolicited handshakes (in total or for its
   * source IP): not checked, and its challenge is used up.
   */
  HANDSHAKE_RATE_LIMITED(true),
  /** A handshake whose ephemeral key does not parse. */
  HANDSHAKE_BAD_EPHEMERAL_KEY(true),
  /** A handshake whose record does not parse or verify. */
  HANDSHAKE_BAD_RECORD(true),
  /** A handshake whose record belongs to another node than its source id. */
  HANDSHAKE_RECORD_MISMATCH(true),
  /** A handshake without a record from a node whose key we do not know. */
  HANDSHAKE_UNKNOWN_KEY(true),
  /** A handshake whose id-signature does not verify (no ECDH was done). */
  HANDSHAKE_BAD_ID_SIGNATURE(true),
  /** A handshake whose message does not decrypt under the derived keys. */
  HANDSHAKE_DECRYPT_FAILED(true),
  /** A handshake whose decrypted message does not decode. */
  HANDSHAKE_BAD_MESSAGE(true);

  private final boolean handshakeFailure;

  DropReason(boolean handshakeFailure) {
    this.handshakeFailure = handshakeFailure;
  }

  /** Whether this is a failed handshake. */
  public boolean isHandshakeFailure() {
    return handshakeFailure;
  }
}
