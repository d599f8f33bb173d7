package io.codex.dht.discv5.providers;

import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.SignedPeerRecord;

/** One (key, provider) entry of {@link InMemoryProviderStore}, linked into its expiry queue. */
final class StoredProvider {
  final NodeId key;
  SignedPeerRecord record;
  long expiresAt;

  // Links of the expiry queue; null at the ends and when not queued.
  StoredProvider prev;
  StoredProvider next;

  StoredProvider(NodeId key, SignedPeerRecord record, long expiresAt) {
    this.key = key;
    this.record = record;
    this.expiresAt = expiresAt;
  }

  /** Whether this entry has expired at {@code now}, comparing by difference. */
  boolean expiredAt(long now) {
    return now - expiresAt >= 0;
  }
}
