package io.codex.dht.discv5.records;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rules of one namespace, run on the node's thread after the built-in signature, key and expiry
 * checks ({@link Validators#check}) passed: which records are valid, which of several is the best,
 * and how several records of one key are merged.
 */
public interface Validator {
  /** Orders records oldest first: seq, then expiration, then encoded bytes (a total order). */
  Comparator<ValueRecord> NEWEST_LAST =
      Comparator.<ValueRecord>comparingLong(r -> r.seq() ^ Long.MIN_VALUE) // unsigned
          .thenComparingLong(ValueRecord::expiresAtMillis)
          .thenComparing(ValueRecord::encodedUnsafe, java.util.Arrays::compareUnsigned);

  /**
   * Whether {@code record} is acceptable under {@code key} (already parsed, signature verified,
   * unexpired, for this namespace): empty to accept, else why not.
   */
  Optional<Rejection> validate(RecordKey key, ValueRecord record);

  /**
   * The index of the best of {@code records} (valid, non-empty, all of {@code key}); the same
   * record whatever the order of the list. By default the highest seq, then the latest expiration,
   * then the greatest encoded bytes.
   */
  default int select(RecordKey key, List<ValueRecord> records) {
    int best = 0;
    for (int i = 1; i < records.size(); i++) {
      if (NEWEST_LAST.compare(records.get(i), records.get(best)) > 0) {
        best = i;
      }
    }
    return best;
  }

  /**
   * Merges the valid records of {@code key} (non-empty) into those worth keeping and serving; by
   * default the selected one alone.
   */
  default List<ValueRecord> consolidate(RecordKey key, List<ValueRecord> records) {
    return List.of(records.get(select(key, records)));
  }
}
