package io.codex.dht.routing;

/** What {@link RoutingTable#onFailure} did with the peer's entry. */
public enum FailureResult {
  /** The peer is neither a live entry nor in a replacement cache. */
  UNKNOWN,
  /** The entry stays (seen score lowered); bootstrap entries always stay. */
  KEPT,
  /** The entry was removed and no replacement could take its place. */
  REMOVED,
  /** The entry was removed and the freshest usable replacement took its place. */
  REPLACED
}
