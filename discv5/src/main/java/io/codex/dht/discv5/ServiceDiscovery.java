package io.codex.dht.discv5;

import io.codex.dht.spr.Hashes;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.ServiceInfo;
import io.codex.dht.spr.SignedPeerRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Logos service discovery: a service is advertised by announcing the node's record under {@code
 * sha256(UTF-8 service id)}; peers offering it are found from those announcements, from the table,
 * and from the records met in random walks, whenever their record lists the service.
 */
final class ServiceDiscovery {
  /** Random lookups tried at most when announcements and the table give too few peers. */
  static final int MAX_RANDOM_WALKS = 4;

  private final NodeCore node;
  private final ContentRouting content;

  ServiceDiscovery(NodeCore node, ContentRouting content) {
    this.node = node;
    this.content = content;
  }

  /** The DHT key of a service id. */
  static NodeId key(String serviceId) {
    return NodeId.fromBytes(Hashes.sha256(serviceId.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Advertises {@code serviceId}: the node's record lists it (added without data if missing) and is
   * announced under its key until {@link #withdraw}.
   */
  CompletableFuture<AnnounceResult> advertise(String serviceId) {
    if (node.local.services().stream().noneMatch(s -> s.id().equals(serviceId))) {
      List<ServiceInfo> services = new ArrayList<>(node.local.services());
      services.add(ServiceInfo.of(serviceId));
      node.local.setServices(services);
    }
    return content.addProvider(key(serviceId), true);
  }

  /** Stops announcing {@code serviceId} (the record keeps listing it until services change). */
  boolean withdraw(String serviceId) {
    return content.removeProvider(key(serviceId));
  }

  /** Up to {@code n} peers offering {@code serviceId}, with their service data. */
  CompletableFuture<List<ServicePeer>> findPeers(String serviceId, int n) {
    Map<NodeId, ServicePeer> found = new LinkedHashMap<>();
    return content
        .getProviders(key(serviceId), n)
        .thenCompose(
            providers -> {
              for (SignedPeerRecord r : providers) {
                offer(found, r, serviceId, true);
              }
              for (Peer p :
                  node.table.randomSample(n, p -> p.record().service(serviceId).isPresent())) {
                offer(found, p.record(), serviceId, false);
              }
              return walk(found, serviceId, n, MAX_RANDOM_WALKS);
            });
  }

  private CompletableFuture<List<ServicePeer>> walk(
      Map<NodeId, ServicePeer> found, String serviceId, int n, int walksLeft) {
    if (found.size() >= n || walksLeft == 0) {
      return CompletableFuture.completedFuture(trim(found, n));
    }
    return node.lookups
        .lookup(NodeId.random(node.config.random()), false)
        .thenCompose(
            outcome -> {
              for (Peer p : outcome.closest()) {
                offer(found, p.record(), serviceId, false);
              }
              return walk(found, serviceId, n, walksLeft - 1);
            });
  }

  private void offer(
      Map<NodeId, ServicePeer> found, SignedPeerRecord r, String serviceId, boolean announced) {
    if (r.nodeId().equals(node.localId)) {
      return;
    }
    Optional<ServiceInfo> service = r.service(serviceId);
    if (service.isEmpty() && !announced) {
      return;
    }
    byte[] data = service.map(ServiceInfo::data).orElse(new byte[0]);
    ServicePeer held = found.get(r.nodeId());
    if (held == null || r.isNewerThan(held.record())) {
      found.put(r.nodeId(), new ServicePeer(r, data));
    }
  }

  private static List<ServicePeer> trim(Map<NodeId, ServicePeer> found, int n) {
    List<ServicePeer> out = new ArrayList<>(found.values());
    return out.size() > n ? out.subList(0, n) : out;
  }
}
