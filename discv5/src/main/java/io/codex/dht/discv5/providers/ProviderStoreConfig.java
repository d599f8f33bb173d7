package io.codex.dht.discv5.providers;

import io.codex.dht.spr.SignedPeerRecord;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits of a {@link ProviderStore}: record lifetime, providers per key, total records and bytes,
 * and the per-sender add rate.
 *
 * @param ttl how long a provider stays stored after its last add, on the monotonic clock
 * @param maxProvidersPerKey unexpired providers kept per key; newcomers beyond it are refused
 * @param maxRecords stored (key, provider) entries in all
 * @param maxBytes encoded record bytes in all, counted once per (key, provider) entry
 * @param addsPerSecond sustained adds accepted from one sender; {@code +Infinity} turns the limit
 *     off
 * @param addBurst adds one sender may make at once before the rate applies
 * @param maxTrackedSenders senders whose rate state is kept; the least recently seen are forgotten
 * @param addsPerSubnetPerSecond sustained ADD_PROVIDER accepted from one sender subnet (IPv4 /24,
 *     IPv6 /48; loopback and private senders are exempt), checked by the node before the record's
 *     signature; {@code +Infinity} turns the limit off
 * @param subnetAddBurst adds one subnet may make at once before its rate applies
 */
public record ProviderStoreConfig(
    Duration ttl,
    int maxProvidersPerKey,
    int maxRecords,
    long maxBytes,
    double addsPerSecond,
    int addBurst,
    int maxTrackedSenders,
    double addsPerSubnetPerSecond,
    int subnetAddBurst) {

  /** Codex's provider TTL. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(24);

  /** The Kademlia replication factor, as in rust-libp2p and the Codex protocol constant. */
  public static final int DEFAULT_MAX_PROVIDERS_PER_KEY = 20;

  /** Default cap on stored entries. */
  public static final int DEFAULT_MAX_RECORDS = 100_000;

  /** Default cap on stored record bytes: 64 MiB. */
  public static final long DEFAULT_MAX_BYTES = 64L << 20;

  /** Default sustained adds per second from one sender. */
  public static final double DEFAULT_ADDS_PER_SECOND = 10;

  /** Default burst of adds from one sender. */
  public static final int DEFAULT_ADD_BURST = 50;

  /** Default number of senders whose rate state is kept. */
  public static final int DEFAULT_MAX_TRACKED_SENDERS = 10_000;

  /** Default sustained adds per second from one subnet (security.md G2). */
  public static final double DEFAULT_ADDS_PER_SUBNET_PER_SECOND = 50;

  /** Default burst of adds from one subnet. */
  public static final int DEFAULT_SUBNET_ADD_BURST = 100;

  /** Validates the limits. */
  public ProviderStoreConfig {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.toMillis() < 1) {
      throw new IllegalArgumentException("ttl must be at least 1 ms: " + ttl);
    }
    if (ttl.compareTo(Duration.ofDays(3650)) > 0) {
      throw new IllegalArgumentException("ttl must be at most 10 years: " + ttl);
    }
    requirePositive(maxProvidersPerKey, "maxProvidersPerKey");
    requirePositive(maxRecords, "maxRecords");
    if (maxBytes < SignedPeerRecord.MAX_SIZE) {
      throw new IllegalArgumentException(
          "maxBytes must hold at least one record ("
              + SignedPeerRecord.MAX_SIZE
              + "): "
              + maxBytes);
    }
    if (!(addsPerSecond > 0)) {
      throw new IllegalArgumentException("addsPerSecond must be positive: " + addsPerSecond);
    }
    requirePositive(addBurst, "addBurst");
    requirePositive(maxTrackedSenders, "maxTrackedSenders");
    if (!(addsPerSubnetPerSecond > 0)) {
      throw new IllegalArgumentException(
          "addsPerSubnetPerSecond must be positive: " + addsPerSubnetPerSecond);
    }
    requirePositive(subnetAddBurst, "subnetAddBurst");
  }

  /**
   * The defaults: 24 h, 20 per key, 100,000 records, 64 MiB, 10 adds/s with bursts of 50 per
   * sender, 50 adds/s with bursts of 100 per subnet.
   */
  public static ProviderStoreConfig defaults() {
    return new ProviderStoreConfig(
        DEFAULT_TTL,
        DEFAULT_MAX_PROVIDERS_PER_KEY,
        DEFAULT_MAX_RECORDS,
        DEFAULT_MAX_BYTES,
        DEFAULT_ADDS_PER_SECOND,
        DEFAULT_ADD_BURST,
        DEFAULT_MAX_TRACKED_SENDERS,
        DEFAULT_ADDS_PER_SUBNET_PER_SECOND,
        DEFAULT_SUBNET_ADD_BURST);
  }

  /** A copy with another TTL. */
  public ProviderStoreConfig withTtl(Duration value) {
    return new ProviderStoreConfig(
        value,
        maxProvidersPerKey,
        maxRecords,
        maxBytes,
        addsPerSecond,
        addBurst,
        maxTrackedSenders,
        addsPerSubnetPerSecond,
        subnetAddBurst);
  }

  /** A copy with another per-key cap. */
  public ProviderStoreConfig withMaxProvidersPerKey(int value) {
    return new ProviderStoreConfig(
        ttl,
        value,
        maxRecords,
        maxBytes,
        addsPerSecond,
        addBurst,
        maxTrackedSenders,
        addsPerSubnetPerSecond,
        subnetAddBurst);
  }

  /** A copy with other total caps. */
  public ProviderStoreConfig withCapacity(int records, long bytes) {
    return new ProviderStoreConfig(
        ttl,
        maxProvidersPerKey,
        records,
        bytes,
        addsPerSecond,
        addBurst,
        maxTrackedSenders,
        addsPerSubnetPerSecond,
        subnetAddBurst);
  }

  /** A copy with another per-sender rate and burst; {@code +Infinity} turns the limit off. */
  public ProviderStoreConfig withAddRate(double perSecond, int burst) {
    return new ProviderStoreConfig(
        ttl,
        maxProvidersPerKey,
        maxRecords,
        maxBytes,
        perSecond,
        burst,
        maxTrackedSenders,
        addsPerSubnetPerSecond,
        subnetAddBurst);
  }

  /** A copy that keeps rate state for another number of senders. */
  public ProviderStoreConfig withMaxTrackedSenders(int value) {
    return new ProviderStoreConfig(
        ttl,
        maxProvidersPerKey,
        maxRecords,
        maxBytes,
        addsPerSecond,
        addBurst,
        value,
        addsPerSubnetPerSecond,
        subnetAddBurst);
  }

  /** A copy with another per-subnet rate and burst; {@code +Infinity} turns the limit off. */
  public ProviderStoreConfig withSubnetAddRate(double perSecond, int burst) {
    return new ProviderStoreConfig(
        ttl,
        maxProvidersPerKey,
        maxRecords,
        maxBytes,
        addsPerSecond,
        addBurst,
        maxTrackedSenders,
        perSecond,
        burst);
  }

  private static void requirePositive(long value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
