package io.codex.dht.discv5.store;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Settings of a {@link NodeStore}: the group-commit delay, the bounds of its collections and the
 * wall clock.
 *
 * @param commitDelayMillis how long a change may wait in memory before the store's background
 *     writer commits it; 0 turns background commits off (then changes persist at {@link
 *     NodeStore#commit}, at {@link NodeStore#close}, and when MVStore's write buffer fills)
 * @param maxPeerSeqs peers whose highest seen seq is kept; the least recently used are forgotten
 * @param maxSeeds routing-table entries kept as bootstrap seeds
 * @param maxAnnounced CIDs this node may announce
 * @param wallClock wall-clock milliseconds since the epoch: seq numbers, and downtime for provider
 *     expiry ({@code System::currentTimeMillis} outside tests)
 */
public record NodeStoreOptions(
    int commitDelayMillis,
    int maxPeerSeqs,
    int maxSeeds,
    int maxAnnounced,
    LongSupplier wallClock) {

  /** Default group-commit delay: the most an unacknowledged change can lose on a crash. */
  public static final int DEFAULT_COMMIT_DELAY_MILLIS = 1000;

  /** Default number of peers whose highest seq is kept. */
  public static final int DEFAULT_MAX_PEER_SEQS = 100_000;

  /** Default number of bootstrap seeds kept. */
  public static final int DEFAULT_MAX_SEEDS = 200;

  /** Default number of CIDs this node may announce. */
  public static final int DEFAULT_MAX_ANNOUNCED = 100_000;

  private static final int MAX_COMMIT_DELAY_MILLIS = 60_000;

  /** Validates the settings. */
  public NodeStoreOptions {
    if (commitDelayMillis < 0 || commitDelayMillis > MAX_COMMIT_DELAY_MILLIS) {
      throw new IllegalArgumentException(
          "commitDelayMillis must be in 0.." + MAX_COMMIT_DELAY_MILLIS + ": " + commitDelayMillis);
    }
    requirePositive(maxPeerSeqs, "maxPeerSeqs");
    requirePositive(maxSeeds, "maxSeeds");
    requirePositive(maxAnnounced, "maxAnnounced");
    Objects.requireNonNull(wallClock, "wallClock");
  }

  /** The defaults: commit within 1 s, 100,000 peer seqs, 200 seeds, 100,000 CIDs, system clock. */
  public static NodeStoreOptions defaults() {
    return new NodeStoreOptions(
        DEFAULT_COMMIT_DELAY_MILLIS,
        DEFAULT_MAX_PEER_SEQS,
        DEFAULT_MAX_SEEDS,
        DEFAULT_MAX_ANNOUNCED,
        System::currentTimeMillis);
  }

  /** A copy with another group-commit delay. */
  public NodeStoreOptions withCommitDelayMillis(int value) {
    return new NodeStoreOptions(value, maxPeerSeqs, maxSeeds, maxAnnounced, wallClock);
  }

  /** A copy with other bounds. */
  public NodeStoreOptions withLimits(int peerSeqs, int seeds, int announced) {
    return new NodeStoreOptions(commitDelayMillis, peerSeqs, seeds, announced, wallClock);
  }

  /** A copy with another wall clock. */
  public NodeStoreOptions withWallClock(LongSupplier value) {
    return new NodeStoreOptions(commitDelayMillis, maxPeerSeqs, maxSeeds, maxAnnounced, value);
  }

  private static void requirePositive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
