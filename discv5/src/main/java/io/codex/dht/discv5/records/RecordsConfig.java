package io.codex.dht.discv5.records;

import java.time.Duration;
import java.util.Objects;

/**
 * A node's application records: the namespaces it stores and serves, the store's limits, how often
 * its own records are put again, and how many stale holders one get corrects.
 *
 * @param validators the validators by namespace; none means the node neither stores nor serves
 *     records (it answers the protocol like a Codex node: empty)
 * @param store the store's limits
 * @param republish how often the node's own records are put again until they expire (1 h)
 * @param maxCorrections stale or empty holders sent the selected record after one get (8)
 */
public record RecordsConfig(
    Validators validators, RecordStoreConfig store, Duration republish, int maxCorrections) {

  /** Checks the values. */
  public RecordsConfig {
    Objects.requireNonNull(validators, "validators");
    Objects.requireNonNull(store, "store");
    if (republish.toMillis() < 1) {
      throw new IllegalArgumentException("republish must be positive: " + republish);
    }
    if (maxCorrections < 0) {
      throw new IllegalArgumentException("maxCorrections must not be negative");
    }
  }

  /** The built-in namespaces, the default limits, republish every hour, 8 corrections. */
  public static RecordsConfig defaults() {
    return new RecordsConfig(
        Validators.defaults(), RecordStoreConfig.defaults(), Duration.ofHours(1), 8);
  }

  /** A copy with other validators. */
  public RecordsConfig withValidators(Validators value) {
    return new RecordsConfig(value, store, republish, maxCorrections);
  }

  /** A copy with other store limits. */
  public RecordsConfig withStore(RecordStoreConfig value) {
    return new RecordsConfig(validators, value, republish, maxCorrections);
  }

  /** A copy with another republish interval. */
  public RecordsConfig withRepublish(Duration value) {
    return new RecordsConfig(validators, store, value, maxCorrections);
  }

  /** A copy with another correction bound. */
  public RecordsConfig withMaxCorrections(int value) {
    return new RecordsConfig(validators, store, republish, value);
  }
}
