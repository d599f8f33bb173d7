package io.codex.dht.discv5.store;

import io.codex.dht.discv5.providers.AddOutcome;
import io.codex.dht.discv5.providers.InMemoryProviderStore;
import io.codex.dht.discv5.store.PersistentProviderStore.Held;
import io.codex.dht.discv5.store.PersistentProviderStore.Slot;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.SignedPeerRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.h2.mvstore.MVMap;

/**
 * The disk layout of {@link PersistentProviderStore} and its loading.
 *
 * <p>Layout, in one map so that a background commit, which persists a prefix of one map's writes,
 * never has an entry without the clock record written before it:
 *
 * <ul>
 *   <li>{@code key (32) || provider node id (32) -> expiry (8) || record bytes}, the expiry on the
 *       persistent clock;
 *   <li>{@code 00 -> persistent clock (8) || wall clock millis (8)}, rewritten with every change.
 * </ul>
 *
 * <p>Implementation notes: {@link InMemoryProviderStore} has no way to insert an entry with a given
 * expiry, so loading replays adds: an entry with {@code remaining} left is added at {@code now +
 * remaining - ttl}, in increasing order of {@code remaining} (the index never lets time go back),
 * each from its own made-up sender so the per-sender rate limit does not refuse a provider with
 * many keys. The made-up senders are node ids 0, 1, 2, ..., which no real node has (that would take
 * a public key whose keccak starts with 24 zero bytes); they sit in the rate limiter's bounded LRU
 * until real senders push them out. A restore method on the index would remove this workaround.
 * Entries over a lowered cap are dropped, those nearest expiry kept. After a restart, entries of a
 * key come back in order of expiry rather than of first store. Signature checks dominate loading
 * (milliseconds each), so each distinct record encoding is verified once, in parallel on the common
 * fork-join pool; this runs once, before the node does, and the decoded record is then shared by
 * all the entries holding it.
 */
final class ProviderEntries {
  static final byte[] STAMP_KEY = {0};

  private static final int SLOT_BYTES = 2 * NodeId.BYTES;
  private static final int EXPIRY_BYTES = 8;
  private static final int STAMP_BYTES = 16;

  /** The result: the persistent clock at open, the report, entries whose expiry was clamped. */
  record Loaded(long clockAtOpen, LoadReport report, Set<Slot> rewrite) {}

  private record Stored(Slot slot, SignedPeerRecord record, long expiry) {}

  private record Live(Slot slot, SignedPeerRecord record, long remaining, boolean clamped) {}

  private ProviderEntries() {}

  static byte[] slotBytes(Slot slot) {
    byte[] out = new byte[SLOT_BYTES];
    slot.key().writeTo(out, 0);
    slot.provider().writeTo(out, NodeId.BYTES);
    return out;
  }

  static byte[] value(long expiry, SignedPeerRecord record) {
    byte[] encoded = record.encoded();
    return ByteBuffer.allocate(EXPIRY_BYTES + encoded.length).putLong(expiry).put(encoded).array();
  }

  static byte[] stamp(long clock, long wallMillis) {
    return ByteBuffer.allocate(STAMP_BYTES).putLong(clock).putLong(wallMillis).array();
  }

  /**
   * Loads every valid, unexpired entry of {@code map} into {@code index} and {@code held} (in order
   * of expiry); deletes expired and over-limit entries from disk, leaves corrupt ones.
   */
  static Loaded load(
      MVMap<byte[], byte[]> map,
      Disk disk,
      InMemoryProviderStore index,
      LinkedHashMap<Slot, Held> held,
      long ttl,
      long now,
      long wallNow) {
    Map<ByteBuffer, SignedPeerRecord> records = decodeDistinctRecords(map);
    List<Stored> stored = new ArrayList<>();
    int corrupt = 0;
    for (Map.Entry<byte[], byte[]> e : map.entrySet()) {
      if (Arrays.equals(e.getKey(), STAMP_KEY)) {
        continue;
      }
      Stored s = decode(e.getKey(), e.getValue(), records);
      if (s == null) {
        corrupt++;
      } else {
        stored.add(s);
      }
    }
    byte[] stamp = map.get(STAMP_KEY);
    long savedClock;
    long downtime;
    if (stamp != null && stamp.length == STAMP_BYTES) {
      ByteBuffer b = ByteBuffer.wrap(stamp);
      savedClock = b.getLong();
      downtime = downtime(b.getLong(), wallNow, ttl);
    } else {
      // No clock record (a new store) or a damaged one: take the entry that expires last as
      // stored just now, so none gets more than the TTL, and count no downtime.
      if (stamp != null) {
        corrupt++;
      }
      savedClock = latestExpiry(stored) - ttl;
      downtime = 0;
    }
    List<Live> live = new ArrayList<>(stored.size());
    int expired = 0;
    for (Stored s : stored) {
      long left = s.expiry - savedClock;
      boolean clamped = left > ttl;
      long remaining = (clamped ? ttl : left) - downtime;
      if (remaining <= 0) {
        expired++;
        disk.remove(map, slotBytes(s.slot));
      } else {
        live.add(new Live(s.slot, s.record, remaining, clamped));
      }
    }
    live.sort(Comparator.comparingLong(Live::remaining));
    Set<Slot> rewrite = new HashSet<>();
    int overLimit = 0;
    long sender = 0;
    for (Live l : live) {
      AddOutcome o =
          index.add(l.slot.key(), l.record, madeUpSender(sender++), now + l.remaining - ttl);
      if (o == AddOutcome.STORED) {
        held.put(l.slot, new Held(now + l.remaining, l.record));
        if (l.clamped) {
          rewrite.add(l.slot);
        }
      } else {
        overLimit++;
        disk.remove(map, slotBytes(l.slot));
      }
    }
    LoadReport report =
        new LoadReport(LoadReport.Part.PROVIDERS, held.size(), corrupt, expired, overLimit);
    return new Loaded(savedClock + downtime, report, rewrite);
  }

