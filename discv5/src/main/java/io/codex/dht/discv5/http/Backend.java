package io.codex.dht.discv5.http;

import io.codex.dht.discv5.AnnounceResult;
import io.codex.dht.discv5.LookupResult;
import io.codex.dht.discv5.NodeSnapshot;
import io.codex.dht.discv5.ServicePeer;
import io.codex.dht.discv5.providers.Cid;
import io.codex.dht.discv5.records.GetResult;
import io.codex.dht.discv5.records.PutResult;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.ServiceInfo;
import io.codex.dht.spr.SignedPeerRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the HTTP API serves: a running node with its data dir. Calls return at once; the API's
 * handler threads wait on the futures with a timeout.
 */
public interface Backend {
  /** Whether the node has joined the network; network endpoints answer 503 until it has. */
  boolean joined();

  /** A snapshot of the node's state; safe from any thread. */
  NodeStatus status();

  /** The newest record of node {@code id}, empty when nobody knows it. */
  CompletableFuture<Optional<SignedPeerRecord>> resolve(NodeId id);

  /** Up to {@code max} peers offering {@code serviceId}, with their service data. */
  CompletableFuture<List<ServicePeer>> findPeers(String serviceId, int max);

  /**
   * Starts announcing {@code cid}: persisted at once, then announced; completes once the first
   * announcement is done and everything it stored is durable.
   */
  CompletableFuture<AnnounceResult> announce(Cid cid);

  /** Stops announcing {@code cid}, durably; completes with whether it was announced. */
  CompletableFuture<Boolean> withdraw(Cid cid);

  /** Up to {@code max} providers of {@code cid}. */
  CompletableFuture<List<SignedPeerRecord>> providers(Cid cid, int max);

  /**
   * Replaces the advertised services, durably, and announces them; completes with the new record
   * once the first announcements are done.
   */
  CompletableFuture<SignedPeerRecord> replaceServices(List<ServiceInfo> services);

  /** A lookup of {@code key} that records its path ({@link LookupResult#trace}). */
  CompletableFuture<LookupResult> lookupTraced(NodeId key);

  /** The node's table by bucket, address sources, traffic counters and provider store. */
  CompletableFuture<NodeSnapshot> snapshot();

  /** The CIDs this node announces, with the outcome of the latest announcement of each. */
  CompletableFuture<List<Announced>> announcedCids();

  /** Seconds since the process started. */
  long uptimeSeconds();

  /**
   * One CID this node announces.
   *
   * @param cid the CID
   * @param done whether an announcement has completed since the start
   * @param sentTo how many of the closest nodes the latest announcement reached
   * @param storedLocally whether this node is among them
   * @param agoSeconds seconds since the latest announcement completed; -1 if none has
   */
  record Announced(String cid, boolean done, int sentTo, boolean storedLocally, long agoSeconds) {}

  /**
   * Signs {@code payload} under the record key {@code key} with the node's key and puts it (see
   * {@code Discv5Node.putRecord}); by default records are not served (501).
   */
  default CompletableFuture<PutResult> putRecord(String key, byte[] payload, Duration ttl) {
    return CompletableFuture.failedFuture(
        new ApiException(501, "not_supported", "this node serves no records"));
  }

  /** The best record of {@code key} (see {@code Discv5Node.getRecord}); by default 501. */
  default CompletableFuture<GetResult> getRecord(String key) {
    return CompletableFuture.failedFuture(
        new ApiException(501, "not_supported", "this node serves no records"));
  }

  /** The metrics in the Prometheus text format (version 0.0.4). */
  String metricsText();

  /**
   * The node's state for {@code GET /api/v1/node} and {@code /health}.
   *
   * @param record the node's current record
   * @param joined whether the node has joined
   * @param clientMode whether the node runs as a client
   * @param tableEntries live routing-table entries
   * @param sessions live sessions
   * @param providerRecords provider records stored for the network
   * @param announced CIDs this node announces
   * @param seeds table entries saved as bootstrap seeds for the next start
   */
  record NodeStatus(
      SignedPeerRecord record,
      boolean joined,
      boolean clientMode,
      int tableEntries,
      int sessions,
      int providerRecords,
      int announced,
      int seeds) {}
}
