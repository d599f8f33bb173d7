package io.codex.dht.routing;

/**
 * Receives changes of the table's live membership, for "node added/removed" events and metrics.
 *
 * <p>Called synchronously from inside the mutating table call, after the change; implementations
 * must not call back into the table's mutating methods. Replacement-cache changes are not reported.
 *
 * @param <R> the record type
 */
public interface TableListener<R> {
  /** A record became a live entry (new, bootstrap, or promoted from a replacement cache). */
  default void added(R record) {}

  /** A live entry was removed (failure, explicit removal, or displaced by a bootstrap entry). */
  default void removed(R record) {}

  /** A live entry's record was replaced by one with a higher seq. */
  default void updated(R previous, R current) {}
}
