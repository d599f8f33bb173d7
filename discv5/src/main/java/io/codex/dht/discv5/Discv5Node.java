package io.codex.dht.discv5;

import io.codex.dht.discv5.exec.NodeScheduler;
import io.codex.dht.discv5.exec.SharedPool;
import io.codex.dht.discv5.providers.Cid;
import io.codex.dht.discv5.providers.InMemoryProviderStore;
import io.codex.dht.discv5.providers.ProviderStore;
import io.codex.dht.discv5.records.GetResult;
import io.codex.dht.discv5.records.PutResult;
import io.codex.dht.discv5.records.RecordService;
import io.codex.dht.discv5.records.ValuesProtocol;
import io.codex.dht.discv5.transport.NettyUdpTransport;
import io.codex.dht.discv5.transport.Transport;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.ServiceInfo;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.tuweni.bytes.Bytes;

/**
 * A Codex DHT node: joins the network through its bootstrap records, keeps a routing table, answers
 * other nodes, and looks nodes up. Every call returns at once; results arrive as {@link
 * CompletableFuture}s completed on the node's thread (so dependent stages must not block).
 */
public final class Discv5Node implements AutoCloseable {
  private final NodeCore core;
  private final Maintenance maintenance;
  private final NodeScheduler scheduler;
  private final Transport transport;
  private final AutoCloseable owned;
  private final RecordService records;
  private volatile boolean started;

