package io.codex.dht.discv5.records;

import io.codex.dht.spr.PeerId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /logos/<service-id>/<peer-id>}: service data signed by the peer the key names; the newest
 * (highest seq) wins, and consolidation keeps the newest record of each publisher.
 */
final class LogosValidator implements Validator {
  static final String NAMESPACE = "logos";

  @Override
  public Optional<Rejection> validate(RecordKey key, ValueRecord record) {
    if (key.segments().size() != 2) {
      return Optional.of(
          Rejection.of(Rejection.Reason.BAD_KEY, "expected /logos/<service-id>/<peer-id>"));
    }
    return PublisherRule.named(key.segments().get(1), record);
  }

  /** The newest record of each publisher, in the order of their publishers' first record. */
  @Override
  public List<ValueRecord> consolidate(RecordKey key, List<ValueRecord> records) {
    Map<PeerId, ValueRecord> newest = new LinkedHashMap<>();
    List<ValueRecord> sorted = new ArrayList<>(records);
    sorted.sort(NEWEST_LAST);
    for (ValueRecord r : sorted) {
      newest.put(r.publisher(), r); // later = newer replaces
    }
    List<ValueRecord> out = new ArrayList<>(newest.values());
    out.sort(NEWEST_LAST);
    return out;
  }
}
