package io.codex.dht.session;

/** Why a message handed to {@link SessionLayer#send} was not (or will never be) delivered. */
public enum SendFailure {
  /** A response to a node with which there is no session. */
  NO_SESSION,
  /** A handshake is needed but the node's public key is unknown. */
  UNKNOWN_PUBLIC_KEY,
  /** Too many messages are already queued behind this node's handshake. */
  QUEUE_FULL,
  /** Too many handshakes are in progress. */
  HANDSHAKE_LIMIT,
  /** The handshake did not complete in time (no WHOAREYOU came back). */
  HANDSHAKE_TIMEOUT,
  /** The handshake packet around this message would exceed 1280 bytes. */
  HANDSHAKE_TOO_LARGE
}
