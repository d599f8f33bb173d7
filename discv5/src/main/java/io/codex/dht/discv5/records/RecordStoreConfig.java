package io.codex.dht.discv5.records;

/**
 * Limits of a node's record store and of the PUT rate it accepts.
 *
 * @param maxPerKey records kept per key (after consolidation); a new publisher beyond it is refused
 * @param maxPerPublisher records kept from one publisher over all keys
 * @param maxRecords records kept in all
 * @param maxBytes encoded record bytes kept in all
 * @param putsPerSecond sustained PUTs accepted from one sender node id ({@code +Infinity}: off)
 * @param putBurst PUTs one sender may make at once
 * @param putsPerSubnetPerSecond sustained PUTs accepted from one IPv4 /24 or IPv6 /48 (loopback and
 *     private senders exempt), checked before any signature ({@code +Infinity}: off)
 * @param subnetPutBurst PUTs one subnet may make at once
 * @param maxTrackedSenders senders (and subnets) whose rate state is kept
 */
public record RecordStoreConfig(
    int maxPerKey,
    int maxPerPublisher,
    int maxRecords,
    long maxBytes,
    double putsPerSecond,
    int putBurst,
    double putsPerSubnetPerSecond,
    int subnetPutBurst,
    int maxTrackedSenders) {

  /** Checks the limits. */
  public RecordStoreConfig {
    positive(maxPerKey, "maxPerKey");
    positive(maxPerPublisher, "maxPerPublisher");
    positive(maxRecords, "maxRecords");
    if (maxBytes < ValueRecord.MAX_SIZE) {
      throw new IllegalArgumentException("maxBytes must hold one record: " + maxBytes);
    }
    if (!(putsPerSecond > 0) || !(putsPerSubnetPerSecond > 0)) {
      throw new IllegalArgumentException("PUT rates must be positive");
    }
    positive(putBurst, "putBurst");
    positive(subnetPutBurst, "subnetPutBurst");
    positive(maxTrackedSenders, "maxTrackedSenders");
  }

  /**
   * The defaults: 4 per key, 1,000 per publisher, 50,000 records, 32 MiB; 10 PUT/s (burst 50) per
   * sender, 50 PUT/s (burst 100) per subnet, rate state for 10,000 senders.
   */
  public static RecordStoreConfig defaults() {
    return new RecordStoreConfig(4, 1_000, 50_000, 32L << 20, 10, 50, 50, 100, 10_000);
  }

  /** A copy with other totals. */
  public RecordStoreConfig withCapacity(int records, long bytes) {
    return new RecordStoreConfig(
        maxPerKey,
        maxPerPublisher,
        records,
        bytes,
        putsPerSecond,
        putBurst,
        putsPerSubnetPerSecond,
        subnetPutBurst,
        maxTrackedSenders);
  }

  /** A copy with another per-publisher cap. */
  public RecordStoreConfig withMaxPerPublisher(int value) {
    return new RecordStoreConfig(
        maxPerKey,
        value,
        maxRecords,
        maxBytes,
        putsPerSecond,
        putBurst,
        putsPerSubnetPerSecond,
        subnetPutBurst,
        maxTrackedSenders);
  }

  /** A copy with other PUT rates ({@code +Infinity} turns one off). */
  public RecordStoreConfig withPutRates(
      double perSender, int senderBurst, double perSubnet, int subnetBurst) {
    return new RecordStoreConfig(
        maxPerKey,
        maxPerPublisher,
        maxRecords,
        maxBytes,
        perSender,
        senderBurst,
        perSubnet,
        subnetBurst,
        maxTrackedSenders);
  }

  private static void positive(long v, String name) {
    if (v < 1) {
      throw new IllegalArgumentException(name + " must be positive: " + v);
    }
  }
}
