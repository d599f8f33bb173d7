package io.codex.dht.discv5.cli;

import io.codex.dht.discv5.Discv5Node;
import io.codex.dht.discv5.NodeConfig;
import io.codex.dht.discv5.RecordFormatOption;
import io.codex.dht.discv5.exec.NodeScheduler;
import io.codex.dht.discv5.exec.SharedPool;
import io.codex.dht.discv5.http.Backend;
import io.codex.dht.discv5.providers.Cid;
import io.codex.dht.discv5.store.LoadReport;
import io.codex.dht.discv5.store.NodeStore;
import io.codex.dht.discv5.store.PersistentProviderStore;
import io.codex.dht.discv5.store.StoreException;
import io.codex.dht.discv5.transport.NettyUdpTransport;
import io.codex.dht.routing.LookupConfig;
import io.codex.dht.spr.CurveBackend;
import io.codex.dht.spr.Multiaddr;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.ServiceInfo;
import io.codex.dht.spr.SignedPeerRecord;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node run from a data dir, as the {@code bootstrap} and {@code node} commands run it: opens the
 * store (key, own record seq, provider records, announced CIDs, seeds), starts the node on UDP with
 * the durable provider store, adds the saved seeds, re-announces after joining, keeps the store in
 * step, logs a status line, and on {@link #close} saves the table and closes the store.
 */
final class NodeHost implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeHost.class);
  private static final long START_TIMEOUT_SECONDS = 30;
  private static final long STOP_TIMEOUT_SECONDS = 10;

  /**
   * What to run.
   *
   * @param dataDir the data dir
   * @param listen the UDP sockets to bind
   * @param announce pinned addresses for the record (empty: the bound or observed ones)
   * @param bootstrap the records to join through
   * @param services the services to advertise; null keeps those of the saved record
   * @param format the record format
   * @param clientMode whether to run as a client
   * @param statusInterval the status line period; zero for none
   * @param lookupPaths disjoint paths per lookup (1: a single path)
   */
  record Settings(
      Path dataDir,
      List<InetSocketAddress> listen,
      List<InetSocketAddress> announce,
      List<SignedPeerRecord> bootstrap,
      List<ServiceInfo> services,
      RecordFormatOption format,
      boolean clientMode,
      Duration statusInterval,
      int lookupPaths) {}

  private final Settings settings;
  private final NodeStore store;
  private final PersistentProviderStore providers;
  private final SharedPool pool;
  private final Discv5Node node;
  private final JoinWatch join;
  private final StoreSync sync;
  private final StatusLine status;
  private final Set<String> advertised = new HashSet<>();
  // Latest announcement per announced CID (bounded by the store's announced CIDs), for the API.
  private final java.util.Map<Cid, Backend.Announced> announcements =
      new java.util.concurrent.ConcurrentHashMap<>();
  private Repeating statusTimer;
  private boolean closed;

  private NodeHost(
      Settings settings,
      NodeStore store,
      PersistentProviderStore providers,
      SharedPool pool,
      Discv5Node node,
      MeterRegistry registry) {
    this.settings = settings;
    this.store = store;
    this.providers = providers;
    this.pool = pool;
    this.node = node;
    this.join = new JoinWatch(node, this::onJoined);
    this.sync = new StoreSync(store, node, join::joined, store.bootstrapSeeds().size());
    this.status = new StatusLine(node, registry, providers, store, join::joined);
  }

  /** Opens the data dir and starts the node; throws StartException when it cannot. */
  static NodeHost start(Settings s, MeterRegistry registry) {
    NodeStore store;
    try {
      store = NodeStore.open(s.dataDir());
    } catch (StoreException e) {
      throw new StartException(e.getMessage(), e);
    }
    SharedPool pool = null;
    try {
      logOpened(store);
      long previousSeq = store.nextSeq() - 1;
      NodeConfig config = config(s, store, registry);
      pool = new SharedPool(2, "discv5");
      NodeScheduler scheduler = pool.newScheduler(config.maxQueuedDatagrams());
      PersistentProviderStore providers =
          store.providerStore(config.providers(), scheduler.nowMillis());
      logReport(providers.loadReport());
      Discv5Node node =
          Discv5Node.create(
              config,
              new NettyUdpTransport(config.bindAddresses(), null),
              scheduler,
              providers,
              previousSeq);
      NodeHost host = new NodeHost(s, store, providers, pool, node, registry);
      try {
        host.begin();
      } catch (RuntimeException e) {
        try {
          node.stop().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException stopFailure) {
          e.addSuppressed(stopFailure);
        }
        throw e;
      }
      return host;
    } catch (StoreException e) {
      abandon(store, pool, e);
      throw new StartException(e.getMessage(), e);
    } catch (RuntimeException e) {
      abandon(store, pool, e);
      throw e;
    }
  }

  private static NodeConfig config(Settings s, NodeStore store, MeterRegistry registry) {
    NodeConfig.Builder b =
        NodeConfig.builder(store.key())
            .bind(s.listen().toArray(InetSocketAddress[]::new))
            .bootstrap(s.bootstrap())
            .recordFormat(s.format())
            .clientMode(s.clientMode())
            .lookup(LookupConfig.DEFAULT.withPaths(s.lookupPaths()))
            .seenSeqs(store::highestSeq)
            .meterRegistry(registry);
    for (InetSocketAddress a : s.announce()) {
      b.announce(Multiaddr.udp(a.getAddress(), a.getPort()));
    }
    List<ServiceInfo> services = s.services();
    if (services == null) {
      services =
          s.format() != RecordFormatOption.PEER_RECORD
              ? store.ownRecord().map(SignedPeerRecord::services).orElse(List.of())
              : List.of();
      if (!services.isEmpty()) {
        LOG.info("advertising the {} services of the saved record", services.size());
      }
    }
    services.forEach(b::service);
    return b.build();
  }

  private void begin() {
    node.addListener(sync);
    await(onNode(() -> sync.save(node.localRecord())), "saving the record");
    try {
      node.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable c = e.getCause() == null ? e : e.getCause();
      throw new StartException("cannot listen on " + settings.listen() + ": " + describe(c), c);
    } catch (TimeoutException e) {
      throw new StartException("starting the node took too long", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartException("starting the node was interrupted", e);
    }
    await(onNode(this::addSeeds), "adding the saved seeds");
    await(onNode(this::restoreRecords), "loading the saved records");
    join.start();
    sync.start();
    if (!settings.statusInterval().isZero()) {
      statusTimer =
          Repeating.every(node.scheduler(), settings.statusInterval().toMillis(), status::log);
    }
    LOG.info(
        "node {} started on {}, {} bootstrap nodes, secp256k1 {}",
        node.nodeId().toShortString(),
        node.localRecord().addresses(),
        settings.bootstrap().size(),
        CurveBackend.describe());
  }

  /** Puts the saved application records back (still valid ones) and keeps the copy up to date. */
  private int restoreRecords() {
    int[] n = node.records().restore(store.records());
    if (n[0] + n[1] > 0) {
      LOG.info("loaded {} records kept for others and {} own records", n[0], n[1]);
    }
    return n[0] + n[1];
  }

  /** Adds the saved table entries as ordinary entries; a configured bootstrap node is skipped. */
  private int addSeeds() {
    Set<NodeId> skip = new HashSet<>();
    skip.add(node.nodeId());
    settings.bootstrap().forEach(r -> skip.add(r.nodeId()));
    int n = 0;
    for (SignedPeerRecord seed : store.bootstrapSeeds()) {
      if (skip.add(seed.nodeId())) {
        node.addSeed(seed);
        n++;
      }
    }
    if (n > 0) {
      LOG.info("added {} table entries saved before the restart as seeds", n);
    }
    return n;
  }

  /** On the node's thread, once: announce again what this node announced, save the table. */
  private void onJoined() {
    List<Cid> cids = store.announced();
    for (Cid cid : cids) {
      node.addProvider(cid).thenAccept(a -> noteAnnounced(cid, a));
    }
    if (!cids.isEmpty()) {
      LOG.info("announcing the {} CIDs announced before the restart", cids.size());
    }
    advertise(node.localRecord().services());
    node.records().republishAll();
    sync.saveSeeds();
  }

  /**
   * Announces the given services and stops announcing the others; on the node's thread. Completes
   * when the first announcements are done, failed or not.
   */
  CompletableFuture<Void> advertise(List<ServiceInfo> services) {
    Set<String> ids = new HashSet<>();
    services.forEach(s -> ids.add(s.id()));
    for (String old : new ArrayList<>(advertised)) {
      if (!ids.contains(old)) {
        node.stopAdvertising(old);
        advertised.remove(old);
      }
    }
    List<CompletableFuture<?>> announcements = new ArrayList<>();
    if (join.joined()) {
      for (String id : ids) {
        announcements.add(node.advertise(id).handle((result, error) -> null));
        advertised.add(id);
      }
    }
    return CompletableFuture.allOf(announcements.toArray(CompletableFuture[]::new));
  }

  Discv5Node node() {
    return node;
  }

  /**
   * Records the outcome of an announcement of {@code cid} if the CID is still announced; on the
   * node's thread.
   */
  void noteAnnounced(Cid cid, io.codex.dht.discv5.AnnounceResult a) {
    announcements.put(
        cid,
        new Backend.Announced(
            cid.toString(), true, a.sentTo(), a.storedLocally(), System.nanoTime()));
    if (!store.announced().contains(cid)) {
      announcements.remove(cid);
    }
  }

  /** Forgets the announcements of {@code cid} (withdrawn). */
  void forgetAnnounced(Cid cid) {
    announcements.remove(cid);
  }

  /**
   * The announced CIDs with their latest announcement ({@code agoSeconds} computed now); on the
   * node's thread.
   */
  List<Backend.Announced> announcedCids() {
    List<Backend.Announced> out = new ArrayList<>();
    long now = System.nanoTime();
    for (Cid cid : store.announced()) {
      Backend.Announced a = announcements.get(cid);
      out.add(
          a == null
              ? new Backend.Announced(cid.toString(), false, 0, false, -1)
              : new Backend.Announced(
                  a.cid(),
                  true,
                  a.sentTo(),
                  a.storedLocally(),
                  (now - a.agoSeconds()) / 1_000_000_000L));
    }
    announcements.keySet().retainAll(new HashSet<>(store.announced()));
    return out;
  }

  NodeStore store() {
    return store;
  }

  PersistentProviderStore providers() {
    return providers;
  }

  boolean joined() {
    return join.joined();
  }

  boolean clientMode() {
    return settings.clientMode();
  }

  int seeds() {
    return sync.seeds();
  }

  /** A task that may throw, run on the node's thread. */
  @FunctionalInterface
  interface NodeTask<T> {
    T run() throws Exception;
  }

  /** Runs {@code task} on the node's thread (where the store may be used). */
  <T> CompletableFuture<T> onNode(NodeTask<T> task) {
    CompletableFuture<T> f = new CompletableFuture<>();
    try {
      node.scheduler()
          .execute(
              () -> {
                try {
                  f.complete(task.run());
                } catch (Exception e) {
                  f.completeExceptionally(e);
                }
              });
    } catch (RuntimeException e) {
      f.completeExceptionally(e);
    }
    return f;
  }

  private CompletableFuture<Void> onNode(Runnable task) {
    return onNode(
        () -> {
          task.run();
          return null;
        });
  }

  /** Saves the table, stops the node and closes the data dir. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    LOG.info("stopping");
    try {
      await(
          onNode(
                  () -> {
                    join.stop();
                    sync.stop();
                    if (statusTimer != null) {
                      statusTimer.cancel();
                    }
                    return sync.saveSeeds();
                  })
              .thenCompose(saved -> saved),
          "saving the table");
      await(node.stop(), "stopping the node", STOP_TIMEOUT_SECONDS);
    } catch (StartException e) {
      LOG.warn("{}", e.getMessage());
    }
    try {
      await(
          onNode(
              () -> {
                store.close();
                return null;
              }),
          "closing the data dir");
    } catch (StartException e) {
      LOG.error("the data dir was not closed cleanly: {}", e.getMessage());
    }
    pool.close();
    LOG.info("stopped");
  }

  private static <T> T await(CompletableFuture<T> f, String what) {
    return await(f, what, START_TIMEOUT_SECONDS);
  }

  private static <T> T await(CompletableFuture<T> f, String what, long timeoutSeconds) {
    try {
      return f.get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable c = e.getCause() == null ? e : e.getCause();
      throw new StartException(what + " failed: " + describe(c), c);
    } catch (TimeoutException e) {
      throw new StartException(what + " took too long", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartException(what + " was interrupted", e);
    }
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }

  private static void abandon(NodeStore store, SharedPool pool, Exception cause) {
    if (pool != null) {
      pool.close();
    }
    try {
      store.close();
    } catch (StoreException e) {
      cause.addSuppressed(e);
    }
  }

  private static void logOpened(NodeStore store) {
    if (store.keyCreated()) {
      LOG.info("created a new node key in {}", store.dataDir().resolve(NodeStore.KEY_FILE));
    }
    LOG.info("data dir {}", store.dataDir());
    for (LoadReport r : store.loadReports()) {
      logReport(r);
    }
  }

  private static void logReport(LoadReport r) {
    if (r.corrupt() > 0) {
      LOG.warn(
          "data dir: {} {} loaded, {} corrupt entries skipped (left on disk), {} expired, {} over"
              + " the limit",
          r.loaded(),
          r.part().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
          r.corrupt(),
          r.expired(),
          r.overLimit());
    } else {
      LOG.info(
          "data dir: {} {} loaded, {} expired, {} over the limit",
          r.loaded(),
          r.part().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
          r.expired(),
          r.overLimit());
    }
  }
}
