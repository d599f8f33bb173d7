package io.codex.dht.discv5.providers;

import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PeerId;
import io.codex.dht.spr.SignedPeerRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A {@link ProviderStore} in memory, for one node's thread; every operation is O(1) amortised
 * except {@link #get}, which is O(providers of the key).
 *
 * <p>Implementation notes:
 *
 * <ul>
 *   <li>Entries of a key are kept in the order first stored, so {@code get} returns the
 *       longest-standing providers first and a refresh does not reorder them.
 *   <li>Each (key, provider) entry holds its own record and counts its own bytes, even when the
 *       same record is stored under several keys: the count matches the memory actually held, since
 *       each ADD_PROVIDER decodes its own copy. Codex instead keeps one envelope per peer, so a
 *       newer record replaces it for every key at once; here it replaces it for the key it was
 *       added under, and the provider's periodic re-announcements (every 30 min in Codex) update
 *       the others.
 *   <li>{@link #add} first sweeps expired entries, so the per-key and total caps count unexpired
 *       entries only, and an expired provider never blocks a newcomer.
 *   <li>An existing provider is always refreshable, even when the store is full; a newer record
 *       that would break the byte cap leaves the stored one in place ({@link
 *       AddOutcome#REFRESHED}).
 *   <li>No locks: the counters are atomics (written only by the owner thread) and the sizes are
 *       volatile, so a metrics thread can read them; everything else belongs to the owner thread.
 * </ul>
 */
public final class InMemoryProviderStore implements ProviderStore {
  private static final int INITIAL_KEY_CAPACITY = 4;

  private final ProviderStoreConfig config;
  private final long ttlMillis;
  private final SenderRateLimiter<NodeId> limiter; // null when the rate limit is off
  private final Map<NodeId, Map<NodeId, StoredProvider>> byKey = new HashMap<>();
  private final ExpiryQueue queue = new ExpiryQueue();
  private final AtomicLongArray outcomes = new AtomicLongArray(AddOutcome.values().length);
  private final AtomicLong expired = new AtomicLong();
  private volatile int records;
  private volatile long bytes;
  private volatile int keys;
  private boolean timeSeen;
  private long latestNow;

  /** An empty store with the given limits. */
  public InMemoryProviderStore(ProviderStoreConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.ttlMillis = config.ttl().toMillis();
    this.limiter =
        Double.isInfinite(config.addsPerSecond())
            ? null
            : new SenderRateLimiter<>(
                config.addsPerSecond(), config.addBurst(), config.maxTrackedSenders());
  }

  /** An empty store with {@link ProviderStoreConfig#defaults()}. */
  public InMemoryProviderStore() {
    this(ProviderStoreConfig.defaults());
  }

  @Override
  public AddOutcome add(NodeId key, SignedPeerRecord provider, NodeId sender, long nowMillis) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(sender, "sender");
    long now = advance(nowMillis);
    expire(now);
    if (limiter != null && !limiter.tryAcquire(sender, now)) {
      return counted(AddOutcome.RATE_LIMITED);
    }
    Map<NodeId, StoredProvider> providers = byKey.get(key);
    StoredProvider existing = providers == null ? null : providers.get(provider.nodeId());
    if (existing != null) {
      return counted(refresh(existing, provider, now));
    }
    if (providers != null && providers.size() >= config.maxProvidersPerKey()) {
      return counted(AddOutcome.KEY_FULL);
    }
    if (records >= config.maxRecords() || bytes + provider.size() > config.maxBytes()) {
      return counted(AddOutcome.STORE_FULL);
    }
    if (providers == null) {
      providers = new LinkedHashMap<>(INITIAL_KEY_CAPACITY);
      byKey.put(key, providers);
      keys++;
    }
    StoredProvider entry = new StoredProvider(key, provider, now + ttlMillis);
    providers.put(provider.nodeId(), entry);
    queue.addLast(entry);
    records++;
    bytes += provider.size();
    return counted(AddOutcome.STORED);
  }

  @Override
  public List<SignedPeerRecord> get(NodeId key, int max, long nowMillis) {
    Objects.requireNonNull(key, "key");
    if (max < 0) {
      throw new IllegalArgumentException("max must not be negative: " + max);
    }
    long now = advance(nowMillis);
    Map<NodeId, StoredProvider> providers = byKey.get(key);
    if (providers == null || max == 0) {
      return List.of();
    }
    List<SignedPeerRecord> out = new ArrayList<>(Math.min(max, providers.size()));
    for (StoredProvider e : providers.values()) {
      if (!e.expiredAt(now)) {
        out.add(e.record);
        if (out.size() == max) {
          break;
        }
      }
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public boolean remove(NodeId key, PeerId provider) {
    Map<NodeId, StoredProvider> providers = byKey.get(key);
    StoredProvider e = providers == null ? null : providers.get(provider.nodeId());
    if (e == null) {
      return false;
    }
    unlink(e, providers);
    return true;
  }

  @Override
  public int expire(long nowMillis) {
    long now = advance(nowMillis);
    int removed = 0;
    for (StoredProvider e = queue.first(); e != null && e.expiredAt(now); e = queue.first()) {
      unlink(e, byKey.get(e.key));
      removed++;
    }
    if (removed > 0) {
      expired.addAndGet(removed);
    }
    return removed;
  }

  @Override
  public int size() {
    return records;
  }

  @Override
  public long bytes() {
    return bytes;
  }

  @Override
  public int keyCount() {
    return keys;
  }

  @Override
  public long addCount(AddOutcome outcome) {
    return outcomes.get(outcome.ordinal());
  }

  @Override
  public long expiredCount() {
    return expired.get();
  }

  /** The number of senders whose rate state is kept (for tests). */
  int trackedSenders() {
    return limiter == null ? 0 : limiter.trackedSenders();
  }

  private AddOutcome refresh(StoredProvider e, SignedPeerRecord offered, long now) {
    if (e.record.isNewerThan(offered)) {
      return AddOutcome.STALE;
    }
    e.expiresAt = now + ttlMillis;
    queue.moveToLast(e);
    if (!offered.isNewerThan(e.record)) {
      return AddOutcome.REFRESHED;
    }
    long delta = (long) offered.size() - e.record.size();
    if (bytes + delta > config.maxBytes()) {
      return AddOutcome.REFRESHED;
    }
    e.record = offered;
    bytes += delta;
    return AddOutcome.UPDATED;
  }

  private void unlink(StoredProvider e, Map<NodeId, StoredProvider> providers) {
    queue.remove(e);
    providers.remove(e.record.nodeId());
    if (providers.isEmpty()) {
      byKey.remove(e.key);
      keys--;
    }
    records--;
    bytes -= e.record.size();
  }

  /** Clamps {@code nowMillis} so time never goes backwards inside the store. */
  private long advance(long nowMillis) {
    if (!timeSeen || nowMillis - latestNow > 0) {
      latestNow = nowMillis;
      timeSeen = true;
    }
    return latestNow;
  }

  private AddOutcome counted(AddOutcome outcome) {
    outcomes.incrementAndGet(outcome.ordinal());
    return outcome;
  }
}
