package io.codex.dht.discv5.records;

import static io.codex.dht.discv5.records.ValidatorsTest.HOUR;
import static io.codex.dht.discv5.records.ValidatorsTest.NOW;
import static io.codex.dht.discv5.records.ValidatorsTest.b;
import static io.codex.dht.discv5.records.ValidatorsTest.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.PeerId;
import io.codex.dht.spr.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The store's bounds: per key, per publisher, totals, staleness and monotonic expiry. */
class ValueStoreTest {
  private final Random random = new Random(7);
  private final PrivateKey alice = PrivateKey.generate(random);

  /** A namespace that keeps the newest record of every publisher (to fill a key). */
  static final Validator MULTI =
      new Validator() {
        @Override
        public Optional<Rejection> validate(RecordKey key, ValueRecord record) {
          return Optional.empty();
        }

        @Override
        public List<ValueRecord> consolidate(RecordKey key, List<ValueRecord> records) {
          Map<PeerId, ValueRecord> newest = new LinkedHashMap<>();
          for (ValueRecord r : records) {
            newest.merge(
                r.publisher(), r, (a, c) -> Validator.NEWEST_LAST.compare(a, c) >= 0 ? a : c);
          }
          return new ArrayList<>(newest.values());
        }
      };

  private static Validators validators() {
    return Validators.builder().builtIns().register("multi", MULTI).build();
  }

  private static RecordKey key(String text) throws InvalidRecordException {
    return RecordKey.parse(text);
  }

  @Test
  void newerReplacesOlderAndOlderIsStale() throws Exception {
    ValueStore s = new ValueStore(RecordStoreConfig.defaults(), validators());
    RecordKey k = key("/signed/" + id(alice) + "/x");
    ValueRecord v1 = ValueRecord.sign(alice, k.text(), 1, NOW + HOUR, b(1));
    ValueRecord v2 = ValueRecord.sign(alice, k.text(), 2, NOW + HOUR, b(2));
    assertEquals(PutOutcome.STORED, s.put(k, v1, 0, NOW));
    assertEquals(PutOutcome.UNCHANGED, s.put(k, v1, 1, NOW));
    assertEquals(PutOutcome.STORED, s.put(k, v2, 2, NOW));
    assertEquals(PutOutcome.STALE, s.put(k, v1, 3, NOW));
    assertEquals(List.of(v2), s.get(k, 4));
    assertEquals(1, s.size());
    assertEquals(v2.size(), s.bytes());
  }

  @Test
  void aFullKeyRefusesNewPublishersAndKeepsRefreshingItsOwn() throws Exception {
    ValueStore s = new ValueStore(RecordStoreConfig.defaults(), validators());
    RecordKey k = key("/multi/shared");
    List<PrivateKey> keys = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      keys.add(PrivateKey.generate(random));
    }
    for (int i = 0; i < 4; i++) {
      assertEquals(
          PutOutcome.STORED,
          s.put(k, ValueRecord.sign(keys.get(i), k.text(), 1, NOW + HOUR, b(i)), 0, NOW));
    }
    assertEquals(
        PutOutcome.KEY_FULL,
        s.put(k, ValueRecord.sign(keys.get(4), k.text(), 1, NOW + HOUR, b(4)), 0, NOW));
    assertEquals(
        PutOutcome.STORED,
        s.put(k, ValueRecord.sign(keys.get(0), k.text(), 2, NOW + HOUR, b(9)), 0, NOW));
    assertEquals(4, s.get(k, 0).size());
  }

  @Test
  void publisherAndTotalCapsHold() throws Exception {
    RecordStoreConfig config =
        RecordStoreConfig.defaults().withMaxPerPublisher(3).withCapacity(5, 1L << 20);
    ValueStore s = new ValueStore(config, validators());
    for (int i = 0; i < 3; i++) {
      RecordKey k = key("/signed/" + id(alice) + "/n" + i);
      assertEquals(
          PutOutcome.STORED,
          s.put(k, ValueRecord.sign(alice, k.text(), 1, NOW + HOUR, b(i)), 0, NOW));
    }
    RecordKey fourth = key("/signed/" + id(alice) + "/n3");
    assertEquals(
        PutOutcome.PUBLISHER_FULL,
        s.put(fourth, ValueRecord.sign(alice, fourth.text(), 1, NOW + HOUR, b(3)), 0, NOW));
    // A newer record of a held key replaces it: the publisher's count does not grow.
    RecordKey first = key("/signed/" + id(alice) + "/n0");
    assertEquals(
        PutOutcome.STORED,
        s.put(first, ValueRecord.sign(alice, first.text(), 2, NOW + HOUR, b(0)), 0, NOW));
    int stored = s.size();
    for (int i = 0; i < 5; i++) {
      PrivateKey other = PrivateKey.generate(random);
      RecordKey k = key("/signed/" + id(other) + "/n");
      s.put(k, ValueRecord.sign(other, k.text(), 1, NOW + HOUR, b(i)), 0, NOW);
    }
    assertEquals(5, s.size(), "total cap (from " + stored + ")");
    RecordKey last = key("/signed/" + id(alice) + "/n1");
    assertEquals(
        PutOutcome.STORED,
        s.put(last, ValueRecord.sign(alice, last.text(), 5, NOW + HOUR, b(1)), 0, NOW),
        "a replacement fits a full store");

    ValueStore small =
        new ValueStore(
            RecordStoreConfig.defaults().withCapacity(100, 2 * ValueRecord.MAX_SIZE), validators());
    int held = 0;
    for (int i = 0; i < 10; i++) {
      PrivateKey other = PrivateKey.generate(random);
      RecordKey k = key("/signed/" + id(other) + "/n");
      if (small.put(k, ValueRecord.sign(other, k.text(), 1, NOW + HOUR, new byte[600]), 0, NOW)
          == PutOutcome.STORED) {
        held++;
      }
    }
    assertTrue(small.bytes() <= 2 * ValueRecord.MAX_SIZE, "bytes " + small.bytes());
    assertEquals(2, held);
  }

  @Test
  void recordsExpireOnTheMonotonicClock() throws Exception {
    Validators v = Validators.builder().builtIns().maxTtl(Duration.ofMinutes(30)).build();
    ValueStore s = new ValueStore(RecordStoreConfig.defaults(), v);
    RecordKey k1 = key("/signed/" + id(alice) + "/a");
    RecordKey k2 = key("/signed/" + id(alice) + "/b");
    long mono = 5_000;
    // One expires in 10 minutes; the other asks for an hour but is kept the 30-minute maximum.
    s.put(k1, ValueRecord.sign(alice, k1.text(), 1, NOW + 600_000, b(1)), mono, NOW);
    s.put(k2, ValueRecord.sign(alice, k2.text(), 1, NOW + HOUR, b(2)), mono, NOW);
    assertEquals(1, s.get(k1, mono + 599_999).size());
    assertEquals(0, s.get(k1, mono + 600_000).size());
    assertEquals(1, s.get(k2, mono + 1_799_999).size());
    assertEquals(0, s.get(k2, mono + 1_800_000).size());
    assertEquals(0, s.size());
    assertEquals(0, s.bytes());
  }
}
