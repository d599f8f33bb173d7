package io.codex.dht.session;

import io.codex.dht.spr.NodeId;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Unauthenticated traffic for attack tests: ordinary packets with random content, addressed (and
 * masked) to a victim, from any claimed node id; plus the bookkeeping of what the victim sent back.
 */
final class Flood {
  /** A datagram the victim sent, with the clock time it was sent at. */
  record Sent(long at, InetSocketAddress to, byte[] bytes) {}

  private final PacketCodec codec = new PacketCodec(new Crypto(), NodeId.ZERO);
  private final NodeId victim;
  private final Random random;

  Flood(NodeId victim, Random random) {
    this.victim = victim;
    this.random = random;
  }

  /** A random ordinary packet of 91 bytes (the size of a handshake's first packet). */
  byte[] unknownPacket(NodeId claimedSource) {
    return unknownPacket(claimedSource, 20);
  }

  /** A random ordinary packet of {@code 71 + fillerLength} bytes. */
  byte[] unknownPacket(NodeId claimedSource, int fillerLength) {
    return codec.encodeRandom(
        Crypto.maskingKey(victim), bytes(16), bytes(12), claimedSource, bytes(fillerLength));
  }

  NodeId randomId() {
    return NodeId.fromBytes(bytes(32));
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** Moves what {@code net} has in flight into {@code into}, stamped with the current time. */
  static void collect(TestNet net, List<Sent> into) {
    while (!net.queue.isEmpty()) {
      TestNet.Datagram d = net.queue.pollFirst();
      into.add(new Sent(net.clock.nanos, d.to(), d.bytes()));
    }
  }

  /**
   * The largest excess over a token bucket of {@code rate} per second and {@code burst}: the
   * maximum over all intervals [t_i, t_j] of {@code count - (burst + rate * (t_j - t_i))}; at most
   * 0 (with rounding, below 1) when the sends obey the bucket.
   */
  static double excessOverBucket(List<Long> times, double rate, int burst) {
    double worst = Double.NEGATIVE_INFINITY;
    // The worst interval ending at j starts at the i minimising (i - rate * t_i): keep the best.
    double bestStart = Double.POSITIVE_INFINITY;
    for (int j = 0; j < times.size(); j++) {
      double tj = times.get(j) / 1e9;
      bestStart = Math.min(bestStart, j - rate * tj);
      double count = j - bestStart + 1 - rate * tj; // (j - i + 1) - rate * (t_j - t_i)
      worst = Math.max(worst, count - burst);
    }
    return times.isEmpty() ? 0 : worst;
  }

  /** How many of {@code times} fall in each whole second after {@code start}. */
  static List<Integer> perSecond(List<Long> times, long start, int seconds) {
    List<Integer> counts = new ArrayList<>();
    for (int s = 0; s < seconds; s++) {
      counts.add(0);
    }
    for (long t : times) {
      int s = (int) ((t - start) / 1_000_000_000L);
      if (s >= 0 && s < seconds) {
        counts.set(s, counts.get(s) + 1);
      }
    }
    return counts;
  }
}
