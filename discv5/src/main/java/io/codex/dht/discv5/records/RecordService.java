package io.codex.dht.discv5.records;

import io.codex.dht.discv5.Discv5Node;
import io.codex.dht.discv5.TalkHandler;
import io.codex.dht.discv5.exec.NodeScheduler;
import io.codex.dht.discv5.records.pb.ValueResponse;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PeerId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One node's application records: the store and protocol handler for others' records, and put, get
 * (with stale correction) and republish of its own, through the node's lookups and TALKREQs. Every
 * method runs on the node's thread.
 */
public final class RecordService {
  private final Discv5Node node;
  private final PrivateKey key;
  private final RecordsConfig config;
  private final NodeScheduler scheduler;
  private final ValueStore store;
  private final RecordMetrics metrics;
  private final ValuesServer server;
  private final Map<String, ValueRecord> own = new HashMap<>();
  private final Map<String, NodeScheduler.Cancellable> republishing = new HashMap<>();
  private final int resultSize;
  private RecordPersistence persistence;

  /** The records service of {@code node}, whose key is {@code key}. */
  public RecordService(
      Discv5Node node,
      PrivateKey key,
      RecordsConfig config,
      int resultSize,
      MeterRegistry registry,
      Tags tags) {
    this.node = node;
    this.key = key;
    this.config = config;
    this.scheduler = node.scheduler();
    this.resultSize = resultSize;
    this.store = new ValueStore(config.store(), config.validators());
    this.metrics = new RecordMetrics(registry, tags, store);
    this.server = new ValuesServer(config.validators(), store, config.store(), scheduler, metrics);
  }

  /** The TALKREQ handler, to register under {@link ValuesProtocol#ID} (when any namespace is). */
  public TalkHandler handler() {
    return server;
  }

  /** Whether the node has any namespace. */
  public boolean enabled() {
    return !config.validators().namespaces().isEmpty();
  }

  /** The store of others' records. */
  public ValueStore store() {
    return store;
  }

  /** The node's own records being republished, by key. */
  public Map<String, ValueRecord> own() {
    return Map.copyOf(own);
  }

  /**
   * Loads the saved records and keeps {@code p} up to date from now on: records kept for others go
   * back into the store if still valid (checked again, like any PUT), own records unexpired are
   * republished; what is no longer valid is dropped from {@code p}. Returns how many records were
   * restored (kept for others, own).
   */
  public int[] restore(RecordPersistence p) {
    long mono = scheduler.nowMillis();
    long wall = scheduler.currentTimeMillis();
    int kept = 0;
    for (ValueRecord r : p.storedRecords()) {
      boolean held = false;
      try {
        RecordKey k = RecordKey.parse(r.key());
        held =
            config.validators().check(k, r, wall).isEmpty() && store.put(k, r, mono, wall).held();
      } catch (InvalidRecordException e) {
        held = false;
      }
      if (held) {
        kept++;
      } else {
        p.removed(r);
      }
    }
    int mine = 0;
    for (ValueRecord r : p.ownRecords()) {
      if (r.isExpired(wall) || !r.publisher().equals(PeerId.of(key.publicKey()))) {
        p.ownDropped(r.key());
        continue;
      }
      try {
        own.put(r.key(), r);
        scheduleRepublish(RecordKey.parse(r.key()));
        mine++;
      } catch (InvalidRecordException e) {
        p.ownDropped(r.key());
      }
    }
    store.listener(p);
    this.persistence = p;
    return new int[] {kept, mine};
  }

  /** Puts every own unexpired record again now (after a restart, once joined). */
  public void republishAll() {
    for (ValueRecord r : new ArrayList<>(own.values())) {
      try {
        send(RecordKey.parse(r.key()), r);
      } catch (InvalidRecordException e) {
        own.remove(r.key());
      }
    }
  }

  /** Cancels the republish timers. */
  public void stop() {
    republishing.values().forEach(NodeScheduler.Cancellable::cancel);
    republishing.clear();
  }

