package io.codex.dht.routing;

/** Why a request to a peer failed, passed to {@link RoutingTable#onFailure}. */
public enum Failure {
  /**
   * No reply in time: the entry is removed only if its seen score, after the update, is at most 0.5
   * or if a replacement is waiting (Codex {@code NoreplyRemoveThreshold}).
   */
  NO_REPLY,
  /**
   * A reply that was invalid (wrong kind, bad records, a failed FINDNODE in Codex terms): the entry
   * is always removed.
   */
  INVALID_REPLY
}
