package io.codex.dht.discv5.cli;

import io.codex.dht.discv5.AnnounceResult;
import io.codex.dht.discv5.Discv5Node;
import io.codex.dht.discv5.LookupResult;
import io.codex.dht.discv5.NodeSnapshot;
import io.codex.dht.discv5.ServicePeer;
import io.codex.dht.discv5.http.Backend;
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
import java.util.function.Supplier;

/**
 * The HTTP API's view of a {@link NodeHost}: node calls, with the data dir updated and committed on
 * the node's thread before a change is acknowledged.
 */
final class SidecarBackend implements Backend {
  private final NodeHost host;
  private final Supplier<String> metrics;

  SidecarBackend(NodeHost host, Supplier<String> metrics) {
    this.host = host;
    this.metrics = metrics;
  }

  private Discv5Node node() {
    return host.node();
  }

  @Override
  public boolean joined() {
    return host.joined();
  }

  @Override
  public NodeStatus status() {
    Discv5Node n = node();
    return new NodeStatus(
        n.localRecord(),
        host.joined(),
        host.clientMode(),
        n.tableSize(),
        n.sessionCount(),
        host.providers().size(),
        host.store().announcedCount(),
        host.seeds());
  }

  @Override
  public CompletableFuture<Optional<SignedPeerRecord>> resolve(NodeId id) {
    return node().resolve(id);
  }

  @Override
  public CompletableFuture<List<ServicePeer>> findPeers(String serviceId, int max) {
    return node().findPeers(serviceId, max);
  }

  /**
   * Persists the CID (committed), announces it, then commits again so that a record this node
   * stored for itself is durable before the caller hears of success.
   */
  @Override
  public CompletableFuture<AnnounceResult> announce(Cid cid) {
    return host.onNode(() -> host.store().announce(cid))
        .thenCompose(added -> node().addProvider(cid))
        .thenApply(
            result -> {
              host.noteAnnounced(cid, result);
              return result;
            })
        .thenCompose(
            result ->
                host.onNode(
                    () -> {
                      host.providers().commit();
                      return result;
                    }));
  }

  @Override
  public CompletableFuture<Boolean> withdraw(Cid cid) {
    host.forgetAnnounced(cid);
    return host.onNode(() -> host.store().withdraw(cid))
        .thenCompose(
            wasStored ->
                node()
                    .removeProvider(cid)
                    .thenCompose(
                        wasAnnounced ->
                            host.onNode(
                                () -> {
                                  host.store().commit();
                                  return wasStored || wasAnnounced;
                                })));
  }

  @Override
  public CompletableFuture<List<SignedPeerRecord>> providers(Cid cid, int max) {
    return node().getProviders(cid, max);
  }

  /**
   * Replaces the services in the record and commits the saved record, then announces each service;
   * completes once those first announcements are done (failed ones count as done: they are repeated
   * every republish interval).
   */
  @Override
  public CompletableFuture<SignedPeerRecord> replaceServices(List<ServiceInfo> services) {
    return node()
        .updateServices(services)
        .thenCompose(
            record ->
                host.onNode(
                        () -> {
                          host.store().commit();
                          return host.advertise(record.services());
                        })
                    .thenCompose(announcements -> announcements)
                    .thenApply(done -> record));
  }

  @Override
  public CompletableFuture<LookupResult> lookupTraced(NodeId key) {
    return node().lookupTraced(key);
  }

  @Override
  public CompletableFuture<NodeSnapshot> snapshot() {
    return node().snapshot();
  }

  @Override
  public CompletableFuture<List<Announced>> announcedCids() {
    return host.onNode(host::announcedCids);
  }

  @Override
  public long uptimeSeconds() {
    return java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
  }

  @Override
  public CompletableFuture<PutResult> putRecord(String key, byte[] payload, Duration ttl) {
    // Acknowledged once the own record is durable (it is republished after a restart).
    return node()
        .putRecord(key, payload, ttl)
        .thenCompose(
            result ->
                host.onNode(
                    () -> {
                      host.store().commit();
                      return result;
                    }));
  }

  @Override
  public CompletableFuture<GetResult> getRecord(String key) {
    return node().getRecord(key);
  }

  @Override
  public String metricsText() {
    return metrics.get();
  }
}