  /**
   * Signs {@code payload} under {@code text} with the node's key (seq: the previous one plus one,
   * at least the wall-clock milliseconds, so restarts keep it rising), puts it to the closest nodes
   * and republishes it until it expires.
   *
   * @throws IllegalArgumentException (in the future) for a key outside the node's namespaces, a
   *     record its validator refuses, or a payload or record over its limit
   */
  public CompletableFuture<PutResult> put(String text, byte[] payload, Duration ttl) {
    RecordKey k;
    ValueRecord record;
    try {
      k = RecordKey.parse(text);
      if (!config.validators().serves(k)) {
        throw new IllegalArgumentException(
            "the key's namespace is not served: "
                + k.namespace()
                + " (served: "
                + config.validators().namespaces()
                + ")");
      }
      if (ttl.compareTo(config.validators().maxTtl()) > 0 || ttl.toMillis() < 1) {
        throw new IllegalArgumentException(
            "ttl must be between 1 ms and " + config.validators().maxTtl() + ": " + ttl);
      }
      long now = scheduler.currentTimeMillis();
      ValueRecord previous = own.get(text);
      long seq = Math.max(now, previous == null ? 0 : previous.seq() + 1);
      record = ValueRecord.sign(key, text, seq, now + ttl.toMillis(), payload);
      Optional<Rejection> invalid = config.validators().check(k, record, now);
      if (invalid.isPresent()) {
        throw new IllegalArgumentException("the record is refused: " + invalid.get());
      }
    } catch (InvalidRecordException e) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(e.getMessage(), e));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    own.put(text, record);
    if (persistence != null) {
      persistence.ownSaved(record);
    }
    scheduleRepublish(k);
    return send(k, record);
  }

  /** Puts a record signed elsewhere (republish, tests): to the closest nodes, and here if close. */
  CompletableFuture<PutResult> send(RecordKey k, ValueRecord record) {
    long start = scheduler.nanoTime();
    return node.lookup(k.dhtKey())
        .thenCompose(
            lookup -> {
              List<SignedPeerRecord> closest = lookup.closest();
              int local = storeLocally(k, record, closest) ? 1 : 0;
              CompletableFuture<PutResult> done = new CompletableFuture<>();
              int[] left = {closest.size()};
              int[] accepted = {local};
              if (closest.isEmpty()) {
                done.complete(new PutResult(record, 0, local));
              }
              byte[] request = ValuesProtocol.put(record);
              for (SignedPeerRecord peer : closest) {
                node.talkRequest(peer, ValuesProtocol.ID, request)
                    .whenComplete(
                        (bytes, error) -> {
                          if (error == null && accepted(bytes)) {
                            accepted[0]++;
                          }
                          if (--left[0] == 0) {
                            metrics.putTimer.record(
                                RecordMetrics.nanos(scheduler.nanoTime() - start));
                            done.complete(new PutResult(record, closest.size(), accepted[0]));
                          }
                        });
              }
              return done;
            });
  }

  private boolean storeLocally(RecordKey k, ValueRecord record, List<SignedPeerRecord> closest) {
    NodeId target = k.dhtKey();
    boolean among =
        closest.size() < resultSize
            || target.compareDistance(node.nodeId(), closest.get(closest.size() - 1).nodeId()) < 0;
    return among
        && store.put(k, record, scheduler.nowMillis(), scheduler.currentTimeMillis()).held();
  }

  private static boolean accepted(byte[] bytes) {
    try {
      ValueResponse r = ValuesProtocol.response(bytes);
      return r.hasPut() && r.getPut().getAccepted();
    } catch (InvalidRecordException e) {
      return false;
    }
  }

  /**
   * The best valid record of {@code text}: this node's and the closest nodes' answers, each
   * validated, consolidated and selected; holders that answered an older record or none are sent
   * the selected one (at most {@link RecordsConfig#maxCorrections()}).
   */
  public CompletableFuture<GetResult> get(String text) {
    RecordKey k;
    try {
      k = RecordKey.parse(text);
    } catch (InvalidRecordException e) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(e.getMessage(), e));
    }
    Optional<Validator> v = config.validators().of(k.namespace());
    if (v.isEmpty()) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException(
              "the key's namespace is not served: "
                  + k.namespace()
                  + " (served: "
                  + config.validators().namespaces()
                  + ")"));
    }
    long start = scheduler.nanoTime();
    return node.lookup(k.dhtKey())
        .thenCompose(
            lookup -> {
              Gather g = new Gather(this, k, v.get(), start);
              g.local(store.get(k, scheduler.nowMillis()));
              g.ask(lookup.closest());
              return g.done;
            });
  }

  void scheduleRepublish(RecordKey k) {
    NodeScheduler.Cancellable previous = republishing.remove(k.text());
    if (previous != null) {
      previous.cancel();
    }
    republishing.put(
        k.text(),
        scheduler.schedule(
            () -> {
              ValueRecord r = own.get(k.text());
              republishing.remove(k.text());
              if (r == null || r.isExpired(scheduler.currentTimeMillis())) {
                own.remove(k.text());
                if (persistence != null) {
                  persistence.ownDropped(k.text());
                }
                return;
              }
              send(k, r);
              scheduleRepublish(k);
            },
            config.republish().toMillis()));
  }

  // ---- for Gather

  Validators validators() {
    return config.validators();
  }

  RecordMetrics metrics() {
    return metrics;
  }

  NodeScheduler scheduler() {
    return scheduler;
  }

  Discv5Node node() {
    return node;
  }

  int maxCorrections() {
    return config.maxCorrections();
  }

  List<ValueRecord> ownList() {
    return new ArrayList<>(own.values());
  }
}
