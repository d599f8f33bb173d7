package io.codex.dht.discv5;

import io.codex.dht.spr.NodeId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Round-trip time estimates from request/response pairs, per peer (the most recently measured
 * {@link RttConfig#maxPeers} of them) and for the node as a whole, smoothed as TCP does (RFC 6298:
 * {@code srtt} and {@code rttvar} with gains 1/8 and 1/4; timeout estimate {@code srtt + 4 rttvar}
 * between a floor and a ceiling). Owned by the node thread.
 *
 * <p>A sample is the time from sending a request to its first response message, so for a peer
 * without a session it includes the handshake; requests are never resent, so every sample is
 * unambiguous (Karn's rule has nothing to exclude).
 */
final class RttEstimator {
  /** Smoothed state of one series of samples, in microseconds. */
  private static final class Smoothed {
    long srttMicros;
    long rttvarMicros;
    long samples;

    void add(long micros) {
      if (samples++ == 0) {
        srttMicros = micros;
        rttvarMicros = micros / 2;
        return;
      }
      long err = Math.abs(srttMicros - micros);
      rttvarMicros += (err - rttvarMicros) / 4;
      srttMicros += (micros - srttMicros) / 8;
    }
  }

  private final RttConfig config;
  private final Smoothed node = new Smoothed();
  private final Map<NodeId, Smoothed> peers;

  RttEstimator(RttConfig config) {
    this.config = config;
    int max = config.maxPeers();
    this.peers =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<NodeId, Smoothed> eldest) {
            return size() > max;
          }
        };
  }

  /** Adds a round trip of {@code nanos} to {@code peer}'s estimate and the node's. */
  void sample(NodeId peer, long nanos) {
    long micros = Math.max(0, nanos / 1_000);
    node.add(micros);
    if (config.maxPeers() > 0) {
      peers.computeIfAbsent(peer, id -> new Smoothed()).add(micros);
    }
  }

  /**
   * The timeout estimate for a request to {@code peer} in milliseconds: {@code srtt + 4 rttvar} of
   * the peer's samples if it has any, else of the node's, else the initial value; always between
   * the floor and the ceiling.
   */
  long timeoutMillis(NodeId peer) {
    Smoothed s = peers.get(peer);
    if (s == null) {
      s = node;
    }
    if (s.samples == 0) {
      return config.initialMillis();
    }
    long millis = (s.srttMicros + 4 * s.rttvarMicros + 999) / 1_000;
    return Math.max(config.floorMillis(), Math.min(config.ceilingMillis(), millis));
  }

  /**
   * How long the rest of a multi-message answer from {@code peer} is waited for once a message
   * arrived: the grace factor times the timeout estimate, at least the grace floor.
   */
  long partGraceMillis(NodeId peer) {
    return Math.max(
        config.partGraceFloorMillis(), Math.round(config.partGraceFactor() * timeoutMillis(peer)));
  }

  /** The smoothed round trip to {@code peer} in microseconds, if it was measured (and kept). */
  OptionalLong smoothedMicros(NodeId peer) {
    Smoothed s = peers.get(peer);
    return s == null ? OptionalLong.empty() : OptionalLong.of(s.srttMicros);
  }

  /** The node's smoothed round trip in microseconds, if any was measured. */
  OptionalLong nodeSmoothedMicros() {
    return node.samples == 0 ? OptionalLong.empty() : OptionalLong.of(node.srttMicros);
  }

  /** Peers with an estimate of their own. */
  int peerCount() {
    return peers.size();
  }
}
