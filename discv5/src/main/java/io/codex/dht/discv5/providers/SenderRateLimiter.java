package io.codex.dht.discv5.providers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per sender (a node id, or a subnet), in a map bounded to the most recently seen
 * senders.
 *
 * @param <K> the sender key
 *     <p>Implementation notes: a sender seen for the first time, or again after being forgotten,
 *     starts with a full bucket. Forgetting the least recently seen sender lets one with many node
 *     ids reset its buckets, but node ids are free to make anyway; the per-sender limit slows a
 *     single sender down, while the store's total caps are what bound a sybil flood. Time is
 *     monotonic milliseconds compared by difference; a step backwards adds no tokens.
 */
public final class SenderRateLimiter<K> {
  private final double tokensPerMilli;
  private final double burst;
  private final Map<K, Bucket> buckets;

  /** Buckets of {@code burst} tokens refilled at {@code perSecond}, for {@code maxSenders}. */
  public SenderRateLimiter(double perSecond, int burst, int maxSenders) {
    this.tokensPerMilli = perSecond / 1000.0;
    this.burst = burst;
    this.buckets =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, Bucket> eldest) {
            return size() > maxSenders;
          }
        };
  }

  /** Spends one token of {@code sender}'s bucket if it has one. */
  public boolean tryAcquire(K sender, long now) {
    Bucket b = buckets.get(sender);
    if (b == null) {
      b = new Bucket(burst, now);
      buckets.put(sender, b);
    } else {
      long elapsed = now - b.updatedAt;
      if (elapsed > 0) {
        b.tokens = Math.min(burst, b.tokens + elapsed * tokensPerMilli);
        b.updatedAt = now;
      }
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return true;
    }
    return false;
  }

  /** The number of senders whose buckets are kept. */
  public int trackedSenders() {
    return buckets.size();
  }

  private static final class Bucket {
    double tokens;
    long updatedAt;

    Bucket(double tokens, long updatedAt) {
      this.tokens = tokens;
      this.updatedAt = updatedAt;
    }
  }
}
