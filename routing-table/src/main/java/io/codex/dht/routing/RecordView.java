package io.codex.dht.routing;

import io.codex.dht.spr.NodeId;
import java.net.InetAddress;

/**
 * How the table and the lookup read the three facts they need from a stored record of type {@code
 * R}: its node id, its sequence number and the IP address of its usable UDP endpoint.
 *
 * <p>Implementations must be pure functions of the record (the same record always gives the same
 * answers) and cheap: {@link #nodeId} is called on every query.
 *
 * @param <R> the record type stored in the table (a signed peer record plus endpoint in the node, a
 *     small test record in the tests)
 */
public interface RecordView<R> {
  /** The node id of the record's peer. */
  NodeId nodeId(R record);

  /** The record's sequence number, compared unsigned ({@link Long#compareUnsigned}). */
  long seq(R record);

  /**
   * Orders two records of one node: positive when {@code a} supersedes {@code b}, zero when neither
   * does. By default by seq (unsigned); a view may rank forms signed at one seq.
   */
  default int compareFreshness(R a, R b) {
    return Long.compareUnsigned(seq(a), seq(b));
  }

  /**
   * The IP address of the record's usable UDP endpoint, or {@code null} when the record has none;
   * records without an endpoint are never stored and never queried.
   */
  InetAddress ip(R record);
}
