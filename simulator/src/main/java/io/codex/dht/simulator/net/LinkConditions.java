package io.codex.dht.simulator.net;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The loss rates and partitions of a {@link SimNetwork}: which datagrams may pass and with what
 * probability.
 *
 * <p>Implementation notes: both maps are consulted only when non-empty, so a network without
 * per-link settings or partitions pays no lookup (and no {@link Link} allocation) per datagram. A
 * partition is a group id per address; unlisted addresses are in group 0.
 */
final class LinkConditions {
  private final Map<Link, Double> linkLoss = new HashMap<>();
  private final Map<InetSocketAddress, Integer> groups = new HashMap<>();
  private int nextGroup = 1;
  private double lossRate;

  double lossRate() {
    return lossRate;
  }

  void setLossRate(double rate) {
    lossRate = checkRate(rate);
  }

  void setLinkLoss(InetSocketAddress from, InetSocketAddress to, double rate) {
    linkLoss.put(new Link(from, to), checkRate(rate));
  }

  void clearLinkLoss() {
    linkLoss.clear();
  }

  /** The loss rate of the link from {@code from} to {@code to}. */
  double lossFor(InetSocketAddress from, InetSocketAddress to) {
    if (!linkLoss.isEmpty()) {
      Double rate = linkLoss.get(new Link(from, to));
      if (rate != null) {
        return rate;
      }
    }
    return lossRate;
  }

  void partition(List<? extends Collection<InetSocketAddress>> sides) {
    groups.clear();
    for (Collection<InetSocketAddress> side : sides) {
      int id = nextGroup++;
      for (InetSocketAddress a : side) {
        groups.put(a, id);
      }
    }
  }

  void isolate(InetSocketAddress address) {
    groups.put(address, nextGroup++);
  }

  void heal() {
    groups.clear();
  }

  boolean connected(InetSocketAddress from, InetSocketAddress to) {
    return groups.isEmpty() || group(from) == group(to);
  }

  private int group(InetSocketAddress a) {
    Integer g = groups.get(a);
    return g == null ? 0 : g;
  }

  private static double checkRate(double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("a rate is between 0 and 1: " + rate);
    }
    return rate;
  }
}
