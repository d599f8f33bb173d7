package io.codex.dht.discv5.providers;

import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PeerId;
import io.codex.dht.spr.SignedPeerRecord;
import java.util.List;

/**
 * The provider records a node holds for DHT keys: bounded per key and in total, rate limited per
 * sender, expiring on the monotonic clock.
 *
 * <p>Rules every implementation keeps:
 *
 * <ul>
 *   <li>A key holds at most {@link ProviderStoreConfig#maxProvidersPerKey()} unexpired providers;
 *       newcomers are refused ({@link AddOutcome#KEY_FULL}) and never push existing ones out.
 *   <li>An add of a provider already stored for the key resets its expiry; its record is replaced
 *       only by one with a higher seq ({@link AddOutcome#UPDATED}); an equal seq refreshes ({@link
 *       AddOutcome#REFRESHED}); a lower seq is refused ({@link AddOutcome#STALE}) and refreshes
 *       nothing.
 *   <li>Every add, accepted or not, spends one unit of the sender's rate ({@link
 *       AddOutcome#RATE_LIMITED} when none is left).
 *   <li>{@link #get} never returns an expired record, swept or not.
 * </ul>
 *
 * <p>Time: every {@code nowMillis} is monotonic milliseconds ({@code NodeScheduler.nowMillis()}),
 * never wall-clock time, so wall-clock jumps cannot stretch or cut a TTL. Values are compared by
 * difference, like {@link System#nanoTime()}; a value earlier than one already seen counts as the
 * latest seen.
 *
 * <p>Checking that a record belongs to the sender of ADD_PROVIDER is the caller's job; {@code
 * sender} is used for rate limiting only. Implementations are used from the node's thread alone,
 * but {@link #addCount} and {@link #expiredCount} may be read from any thread (metrics).
 */
public interface ProviderStore {
  /** Offers {@code provider} for {@code key}, sent by {@code sender}; never throws on limits. */
  AddOutcome add(NodeId key, SignedPeerRecord provider, NodeId sender, long nowMillis);

  /** Up to {@code max} unexpired providers of {@code key}, oldest stored first. */
  List<SignedPeerRecord> get(NodeId key, int max, long nowMillis);

  /** Removes one provider of one key; returns whether it was stored. */
  boolean remove(NodeId key, PeerId provider);

  /** Removes every entry expired at {@code nowMillis}; returns how many. Call every ~30 s. */
  int expire(long nowMillis);

  /** Stored (key, provider) entries, including expired ones not yet removed. */
  int size();

  /** Encoded bytes of the stored records, each entry counted separately. */
  long bytes();

  /** Keys with at least one stored entry. */
  int keyCount();

  /** How many adds ended with {@code outcome} since creation. */
  long addCount(AddOutcome outcome);

  /** How many entries were removed because they expired, since creation. */
  long expiredCount();
}
