package io.codex.dht.discv5.records;

import io.codex.dht.spr.PeerId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The records a node keeps for others, bounded per key (after consolidation), per publisher and in
 * total (records and bytes), each until its expiration or the validators' longest lifetime,
 * whichever is first, on the monotonic clock. Owned by the node's thread; the sizes may be read
 * from any thread.
 *
 * <p>Implementation notes: the expiry queue holds every entry stored, removal is lazy (a replaced
 * entry is marked dead and skipped), and the queue is rebuilt when dead entries outnumber the live
 * ones, so it never holds more than twice the record cap.
 */
public final class ValueStore {
  /** Hears about records stored and dropped (a persistent copy). */
  public interface Listener {
    /** {@code record} is now held. */
    void stored(ValueRecord record);

    /** {@code record} is no longer held. */
    void removed(ValueRecord record);
  }

  private static final Listener NONE =
      new Listener() {
        @Override
        public void stored(ValueRecord record) {}

        @Override
        public void removed(ValueRecord record) {}
      };

  private final RecordStoreConfig config;
  private final Validators validators;
  private final Map<String, List<Entry>> byKey = new HashMap<>();
  private final Map<PeerId, Integer> perPublisher = new HashMap<>();
  private final PriorityQueue<Entry> expiry =
      new PriorityQueue<>((a, b) -> Long.compare(a.deadline - b.deadline, 0));
  private Listener listener = NONE;
  private volatile int count;
  private volatile long bytes;

  /** An empty store. */
  public ValueStore(RecordStoreConfig config, Validators validators) {
    this.config = config;
    this.validators = validators;
  }

  /** Sets the listener (one; a persistent copy). */
  public void listener(Listener value) {
    this.listener = value == null ? NONE : value;
  }

  /**
   * Keeps {@code record}, already checked by {@link Validators#check}, under {@code key}, merged
   * with the records held by the namespace's consolidation.
   *
   * @param nowMillis the monotonic clock
   * @param nowUnixMillis the wall clock, to turn the expiration into a lifetime
   */
  public PutOutcome put(RecordKey key, ValueRecord record, long nowMillis, long nowUnixMillis) {
    sweep(nowMillis);
    Validator v =
        validators
            .of(key.namespace())
            .orElseThrow(() -> new IllegalArgumentException("no validator for " + key));
    List<Entry> held = byKey.getOrDefault(key.text(), List.of());
    List<ValueRecord> all = new ArrayList<>(held.size() + 1);
    for (Entry e : held) {
      if (e.record.equals(record)) {
        return PutOutcome.UNCHANGED;
      }
      all.add(e.record);
    }
    all.add(record);
    List<ValueRecord> kept = v.consolidate(key, all);
    if (!kept.contains(record)) {
      return PutOutcome.STALE;
    }
    if (kept.size() > config.maxPerKey()) {
      return PutOutcome.KEY_FULL;
    }
    List<Entry> dropped = new ArrayList<>();
    for (Entry e : held) {
      if (!kept.contains(e.record)) {
        dropped.add(e);
      }
    }
    int publisherCount = perPublisher.getOrDefault(record.publisher(), 0);
    long freedBytes = 0;
    for (Entry e : dropped) {
      freedBytes += e.record.size();
      if (e.record.publisher().equals(record.publisher())) {
        publisherCount--;
      }
    }
    if (publisherCount + 1 > config.maxPerPublisher()) {
      return PutOutcome.PUBLISHER_FULL;
    }
    if (count - dropped.size() + 1 > config.maxRecords()
        || bytes - freedBytes + record.size() > config.maxBytes()) {
      return PutOutcome.STORE_FULL;
    }
    dropped.forEach(this::unlink);
    long life = Math.min(record.expiresAtMillis() - nowUnixMillis, validators.maxTtl().toMillis());
    Entry entry = new Entry(key.text(), record, nowMillis + Math.max(0, life));
    byKey.computeIfAbsent(key.text(), k -> new ArrayList<>(2)).add(entry);
    perPublisher.merge(record.publisher(), 1, Integer::sum);
    count++;
    bytes += record.size();
    expiry.add(entry);
    listener.stored(record);
    return PutOutcome.STORED;
  }

  /** The unexpired records of {@code key} (consolidated when stored). */
  public List<ValueRecord> get(RecordKey key, long nowMillis) {
    sweep(nowMillis);
    List<Entry> held = byKey.get(key.text());
    if (held == null) {
      return List.of();
    }
    List<ValueRecord> out = new ArrayList<>(held.size());
    held.forEach(e -> out.add(e.record));
    return out;
  }

  /** Drops expired records. */
  public void sweep(long nowMillis) {
    while (!expiry.isEmpty()) {
      Entry first = expiry.peek();
      if (first.live && first.deadline - nowMillis > 0) {
        return;
      }
      expiry.poll();
      if (first.live) {
        unlink(first);
      }
    }
  }

  /** Records held. */
  public int size() {
    return count;
  }

  /** Encoded bytes held. */
  public long bytes() {
    return bytes;
  }

  /** Keys held. */
  int keys() {
    return byKey.size();
  }

  private void unlink(Entry e) {
    e.live = false;
    List<Entry> list = byKey.get(e.key);
    list.remove(e);
    if (list.isEmpty()) {
      byKey.remove(e.key);
    }
    perPublisher.computeIfPresent(e.record.publisher(), (p, n) -> n == 1 ? null : n - 1);
    count--;
    bytes -= e.record.size();
    listener.removed(e.record);
    if (expiry.size() > 2 * Math.max(count, 16)) {
      expiry.removeIf(x -> !x.live);
    }
  }

  private static final class Entry {
    final String key;
    final ValueRecord record;
    final long deadline;
    boolean live = true;

    Entry(String key, ValueRecord record, long deadline) {
      this.key = key;
      this.record = record;
      this.deadline = deadline;
    }
  }
}