  private Discv5Node(
      NodeConfig config,
      Transport transport,
      NodeScheduler scheduler,
      ProviderStore providers,
      long previousSeq,
      AutoCloseable owned) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.core = new NodeCore(config, scheduler, transport, providers, previousSeq);
    this.maintenance = new Maintenance(core);
    this.owned = owned;
    this.records =
        new RecordService(
            this,
            config.privateKey(),
            config.records(),
            config.lookup().resultSize(),
            config.meterRegistry(),
            core.metrics.nodeTags());
    if (records.enabled()) {
      core.handlers.register(
          Bytes.wrap(ValuesProtocol.ID.getBytes(StandardCharsets.UTF_8)), records.handler());
    }
  }

  /** A node on the given transport and scheduler (the simulator's, or shared production ones). */
  public static Discv5Node create(NodeConfig config, Transport transport, NodeScheduler scheduler) {
    return create(config, transport, scheduler, new InMemoryProviderStore(config.providers()), 0);
  }

  /**
   * A node with its own provider store (for example a persistent one) whose record continues the
   * seq numbering after {@code previousSeq}.
   */
  public static Discv5Node create(
      NodeConfig config,
      Transport transport,
      NodeScheduler scheduler,
      ProviderStore providers,
      long previousSeq) {
    return new Discv5Node(config, transport, scheduler, providers, previousSeq, null);
  }

  /**
   * A stand-alone node on netty UDP sockets at {@link NodeConfig#bindAddresses()} with its own
   * small thread pool, released by {@link #close()}.
   */
  public static Discv5Node udp(NodeConfig config) {
    SharedPool pool = new SharedPool(2, "discv5");
    return new Discv5Node(
        config,
        new NettyUdpTransport(config.bindAddresses(), null),
        pool.newScheduler(config.maxQueuedDatagrams()),
        new InMemoryProviderStore(config.providers()),
        0,
        pool);
  }

  /** Opens the sockets, seeds the table and starts the maintenance loops. */
  public CompletableFuture<Void> start() {
    return transport
        .start(this::onDatagram)
        .thenCompose(
            ignored ->
                onNode(
                    () -> {
                      core.start(transport.localAddresses());
                      maintenance.start();
                      started = true;
                      return CompletableFuture.completedFuture(null);
                    }));
  }

  /** Stops the loops, fails requests in flight and closes the sockets. */
  public CompletableFuture<Void> stop() {
    return onNode(
            () -> {
              started = false;
              maintenance.stop();
              records.stop();
              core.stop();
              return CompletableFuture.<Void>completedFuture(null);
            })
        .thenCompose(ignored -> transport.stop());
  }

  /** Stops the node and releases what it owns; waits for the sockets to close. */
  @Override
  public void close() {
    stop().join();
    if (owned != null) {
      try {
        owned.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the node's resources failed", e);
      }
    }
  }

  private void onDatagram(byte[] data, InetSocketAddress from) {
    if (scheduler.inNodeThread()) {
      core.onDatagram(data, from);
    } else if (!scheduler.offer(() -> core.onDatagram(data, from))) {
      core.metrics.datagramDropped("overload");
    }
  }

  /** The node's id. */
  public NodeId nodeId() {
    return core.localId;
  }

  /** The node's current signed record. */
  public SignedPeerRecord localRecord() {
    return core.local.current();
  }

  /**
   * The node's record in the plain libp2p PeerRecord form, which every Codex node reads: the same
   * seq and addresses as {@link #localRecord()}, without services (the same object when that is a
   * PeerRecord). This is the form to hand out as a bootstrap record.
   */
  public SignedPeerRecord plainRecord() {
    return core.local.plain();
  }

  /** Whether {@link #start()} completed and {@link #stop()} was not called. */
  public boolean isStarted() {
    return started;
  }

  /** The scheduler the node runs on. */
  public NodeScheduler scheduler() {
    return scheduler;
  }

  /** Finds the nodes closest to {@code target} (and the target itself, if it exists). */
  public CompletableFuture<LookupResult> lookup(NodeId target) {
    return onNode(() -> core.lookups.lookup(target, false).thenApply(Discv5Node::result));
  }

  /**
   * {@link #lookup}, also recording the path it took ({@link LookupResult#trace}): the rounds, who
   * was asked, who answered with how many records, who timed out, and the final set.
   */
  public CompletableFuture<LookupResult> lookupTraced(NodeId target) {
    return onNode(() -> core.lookups.lookup(target, false, true).thenApply(Discv5Node::result));
  }

  /** A lookup that asks FINDNODE_FAST(target) instead of FINDNODE(distances). */
  public CompletableFuture<LookupResult> lookupFast(NodeId target) {
    return onNode(() -> core.lookups.lookup(target, true).thenApply(Discv5Node::result));
  }

  /**
   * The newest record of node {@code id}: asked of the node itself when it is known, else found by
   * a lookup; empty when nobody knows it.
   */
  public CompletableFuture<Optional<SignedPeerRecord>> resolve(NodeId id) {
    return onNode(() -> Resolver.resolve(core, id));
  }

  /**
   * The smoothed round-trip time to node {@code id} (RFC 6298 srtt of the time from a request to
   * its first response message), if this node measured one recently; read-only.
   */
  public CompletableFuture<Optional<java.time.Duration>> roundTripTime(NodeId id) {
    return onNode(
        () -> {
          java.util.OptionalLong micros = core.rtt.smoothedMicros(id);
          return CompletableFuture.completedFuture(
              micros.isPresent()
                  ? Optional.of(java.time.Duration.ofNanos(micros.getAsLong() * 1_000))
                  : Optional.empty());
        });
  }

  /** Pings a node. */
  public CompletableFuture<PingResult> ping(SignedPeerRecord node) {
    return onNode(
        () -> core.ping(peerOf(node)).thenApply(p -> new PingResult(p.enrSeq(), p.observed())));
  }

  /** Asks a node for the records at the given log distances (0 = its own record). */
  public CompletableFuture<List<SignedPeerRecord>> findNode(
      SignedPeerRecord node, List<Integer> distances) {
    return onNode(() -> core.findNode(peerOf(node), distances).thenApply(Discv5Node::records));
  }

  /** Sends a TALKREQ and returns the TALKRESP payload (empty when the peer has no handler). */
  public CompletableFuture<byte[]> talkRequest(
      SignedPeerRecord node, String protocol, byte[] request) {
    Bytes p = Bytes.wrap(protocol.getBytes(StandardCharsets.UTF_8));
    Bytes r = Bytes.wrap(request.clone());
    return onNode(
        () ->
            core.request(
                    peerOf(node),
                    rid -> new io.codex.dht.session.Message.TalkReq(rid, p, r),
                    0,
                    io.codex.dht.routing.Failure.NO_REPLY)
                .thenApply(m -> ((io.codex.dht.session.Message.TalkResp) m).response().toArray()));
  }

  /** Registers the handler of a TALKREQ protocol; fails if one is already registered. */
  public CompletableFuture<Void> registerTalkHandler(String protocol, TalkHandler handler) {
    Bytes p = Bytes.wrap(protocol.getBytes(StandardCharsets.UTF_8));
    return onNode(
        () -> {
          core.handlers.register(p, handler);
          return CompletableFuture.completedFuture(null);
        });
  }

  /** Up to {@code n} random table entries that satisfy {@code filter}. */
  public CompletableFuture<List<SignedPeerRecord>> randomNodes(
      int n, Predicate<SignedPeerRecord> filter) {
    return onNode(
        () ->
            CompletableFuture.completedFuture(
                records(core.table.randomSample(n, p -> filter.test(p.record())))));
  }

  /** Replaces the advertised services; completes with the new record (a higher seq). */
  public CompletableFuture<SignedPeerRecord> updateServices(List<ServiceInfo> services) {
    List<ServiceInfo> copy = List.copyOf(services);
    return onNode(() -> CompletableFuture.completedFuture(core.local.setServices(copy)));
  }

  /** The live table entries. */
  public CompletableFuture<List<SignedPeerRecord>> tableEntries() {
    return onNode(
        () -> {
          List<SignedPeerRecord> out = new ArrayList<>();
          core.table.entries().forEach(e -> out.add(e.record().record()));
          return CompletableFuture.completedFuture(out);
        });
  }

  /**
   * Offers a record learned outside the protocol (a table entry saved before a restart) as an
   * ordinary table entry: unlike a bootstrap record it can be evicted, and it is pinged soon like
   * any learned entry, so a dead one leaves. Completes with whether it was added.
   */
  public CompletableFuture<Boolean> addSeed(SignedPeerRecord record) {
    return onNode(
        () ->
            CompletableFuture.completedFuture(
                Peer.of(record, core.ipv4, core.ipv6)
                    .map(p -> core.learn(p) == io.codex.dht.routing.AddResult.ADDED)
                    .orElse(false)));
  }

  /**
   * Announces this node as a provider of {@code cid} to the nodes closest to its key (and stores it
   * here when this node is among them), again every republish interval until {@link
   * #removeProvider}.
   */
  public CompletableFuture<AnnounceResult> addProvider(Cid cid) {
    return addProvider(cid.dhtKey());
  }

  /** {@link #addProvider(Cid)} for a raw DHT key. */
  public CompletableFuture<AnnounceResult> addProvider(NodeId key) {
    return onNode(() -> core.content.addProvider(key));
  }

  /** Stops announcing {@code cid}; true if it was announced. */
  public CompletableFuture<Boolean> removeProvider(Cid cid) {
    return removeProvider(cid.dhtKey());
  }

  /** {@link #removeProvider(Cid)} for a raw DHT key. */
  public CompletableFuture<Boolean> removeProvider(NodeId key) {
    return onNode(() -> CompletableFuture.completedFuture(core.content.removeProvider(key)));
  }

  /** Up to {@code max} verified provider records of {@code cid}, merged by peer. */
  public CompletableFuture<List<SignedPeerRecord>> getProviders(Cid cid, int max) {
    return getProviders(cid.dhtKey(), max);
  }

  /** {@link #getProviders(Cid, int)} for a raw DHT key. */
  public CompletableFuture<List<SignedPeerRecord>> getProviders(NodeId key, int max) {
    return onNode(() -> core.content.getProviders(key, max));
  }

  /** Advertises a Logos service: listed in the record and announced under its key. */
  public CompletableFuture<AnnounceResult> advertise(String serviceId) {
    return onNode(() -> core.services.advertise(serviceId));
  }

  /** Stops announcing a service. */
  public CompletableFuture<Boolean> stopAdvertising(String serviceId) {
    return onNode(() -> CompletableFuture.completedFuture(core.services.withdraw(serviceId)));
  }

  /** Up to {@code n} peers offering {@code serviceId}, with their service data. */
  public CompletableFuture<List<ServicePeer>> findPeers(String serviceId, int n) {
    return onNode(() -> core.services.findPeers(serviceId, n));
  }

  /** The node's table by bucket, address sources, traffic counters and provider store. */
  public CompletableFuture<NodeSnapshot> snapshot() {
    return onNode(() -> CompletableFuture.completedFuture(Snapshots.of(core)));
  }

  /** The DHT key a service is announced under: {@code sha256(UTF-8 id)}. */
  public static NodeId serviceKey(String serviceId) {
    return ServiceDiscovery.key(serviceId);
  }

  /**
   * Signs {@code payload} under {@code key} with the node's key, puts it to the nodes closest to
   * the key and republishes it until it expires after {@code ttl}. Fails with an {@link
   * IllegalArgumentException} for a key outside the node's namespaces, a payload over 700 bytes or
   * a record its namespace refuses.
   */
  public CompletableFuture<PutResult> putRecord(String key, byte[] payload, Duration ttl) {
    byte[] copy = payload.clone();
    return onNode(() -> records.put(key, copy, ttl));
  }

  /**
   * The best valid record of {@code key} found at the closest nodes (and here); stale holders are
   * corrected. Fails with an {@link IllegalArgumentException} for a key outside the namespaces.
   */
  public CompletableFuture<GetResult> getRecord(String key) {
    return onNode(() -> records.get(key));
  }

  /** The node's application records (store, own records), for the node's thread. */
  public RecordService records() {
    return records;
  }

  /** Hears about nodes added to and removed from the table. */
  public void addListener(NodeListener listener) {
    core.listeners.add(Objects.requireNonNull(listener));
  }

  /** The number of live sessions (safe from any thread, approximate). */
  public int sessionCount() {
    return core.session.sessionCount();
  }

  /** The number of live table entries (safe from any thread, approximate). */
  public int tableSize() {
    return core.table.size();
  }

  NodeCore core() {
    return core;
  }

  private Peer peerOf(SignedPeerRecord record) {
    return Peer.of(record, core.ipv4, core.ipv6)
        .orElseThrow(() -> new IllegalArgumentException("the record has no usable endpoint"));
  }

  private <T> CompletableFuture<T> onNode(Supplier<CompletableFuture<T>> action) {
    CompletableFuture<T> result = new CompletableFuture<>();
    scheduler.execute(
        () -> {
          try {
            action
                .get()
                .whenComplete(
                    (value, error) -> {
                      if (error != null) {
                        result.completeExceptionally(unwrap(error));
                      } else {
                        result.complete(value);
                      }
                    });
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof java.util.concurrent.CompletionException && t.getCause() != null
        ? t.getCause()
        : t;
  }

  private static List<SignedPeerRecord> records(List<Peer> peers) {
    List<SignedPeerRecord> out = new ArrayList<>(peers.size());
    peers.forEach(p -> out.add(p.record()));
    return out;
  }

  private static LookupResult result(LookupRunner.Outcome o) {
    return new LookupResult(
        o.target(),
        records(o.closest()),
        Optional.ofNullable(o.targetFound()).map(Peer::record),
        o.rounds(),
        o.queries(),
        Optional.ofNullable(o.trace()));
  }
}
