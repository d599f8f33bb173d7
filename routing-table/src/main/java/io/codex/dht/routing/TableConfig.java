package io.codex.dht.routing;

/**
 * Sizes and limits of a {@link RoutingTable}; {@link #DEFAULT} holds the Codex sizes and the
 * project's IP-diversity defaults.
 *
 * @param bucketSize entries per bucket (k), 16 by default
 * @param replacementCacheSize replacement-cache entries per bucket, 8 by default
 * @param ipLimitsEnabled whether the subnet limits apply at all (on by default; off for private
 *     test networks behind one address, as Codex does for workshops)
 * @param bucketIpLimit entries per bucket (live plus replacement cache) from one IPv4 /24 or IPv6
 *     /48, 2 by default
 * @param tableIpLimit entries in the whole table (live plus replacement caches) from one IPv4 /24
 *     or IPv6 /48, 10 by default
 * @param limitPrivateAddresses whether the subnet limits also apply to loopback and private ranges
 *     (127/8, 10/8, 172.16/12, 192.168/16, ::1, fc00::/7); off by default so local networks work,
 *     on in tests that need the limits on loopback
 * @param maxInboundPerBucket live entries per bucket that were stored because the peer contacted us
 *     first, 8 by default (half of a 16-slot bucket)
 * @param silentHoldMillis how long the subnet slot of an entry dropped after failing without ever
 *     having answered stays counted against {@code tableIpLimit}, 10 minutes by default (0: not at
 *     all), so that dead records of one subnet take its slots at most once per hold
 */
public record TableConfig(
    int bucketSize,
    int replacementCacheSize,
    boolean ipLimitsEnabled,
    int bucketIpLimit,
    int tableIpLimit,
    boolean limitPrivateAddresses,
    int maxInboundPerBucket,
    long silentHoldMillis) {

  /**
   * k = 16, 8 replacements, limits on: 2 per bucket and 10 per table, private ranges exempt, at
   * most 8 inbound per bucket, silent entries' slots held 10 minutes.
   */
  public static final TableConfig DEFAULT =
      new TableConfig(16, 8, true, 2, 10, false, 8, 10 * 60_000L);

  /** Checks the values. */
  public TableConfig {
    if (bucketSize < 1) {
      throw new IllegalArgumentException("bucketSize must be >= 1: " + bucketSize);
    }
    if (replacementCacheSize < 0) {
      throw new IllegalArgumentException(
          "replacementCacheSize must be >= 0: " + replacementCacheSize);
    }
    if (bucketIpLimit < 1 || tableIpLimit < 1) {
      throw new IllegalArgumentException(
          "IP limits must be >= 1: bucket " + bucketIpLimit + ", table " + tableIpLimit);
    }
    if (maxInboundPerBucket < 0) {
      throw new IllegalArgumentException(
          "maxInboundPerBucket must be >= 0: " + maxInboundPerBucket);
    }
    if (silentHoldMillis < 0) {
      throw new IllegalArgumentException("silentHoldMillis must be >= 0: " + silentHoldMillis);
    }
  }

  /** A copy with another bucket size. */
  public TableConfig withBucketSize(int value) {
    return new TableConfig(
        value,
        replacementCacheSize,
        ipLimitsEnabled,
        bucketIpLimit,
        tableIpLimit,
        limitPrivateAddresses,
        maxInboundPerBucket,
        silentHoldMillis);
  }

  /** A copy with another replacement-cache size. */
  public TableConfig withReplacementCacheSize(int value) {
    return new TableConfig(
        bucketSize,
        value,
        ipLimitsEnabled,
        bucketIpLimit,
        tableIpLimit,
        limitPrivateAddresses,
        maxInboundPerBucket,
        silentHoldMillis);
  }

  /** A copy with the subnet limits switched on or off. */
  public TableConfig withIpLimitsEnabled(boolean value) {
    return new TableConfig(
        bucketSize,
        replacementCacheSize,
        value,
        bucketIpLimit,
        tableIpLimit,
        limitPrivateAddresses,
        maxInboundPerBucket,
        silentHoldMillis);
  }

  /** A copy with other subnet limits per bucket and per table. */
  public TableConfig withIpLimits(int perBucket, int perTable) {
    return new TableConfig(
        bucketSize,
        replacementCacheSize,
        ipLimitsEnabled,
        perBucket,
        perTable,
        limitPrivateAddresses,
        maxInboundPerBucket,
        silentHoldMillis);
  }

  /** A copy that applies (or exempts) the subnet limits to loopback and private ranges. */
  public TableConfig withLimitPrivateAddresses(boolean value) {
    return new TableConfig(
        bucketSize,
        replacementCacheSize,
        ipLimitsEnabled,
        bucketIpLimit,
        tableIpLimit,
        value,
        maxInboundPerBucket,
        silentHoldMillis);
  }

  /** A copy with another limit on inbound entries per bucket. */
  public TableConfig withMaxInboundPerBucket(int value) {
    return new TableConfig(
        bucketSize,
        replacementCacheSize,
        ipLimitsEnabled,
        bucketIpLimit,
        tableIpLimit,
        limitPrivateAddresses,
        value,
        silentHoldMillis);
  }

  /** A copy with another hold time for the subnet slots of entries that never answered. */
  public TableConfig withSilentHoldMillis(long value) {
    return new TableConfig(
        bucketSize,
        replacementCacheSize,
        ipLimitsEnabled,
        bucketIpLimit,
        tableIpLimit,
        limitPrivateAddresses,
        maxInboundPerBucket,
        value);
  }
}