  /** Wall-clock time from the record to now, 0 if the clock went back, at most {@code ttl}. */
  private static long downtime(long savedWall, long wallNow, long ttl) {
    if (wallNow <= savedWall) {
      return 0;
    }
    long d = wallNow - savedWall;
    return d < 0 || d > ttl ? ttl : d; // d < 0: overflow from a damaged record
  }

  private static long latestExpiry(List<Stored> stored) {
    if (stored.isEmpty()) {
      return 0;
    }
    long latest = stored.get(0).expiry;
    for (Stored s : stored) {
      if (s.expiry - latest > 0) {
        latest = s.expiry;
      }
    }
    return latest;
  }

  private static NodeId madeUpSender(long n) {
    return NodeId.fromBytes(ByteBuffer.allocate(NodeId.BYTES).putLong(NodeId.BYTES - 8, n).array());
  }

  /**
   * Decodes and verifies each distinct record of the map once, in parallel: verification is the
   * cost of loading, and a provider's one record is usually stored under many keys.
   */
  private static Map<ByteBuffer, SignedPeerRecord> decodeDistinctRecords(
      MVMap<byte[], byte[]> map) {
    Set<ByteBuffer> distinct = new HashSet<>();
    for (Map.Entry<byte[], byte[]> e : map.entrySet()) {
      ByteBuffer record = recordBytes(e.getKey(), e.getValue());
      if (record != null) {
        distinct.add(record);
      }
    }
    List<ByteBuffer> inputs = new ArrayList<>(distinct);
    SignedPeerRecord[] outputs = new SignedPeerRecord[inputs.size()];
    IntStream.range(0, inputs.size()).parallel().forEach(i -> outputs[i] = decode(inputs.get(i)));
    Map<ByteBuffer, SignedPeerRecord> out = new HashMap<>();
    for (int i = 0; i < outputs.length; i++) {
      if (outputs[i] != null) {
        out.put(inputs.get(i), outputs[i]);
      }
    }
    return out;
  }

  /** The record part of an entry, or null if the entry cannot hold one. */
  private static ByteBuffer recordBytes(byte[] key, byte[] value) {
    if (key.length != SLOT_BYTES || value.length <= EXPIRY_BYTES) {
      return null;
    }
    return ByteBuffer.wrap(value, EXPIRY_BYTES, value.length - EXPIRY_BYTES);
  }

  private static SignedPeerRecord decode(ByteBuffer record) {
    byte[] bytes = new byte[record.remaining()];
    record.duplicate().get(bytes);
    try {
      return SignedPeerRecord.decode(bytes);
    } catch (DecodeException e) {
      return null;
    }
  }

  private static Stored decode(
      byte[] key, byte[] value, Map<ByteBuffer, SignedPeerRecord> records) {
    ByteBuffer bytes = recordBytes(key, value);
    SignedPeerRecord record = bytes == null ? null : records.get(bytes);
    if (record == null) {
      return null;
    }
    NodeId provider = NodeId.fromBytes(key, NodeId.BYTES);
    if (!record.nodeId().equals(provider)) {
      return null;
    }
    long expiry = ByteBuffer.wrap(value).getLong();
    return new Stored(new Slot(NodeId.fromBytes(key, 0), provider), record, expiry);
  }
}
