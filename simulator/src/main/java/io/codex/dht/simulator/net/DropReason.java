package io.codex.dht.simulator.net;

/** Why the simulated network did not deliver a datagram. */
public enum DropReason {
  /** Larger than a UDP datagram can be ({@value SimNetwork#MAX_DATAGRAM} bytes). */
  OVERSIZE,
  /** The sending transport was not started or already stopped. */
  SENDER_CLOSED,
  /** Sender and destination are on different sides of a partition. */
  PARTITION,
  /** Lost at random (global or per-link loss rate). */
  LOSS,
  /** No transport is bound to the destination address. */
  UNREACHABLE,
  /** The destination stopped, or its node was halted, before the datagram arrived. */
  RECEIVER_CLOSED
}
