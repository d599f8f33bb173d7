package io.codex.dht.routing;

import io.codex.dht.spr.NodeId;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * A Kademlia routing table over XOR distance: 256 buckets by log distance from the local id, each
 * with up to k live entries and a replacement cache, generic over the stored record type.
 *
 * <p>Rules (Codex DHT unless noted):
 *
 * <ul>
 *   <li>New records go to the least-recently-seen end of their bucket; a full bucket sends them to
 *       its replacement cache, whose oldest entry is dropped when it is full.
 *   <li>A stored record is replaced only by one that supersedes it ({@link
 *       RecordView#compareFreshness}: a higher seq, unsigned); the metadata stays.
 *   <li>{@link #onSuccess} moves an entry to the most-recently-seen end and updates its seen score
 *       (first success 1.0, then {@code 0.9 * old + 0.1}); {@link #onFailure} lowers it ({@code 0.9
 *       * old}) and removes the entry as {@link Failure} describes, the freshest usable replacement
 *       taking its place. Bootstrap entries are never removed.
 *   <li>IP diversity (this project): per bucket and per table, at most {@link
 *       TableConfig#bucketIpLimit} and {@link TableConfig#tableIpLimit} entries from one IPv4 /24
 *       or IPv6 /48. Replacement-cache entries count too, as in Codex, so the cache never holds
 *       entries that could not be promoted. Bootstrap entries are counted but never refused.
 *   <li>Silent entries (this project): when an entry that never answered is dropped after a
 *       failure, its subnet slot stays counted against the per-table limit for {@link
 *       TableConfig#silentHoldMillis}, so records of one subnet that cannot answer (a reflection
 *       attack's, pointing at a victim) become ping targets at most {@code tableIpLimit} times per
 *       hold, not once per failure.
 *   <li>At most {@link TableConfig#maxInboundPerBucket} live entries of a bucket may be inbound
 *       (stored because the peer contacted us first). The flag is fixed when the entry is first
 *       stored, and cleared if it becomes a bootstrap entry. Refusing inbound records until the
 *       first self-lookup is done is the node's job.
 * </ul>
 *
 * <p>Not thread-safe: confine to one thread. No clock reads: time is passed in, and the table's
 * clock is the latest time given to {@link #onSuccess} or {@link #onFailure}.
 *
 * @param <R> the record type, read through a {@link RecordView}
 */
public final class RoutingTable<R> {
  private static final int BUCKETS = NodeId.BITS;

  /** Held subnet slots at most; beyond that the oldest hold ends early. */
  static final int MAX_HOLDS = 1_024;

  private final NodeId local;
  private final RecordView<R> view;
  private final TableConfig config;
  private final RandomGenerator random;
  private final SubnetKeys subnetKeys;
  private final SubnetCounter tableSubnets = new SubnetCounter();
  private final SubnetHolds holds;

  /** Index d - 1 holds the bucket at log distance d; null until something is stored there. */
  private final List<Bucket<R>> buckets = new ArrayList<>(Collections.nCopies(BUCKETS, null));

  /** Stands in for absent buckets on reads; never written to. */
  private final Bucket<R> empty = new Bucket<>();

  private TableListener<R> listener = new TableListener<>() {};
  private int size;
  private int replacementsSize;
  private long nowMillis = Long.MIN_VALUE;

  /** An empty table for the node with id {@code local}. */
  public RoutingTable(
      NodeId local, RecordView<R> view, TableConfig config, RandomGenerator random) {
    this.local = Objects.requireNonNull(local, "local");
    this.view = Objects.requireNonNull(view, "view");
    this.config = Objects.requireNonNull(config, "config");
    this.random = Objects.requireNonNull(random, "random");
    this.subnetKeys = new SubnetKeys(config);
    this.holds = new SubnetHolds(config.silentHoldMillis(), MAX_HOLDS);
  }

  /** Sets the listener told about live membership changes (replacing any previous one). */
  public void setListener(TableListener<R> listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Offers a record learned from the network.
   *
   * @param inbound true when the peer contacted us first (its own handshake), false when we learned
   *     it from our queries (NODES replies, lookups)
   */
  public AddResult add(R record, boolean inbound) {
    return insert(record, inbound, false);
  }

  /**
   * Adds a bootstrap record: never refused for IP or inbound limits, never removed, and if its
   * bucket is full the least recently seen non-bootstrap entry makes room. An existing entry for
   * the same id becomes a bootstrap entry.
   */
  public AddResult addBootstrap(R record) {
    return insert(record, false, true);
  }

  /** The live record stored for {@code id}, if any (replacement-cache entries are not returned). */
  public Optional<R> get(NodeId id) {
    Entry<R> e = liveEntry(id);
    return e == null ? Optional.empty() : Optional.of(e.record);
  }

  /** Whether {@code id} is a live entry. */
  public boolean contains(NodeId id) {
    return liveEntry(id) != null;
  }

  /** A snapshot of the live entry for {@code id} with its seen score and flags, if any. */
  public Optional<TableEntry<R>> entry(NodeId id) {
    Entry<R> e = liveEntry(id);
    return e == null ? Optional.empty() : Optional.of(e.snapshot());
  }

  /**
   * Records a successful exchange with {@code id} at {@code nowMillis}: updates its seen score and
   * last-seen time and moves a live entry to the most-recently-seen end (a cached entry to the
   * freshest end of its cache).
   *
   * @return whether the table knows {@code id} (live or cached)
   */
  public boolean onSuccess(NodeId id, long nowMillis) {
    advance(nowMillis);
    if (id.equals(local)) {
      return false;
    }
    Bucket<R> b = bucketFor(id);
    int i = b.indexOfLive(id);
    if (i >= 0) {
      Entry<R> e = b.live.remove(i);
      e.registerSuccess(nowMillis);
      b.live.add(0, e);
      return true;
    }
    int j = b.indexOfReplacement(id);
    if (j >= 0) {
      Entry<R> e = b.replacements.remove(j);
      e.registerSuccess(nowMillis);
      b.replacements.add(e);
      return true;
    }
    return false;
  }

  /**
   * Records a failed exchange with {@code id} at {@code nowMillis}. A live entry's seen score drops
   * to {@code 0.9 * old}; it is then removed on {@link Failure#INVALID_REPLY}, or on {@link
   * Failure#NO_REPLY} when the score is at most 0.5 or a usable replacement waits. A cached entry
   * is dropped. A removed entry that never answered holds its subnet slot (see the class rules).
   */
  public FailureResult onFailure(NodeId id, Failure kind, long nowMillis) {
    Objects.requireNonNull(kind, "kind");
    advance(nowMillis);
    if (id.equals(local)) {
      return FailureResult.UNKNOWN;
    }
    Bucket<R> b = bucketFor(id);
    int i = b.indexOfLive(id);
    if (i >= 0) {
      Entry<R> e = b.live.get(i);
      e.registerFailure();
      if (e.bootstrap) {
        return FailureResult.KEPT;
      }
      int inboundAfter = b.inbound - (e.inbound ? 1 : 0);
      boolean replacementWaits =
          b.usableReplacement(inboundAfter, config.maxInboundPerBucket()) >= 0;
      if (kind == Failure.INVALID_REPLY || e.seen <= 0.5 || replacementWaits) {
        removeLive(b, i);
        holdIfSilent(e);
        return promote(b) ? FailureResult.REPLACED : FailureResult.REMOVED;
      }
      return FailureResult.KEPT;
    }
    int j = b.indexOfReplacement(id);
    if (j >= 0) {
      holdIfSilent(b.replacements.get(j));
      removeReplacement(b, j);
      return FailureResult.REMOVED;
    }
    return FailureResult.UNKNOWN;
  }

  /**
   * Removes {@code id} (for instance a peer that switched to client mode); a live entry's place
   * goes to the freshest usable replacement.
   *
   * @return false if the id is unknown or a bootstrap entry (those are never removed)
   */
  public boolean remove(NodeId id) {
    if (id.equals(local)) {
      return false;
    }
    Bucket<R> b = bucketFor(id);
    int i = b.indexOfLive(id);
    if (i >= 0) {
      if (b.live.get(i).bootstrap) {
        return false;
      }
      removeLive(b, i);
      promote(b);
      return true;
    }
    int j = b.indexOfReplacement(id);
    if (j >= 0) {
      removeReplacement(b, j);
      return true;
    }
    return false;
  }

  /** The up to {@code n} live records closest to {@code target}, closest first. */
  public List<R> closest(NodeId target, int n) {
    return closest(target, n, Double.NEGATIVE_INFINITY);
  }

  /**
   * The up to {@code n} live records closest to {@code target} whose seen score is at least {@code
   * minSeen}, closest first (1.0 selects the entries Codex offers to FINDNODE_FAST).
   */
  public List<R> closest(NodeId target, int n, double minSeen) {
    return TableQueries.closest(this, target, n, minSeen);
  }

  /**
   * Up to {@code limit} live records at the requested log distances with seen score at least {@code
   * minSeen}, for answering FINDNODE (Codex passes 1.0).
   *
   * <p>Distances outside 1..256 and repeated distances are ignored (distance 0, the node's own
   * record, is the node's business). Slots are dealt round-robin over the requested distances in
   * request order, most recently seen first within a bucket, so every requested distance that has
   * qualifying entries is represented as long as {@code limit} is at least the number of such
   * distances. The result is grouped by distance in request order.
   */
  public List<R> atDistances(int[] distances, int limit, double minSeen) {
    return TableQueries.atDistances(this, distances, limit, minSeen);
  }

  /**
   * The least recently seen live entry of a uniformly chosen non-empty bucket (the entry to ping
   * next), or empty if the table is empty.
   */
  public Optional<R> revalidationCandidate() {
    return TableQueries.revalidationCandidate(this, random);
  }

  /**
   * Up to {@code n} live records chosen uniformly at random without repetition among those that
   * satisfy {@code filter} (for instance "advertises service X").
   */
  public List<R> randomSample(int n, Predicate<? super R> filter) {
    return TableQueries.randomSample(this, n, filter, random);
  }

  /**
   * A snapshot of every live entry, by increasing distance, most recently seen first per bucket.
   */
  public List<TableEntry<R>> entries() {
    List<TableEntry<R>> out = new ArrayList<>(size);
    for (int d = 1; d <= BUCKETS; d++) {
      for (Entry<R> e : bucket(d).live) {
        out.add(e.snapshot());
      }
    }
    return out;
  }

  /** The number of live entries. */
  public int size() {
    return size;
  }

  /** The number of entries waiting in replacement caches. */
  public int replacementsSize() {
    return replacementsSize;
  }

  /** The subnet slots held for dropped entries that never answered (see the class rules). */
  public int heldSubnetSlots() {
    return holds.size();
  }

  /** The number of live entries at log distance {@code distance} (1..256). */
  public int bucketSize(int distance) {
    return bucket(checkDistance(distance)).live.size();
  }

  /** The number of replacement-cache entries at log distance {@code distance} (1..256). */
  public int replacementCount(int distance) {
    return bucket(checkDistance(distance)).replacements.size();
  }

  /** The local node's id. */
  public NodeId localId() {
    return local;
  }

  /** The configuration. */
  public TableConfig config() {
    return config;
  }

  // ---- package-private views for TableQueries and the invariant tests ----

  /** The bucket at log distance {@code distance} (1..256), or an empty stand-in: read only. */
  Bucket<R> bucket(int distance) {
    Bucket<R> b = buckets.get(distance - 1);
    return b == null ? empty : b;
  }

  SubnetCounter tableSubnets() {
    return tableSubnets;
  }

  SubnetHolds holds() {
    return holds;
  }

  long subnetKeyOf(InetAddress ip) {
    return subnetKeys.keyOf(ip);
  }

  RecordView<R> view() {
    return view;
  }

  // ---- mutation helpers ----

  private AddResult insert(R record, boolean inbound, boolean bootstrap) {
    NodeId id = view.nodeId(record);
    if (id.equals(local)) {
      return AddResult.SELF;
    }
    InetAddress ip = view.ip(record);
    if (ip == null) {
      return AddResult.NO_ENDPOINT;
    }
    long key = subnetKeys.keyOf(ip);
    Bucket<R> b = bucketForInsert(id);
    int i = b.indexOfLive(id);
    if (i >= 0) {
      Entry<R> e = b.live.get(i);
      if (bootstrap && !e.bootstrap) {
        e.bootstrap = true;
        if (e.inbound) { // operator-trusted now: no longer counts against the inbound share
          e.inbound = false;
          b.inbound--;
        }
      }
      return updateRecord(b, e, record, key, AddResult.UPDATED);
    }
    int j = b.indexOfReplacement(id);
    if (j >= 0) {
      if (!bootstrap) {
        AddResult r = updateRecord(b, b.replacements.get(j), record, key, AddResult.CACHED);
        if (r == AddResult.CACHED) {
          b.replacements.add(b.replacements.remove(j)); // now the freshest
        }
        return r;
      }
      R cached = b.replacements.get(j).record;
      if (view.compareFreshness(cached, record) > 0) {
        record = cached;
        key = subnetKeys.keyOf(view.ip(cached));
      }
      removeReplacement(b, j);
    }
    if (!bootstrap && !subnetAllows(b, key)) {
      return AddResult.IP_LIMIT;
    }
    if (b.live.size() >= config.bucketSize()) {
      if (bootstrap) {
        if (!evictForBootstrap(b)) {
          return AddResult.BUCKET_FULL;
        }
      } else {
        return cache(b, new Entry<>(id, record, key, inbound, false));
      }
    }
    if (inbound && b.inbound >= config.maxInboundPerBucket()) {
      return AddResult.INBOUND_LIMIT;
    }
    Entry<R> e = new Entry<>(id, record, key, inbound, bootstrap);
    b.live.add(e);
    count(b, key, true);
    b.inbound += inbound ? 1 : 0;
    size++;
    listener.added(record);
    return AddResult.ADDED;
  }

  /** Replaces {@code e}'s record if {@code record} supersedes it and its subnet fits. */
  private AddResult updateRecord(Bucket<R> b, Entry<R> e, R record, long key, AddResult onUpdate) {
    int cmp = view.compareFreshness(record, e.record);
    if (cmp < 0) {
      return AddResult.STALE_SEQ;
    }
    if (cmp == 0) {
      return onUpdate == AddResult.CACHED ? AddResult.CACHED : AddResult.EXISTS;
    }
    if (key != e.subnetKey) {
      if (!e.bootstrap && !subnetAllows(b, key)) {
        return AddResult.IP_LIMIT;
      }
      count(b, e.subnetKey, false);
      count(b, key, true);
      e.subnetKey = key;
      // Answers came from the old address: at the new one the entry has yet to answer, so it is
      // not relayed until it does, and if it fails there it holds the new subnet's slot.
      e.seen = 0;
      e.lastSeenMillis = Long.MIN_VALUE;
    }
    R previous = e.record;
    e.record = record;
    if (onUpdate == AddResult.UPDATED) {
      listener.updated(previous, record);
    }
    return onUpdate;
  }

  private AddResult cache(Bucket<R> b, Entry<R> e) {
    if (config.replacementCacheSize() == 0) {
      return AddResult.BUCKET_FULL;
    }
    if (b.replacements.size() >= config.replacementCacheSize()) {
      removeReplacement(b, 0); // the oldest
    }
    b.replacements.add(e);
    count(b, e.subnetKey, true);
    replacementsSize++;
    return AddResult.CACHED;
  }

  /** Drops the least recently seen non-bootstrap live entry; false if all are bootstrap. */
  private boolean evictForBootstrap(Bucket<R> b) {
    for (int i = b.live.size() - 1; i >= 0; i--) {
      if (!b.live.get(i).bootstrap) {
        removeLive(b, i);
        return true;
      }
    }
    return false;
  }

  /** Moves the freshest usable replacement into the bucket's least-recently-seen slot. */
  private boolean promote(Bucket<R> b) {
    if (b.live.size() >= config.bucketSize()) {
      return false;
    }
    int j = b.usableReplacement(b.inbound, config.maxInboundPerBucket());
    if (j < 0) {
      return false;
    }
    Entry<R> e = b.replacements.remove(j);
    replacementsSize--;
    b.live.add(e); // subnet counts already include it
    b.inbound += e.inbound ? 1 : 0;
    size++;
    listener.added(e.record);
    return true;
  }

  private void removeLive(Bucket<R> b, int index) {
    Entry<R> e = b.live.remove(index);
    count(b, e.subnetKey, false);
    b.inbound -= e.inbound ? 1 : 0;
    size--;
    listener.removed(e.record);
  }

  private void removeReplacement(Bucket<R> b, int index) {
    Entry<R> e = b.replacements.remove(index);
    count(b, e.subnetKey, false);
    replacementsSize--;
  }

  private boolean subnetAllows(Bucket<R> b, long key) {
    return key == SubnetKeys.NONE
        || (b.subnets.count(key) < config.bucketIpLimit()
            && tableSubnets.count(key) + holds.count(key) < config.tableIpLimit());
  }

  private void advance(long nowMillis) {
    if (nowMillis > this.nowMillis) {
      this.nowMillis = nowMillis;
      holds.expire(nowMillis);
    }
  }

  /** Holds the subnet slot of a dropped entry that never answered. */
  private void holdIfSilent(Entry<R> e) {
    if (!e.bootstrap && e.lastSeenMillis == Long.MIN_VALUE) {
      holds.hold(e.subnetKey, nowMillis);
    }
  }

  private void count(Bucket<R> b, long key, boolean up) {
    if (up) {
      b.subnets.increment(key);
      tableSubnets.increment(key);
    } else {
      b.subnets.decrement(key);
      tableSubnets.decrement(key);
    }
  }

  private Entry<R> liveEntry(NodeId id) {
    if (id.equals(local)) {
      return null;
    }
    Bucket<R> b = bucketFor(id);
    int i = b.indexOfLive(id);
    return i < 0 ? null : b.live.get(i);
  }

  /** The bucket {@code id} belongs to, for reads and for changing entries already stored. */
  private Bucket<R> bucketFor(NodeId id) {
    return bucket(local.logDistance(id));
  }

  /** The bucket {@code id} belongs to, created if absent, for storing a new entry. */
  private Bucket<R> bucketForInsert(NodeId id) {
    int index = local.logDistance(id) - 1;
    Bucket<R> b = buckets.get(index);
    if (b == null) {
      b = new Bucket<>();
      buckets.set(index, b);
    }
    return b;
  }

  private static int checkDistance(int distance) {
    if (distance < 1 || distance > BUCKETS) {
      throw new IllegalArgumentException("bucket distance must be in 1..256: " + distance);
    }
    return distance;
  }
}
