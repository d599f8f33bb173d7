package io.codex.dht.simulator.attack;

import io.codex.dht.discv5.providers.AddOutcome;
import io.codex.dht.discv5.providers.ProviderStore;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PeerId;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ProviderStore} that passes everything to the store it wraps and counts, per sender node
 * id and per /24 of the provider's address, the adds accepted in each simulated second and the
 * entries stored: what security test G2 measures on the victim.
 */
public final class CountingProviderStore implements ProviderStore {
  private final ProviderStore store;
  private final Map<NodeId, Map<Long, Integer>> perId = new HashMap<>();
  private final Map<Integer, Map<Long, Integer>> perSubnet = new HashMap<>();
  private final Map<NodeId, Integer> acceptedPerId = new HashMap<>();
  private final Map<Integer, Integer> storedPerSubnet = new HashMap<>();
  private long offered;

  /** Counts the adds of {@code store}. */
  public CountingProviderStore(ProviderStore store) {
    this.store = store;
  }

  @Override
  public AddOutcome add(NodeId key, SignedPeerRecord provider, NodeId sender, long nowMillis) {
    offered++;
    AddOutcome outcome = store.add(key, provider, sender, nowMillis);
    if (outcome.accepted()) {
      long second = Math.floorDiv(nowMillis, 1000);
      int subnet = subnetOf(provider);
      perId.computeIfAbsent(sender, k -> new HashMap<>()).merge(second, 1, Integer::sum);
      perSubnet.computeIfAbsent(subnet, k -> new HashMap<>()).merge(second, 1, Integer::sum);
      acceptedPerId.merge(sender, 1, Integer::sum);
      if (outcome == AddOutcome.STORED) {
        storedPerSubnet.merge(subnet, 1, Integer::sum);
      }
    }
    return outcome;
  }

  /** Adds offered to the store. */
  public long offered() {
    return offered;
  }

  /** The most adds accepted from one sender in one second. */
  public int maxPerIdPerSecond() {
    return maxPerSecond(perId);
  }

  /** The most adds accepted from one /24 in one second. */
  public int maxPerSubnetPerSecond() {
    return maxPerSecond(perSubnet);
  }

  /** The most adds accepted from one sender in all. */
  public int maxAcceptedPerId() {
    return acceptedPerId.values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  /** The most entries stored whose provider is in one /24 (none are removed during a flood). */
  public int maxStoredPerSubnet() {
    return storedPerSubnet.values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  private static <K> int maxPerSecond(Map<K, Map<Long, Integer>> counts) {
    int max = 0;
    for (Map<Long, Integer> bySecond : counts.values()) {
      for (int n : bySecond.values()) {
        max = Math.max(max, n);
      }
    }
    return max;
  }

  private static int subnetOf(SignedPeerRecord provider) {
    InetSocketAddress a = provider.udpEndpoint().orElse(null);
    if (a == null || a.getAddress().getAddress().length != 4) {
      return -1;
    }
    byte[] b = a.getAddress().getAddress();
    return (b[0] & 0xFF) << 16 | (b[1] & 0xFF) << 8 | (b[2] & 0xFF);
  }

  @Override
  public List<SignedPeerRecord> get(NodeId key, int max, long nowMillis) {
    return store.get(key, max, nowMillis);
  }

  @Override
  public boolean remove(NodeId key, PeerId provider) {
    return store.remove(key, provider);
  }

  @Override
  public int expire(long nowMillis) {
    return store.expire(nowMillis);
  }

  @Override
  public int size() {
    return store.size();
  }

  @Override
  public long bytes() {
    return store.bytes();
  }

  @Override
  public int keyCount() {
    return store.keyCount();
  }

  @Override
  public long addCount(AddOutcome outcome) {
    return store.addCount(outcome);
  }

  @Override
  public long expiredCount() {
    return store.expiredCount();
  }
}
