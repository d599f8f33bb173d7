package io.codex.dht.discv5.http;

import io.codex.dht.discv5.AnnounceResult;
import io.codex.dht.discv5.ServicePeer;
import io.codex.dht.discv5.providers.Cid;
import io.codex.dht.spr.Multiaddr;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.ServiceInfo;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** A backend whose answers the test sets; every call returns a future chosen by the test. */
final class FakeBackend implements Backend {
  final PrivateKey key;
  final SignedPeerRecord record;
  final SignedPeerRecord other;
  volatile boolean joined;
  volatile Supplier<CompletableFuture<?>> failure;
  volatile io.codex.dht.discv5.NodeSnapshot snapshot;

  FakeBackend(long seed) {
    Random random = new Random(seed);
    this.key = PrivateKey.generate(random);
    this.record = record(key, 5, List.of(ServiceInfo.of("/mix/1.0.0", new byte[] {10, 11})));
    this.other = record(PrivateKey.generate(random), 7, List.of());
  }

  static SignedPeerRecord record(PrivateKey key, long seq, List<ServiceInfo> services) {
    return SignedPeerRecord.builder(key)
        .seq(seq)
        .address(Multiaddr.udp(InetAddress.getLoopbackAddress(), 9000))
        .services(services)
        .build();
  }

  @SuppressWarnings("unchecked")
  private <T> CompletableFuture<T> answer(T value) {
    Supplier<CompletableFuture<?>> f = failure;
    return f != null ? (CompletableFuture<T>) f.get() : CompletableFuture.completedFuture(value);
  }

  @Override
  public boolean joined() {
    return joined;
  }

  @Override
  public NodeStatus status() {
    return new NodeStatus(record, joined, false, joined ? 3 : 0, 2, 4, 1, 3);
  }

  @Override
  public CompletableFuture<Optional<SignedPeerRecord>> resolve(NodeId id) {
    return answer(id.equals(other.nodeId()) ? Optional.of(other) : Optional.empty());
  }

  @Override
  public CompletableFuture<List<ServicePeer>> findPeers(String serviceId, int max) {
    return answer(List.of(new ServicePeer(other, new byte[] {1, 2})));
  }

  @Override
  public CompletableFuture<AnnounceResult> announce(Cid cid) {
    return answer(new AnnounceResult(cid.dhtKey(), 2, true));
  }

  @Override
  public CompletableFuture<Boolean> withdraw(Cid cid) {
    return answer(true);
  }

  @Override
  public CompletableFuture<List<SignedPeerRecord>> providers(Cid cid, int max) {
    return answer(List.of(other, record).subList(0, Math.min(2, max)));
  }

  @Override
  public CompletableFuture<SignedPeerRecord> replaceServices(List<ServiceInfo> services) {
    return answer(record(key, 6, services));
  }

  @Override
  public String metricsText() {
    return "# TYPE up gauge\nup 1.0\n";
  }

  @Override
  public CompletableFuture<io.codex.dht.discv5.LookupResult> lookupTraced(NodeId key) {
    return answer(
        new io.codex.dht.discv5.LookupResult(
            key,
            List.of(other),
            Optional.empty(),
            1,
            1,
            Optional.of(new io.codex.dht.discv5.LookupTrace(key, List.of(), List.of(), 1, 0, 5))));
  }

  @Override
  public CompletableFuture<io.codex.dht.discv5.NodeSnapshot> snapshot() {
    if (snapshot != null) {
      return answer(snapshot);
    }
    return answer(
        new io.codex.dht.discv5.NodeSnapshot(
            record.nodeId(),
            List.of(),
            0,
            0,
            java.util.Map.of("/ip4/127.0.0.1/udp/9000", "listen"),
            10,
            12,
            1000,
            1200,
            2,
            java.util.Map.of("whoareyou_limit", 3L),
            4,
            400));
  }

  @Override
  public CompletableFuture<List<Announced>> announcedCids() {
    return answer(List.of());
  }

  @Override
  public long uptimeSeconds() {
    return 7;
  }
}
