package io.codex.dht.discv5;

import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.SignedPeerRecord;
import java.util.List;
import java.util.Map;

/**
 * What a node looks like at one moment, for a person: its routing table by bucket, where its
 * addresses came from, its traffic counters and its provider store; read-only copies.
 *
 * @param localId the node's id
 * @param buckets the non-empty buckets (live entries or replacements), closest distance first
 * @param entries live table entries
 * @param replacements entries waiting in replacement caches
 * @param addresses the record's addresses and how each was learned ({@code announced}, {@code
 *     listen}, {@code voted})
 * @param packetsIn datagrams received
 * @param packetsOut datagrams sent
 * @param bytesIn bytes received
 * @param bytesOut bytes sent
 * @param sessions live sessions
 * @param drops packets dropped, by reason
 * @param providerRecords provider records stored for the network
 * @param providerBytes their size in bytes
 */
public record NodeSnapshot(
    NodeId localId,
    List<Bucket> buckets,
    int entries,
    int replacements,
    Map<String, String> addresses,
    long packetsIn,
    long packetsOut,
    long bytesIn,
    long bytesOut,
    int sessions,
    Map<String, Long> drops,
    int providerRecords,
    long providerBytes) {

  /** Copies the collections. */
  public NodeSnapshot {
    buckets = List.copyOf(buckets);
    addresses = Map.copyOf(addresses);
    drops = Map.copyOf(drops);
  }

  /**
   * One bucket of the table.
   *
   * @param distance the log distance from the node (1..256)
   * @param entries its live entries, most recently seen first
   * @param replacements the size of its replacement cache
   */
  public record Bucket(int distance, List<Entry> entries, int replacements) {
    /** Copies the list. */
    public Bucket {
      entries = List.copyOf(entries);
    }
  }

  /**
   * One live table entry.
   *
   * @param record the peer's record
   * @param address the UDP endpoint used for it, {@code host:port}
   * @param seen its seen score (0 until it answers, then a smoothed success rate)
   * @param lastSeenAgoMillis milliseconds since it last answered; -1 if it never did
   * @param bootstrap whether it is a bootstrap entry
   * @param inbound whether it was added because it contacted this node first
   */
  public record Entry(
      SignedPeerRecord record,
      String address,
      double seen,
      long lastSeenAgoMillis,
      boolean bootstrap,
      boolean inbound) {}
}
