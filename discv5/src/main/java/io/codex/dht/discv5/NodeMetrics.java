package io.codex.dht.discv5;

import io.codex.dht.discv5.providers.AddOutcome;
import io.codex.dht.discv5.providers.ProviderStore;
import io.codex.dht.session.DropReason;
import io.codex.dht.session.Message;
import io.codex.dht.session.SendFailure;
import io.codex.dht.session.SessionStats;
import io.codex.dht.spr.CurveBackend;
import io.codex.dht.spr.DecodeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The node's metrics on its injected registry, every meter tagged with the node's short id:
 * messages by kind, drops and decode failures by reason, handshakes, sessions, table entries,
 * lookups, request timeouts and rejected records.
 *
 * <p>Implementation notes: counters keyed by a tag value are created on first use and cached in
 * plain maps, which only the node thread touches.
 */
final class NodeMetrics {
  private final MeterRegistry registry;
  private final Tags nodeTag;
  private final Map<String, Counter> counters = new HashMap<>();
  private final Timer lookupTimer;
  private final DistributionSummary lookupRounds;
  private final Timer rtt;
  private final Counter lookupStalls;
  private final Counter lookupLate;

  NodeMetrics(MeterRegistry registry, String nodeTag) {
    this.registry = registry;
    this.nodeTag = Tags.of(Tag.of("node", nodeTag));
    this.lookupTimer =
        Timer.builder("discv5.lookup.duration")
            .description("Time from the start to the end of a lookup")
            .tags(this.nodeTag)
            .publishPercentiles(0.5, 0.95, 0.99)
            .register(registry);
    this.lookupRounds =
        DistributionSummary.builder("discv5.lookup.rounds")
            .description("Hops of a lookup (deepest answer)")
            .tags(this.nodeTag)
            .register(registry);
    this.rtt =
        Timer.builder("discv5.rtt")
            .description("Round trips: request sent to its first response message")
            .tags(this.nodeTag)
            .publishPercentiles(0.5, 0.95)
            .register(registry);
    this.lookupStalls =
        Counter.builder("discv5.lookup.stalls")
            .description("Lookup queries that passed their stall time and freed their slot")
            .tags(this.nodeTag)
            .register(registry);
    this.lookupLate =
        Counter.builder("discv5.lookup.late_responses")
            .description("Answers of stalled lookup queries, used when they came")
            .tags(this.nodeTag)
            .register(registry);
  }

  /** Binds the round-trip estimator's gauges (peers with an estimate; the node's smoothed RTT). */
  void bindRtt(RttEstimator estimator) {
    Gauge.builder("discv5.rtt.peers", estimator, RttEstimator::peerCount)
        .description("peers with a round-trip estimate of their own")
        .tags(nodeTag)
        .register(registry);
    Gauge.builder(
            "discv5.rtt.smoothed",
            estimator,
            e -> e.nodeSmoothedMicros().isPresent() ? e.nodeSmoothedMicros().getAsLong() / 1e6 : 0)
        .description("the node's smoothed round trip (RFC 6298 srtt)")
        .baseUnit("seconds")
        .tags(nodeTag)
        .register(registry);
  }

  void roundTrip(long nanos) {
    rtt.record(Duration.ofNanos(nanos));
  }

  /** Binds the gauges and function counters that read live state. */
  void bind(
      SessionStats stats,
      Supplier<Integer> sessions,
      Supplier<Integer> tableEntries,
      Supplier<Integer> heldSubnetSlots,
      Supplier<Integer> pendingRequests) {
    FunctionCounter.builder("discv5.packets.in", stats, SessionStats::packetsReceived)
        .tags(nodeTag)
        .register(registry);
    FunctionCounter.builder("discv5.packets.out", stats, SessionStats::packetsSent)
        .tags(nodeTag)
        .register(registry);
    FunctionCounter.builder("discv5.bytes.in", stats, SessionStats::bytesReceived)
        .tags(nodeTag)
        .register(registry);
    FunctionCounter.builder("discv5.bytes.out", stats, SessionStats::bytesSent)
        .tags(nodeTag)
        .register(registry);
    FunctionCounter.builder("discv5.handshakes", stats, SessionStats::handshakesInitiated)
        .tags(nodeTag.and("role", "initiator"))
        .register(registry);
    FunctionCounter.builder("discv5.handshakes", stats, SessionStats::handshakesAccepted)
        .tags(nodeTag.and("role", "recipient"))
        .register(registry);
    FunctionCounter.builder("discv5.handshakes.failed", stats, SessionStats::handshakesFailed)
        .tags(nodeTag)
        .register(registry);
    FunctionCounter.builder("discv5.whoareyou.sent", stats, SessionStats::whoareyouSent)
        .tags(nodeTag)
        .register(registry);
    Gauge.builder("discv5.crypto.backend", () -> 1)
        .description("the secp256k1 implementation in use (tag backend: native or bouncycastle)")
        .tags(nodeTag.and("backend", CurveBackend.active()))
        .register(registry);
    Gauge.builder("discv5.sessions", sessions, s -> s.get()).tags(nodeTag).register(registry);
    Gauge.builder("discv5.table.entries", tableEntries, s -> s.get())
        .tags(nodeTag)
        .register(registry);
    Gauge.builder("discv5.table.held_subnet_slots", heldSubnetSlots, s -> s.get())
        .description("subnet slots still counted for entries dropped without ever answering")
        .tags(nodeTag)
        .register(registry);
    Gauge.builder("discv5.requests.pending", pendingRequests, s -> s.get())
        .tags(nodeTag)
        .register(registry);
  }

  /** Binds the provider store's outcome counters and sizes. */
  /** Peers heard from that are not known to read Logos Routing Records (Codex nodes). */
  void bindFormats(java.util.function.IntSupplier legacyPeers) {
    Gauge.builder("discv5.peers.legacy", legacyPeers, s -> s.getAsInt())
        .tags(nodeTag)
        .description("peers heard from that announce no Logos record support (Codex nodes)")
        .strongReference(true)
        .register(registry);
  }

  void bindProviders(ProviderStore store) {
    for (AddOutcome o : AddOutcome.values()) {
      FunctionCounter.builder("discv5.providers.adds", store, s -> s.addCount(o))
          .description("ADD_PROVIDER outcomes: stored, refreshed, updated, or refused by reason")
          .tags(nodeTag.and("outcome", o.name().toLowerCase(java.util.Locale.ROOT)))
          .register(registry);
    }
    FunctionCounter.builder("discv5.providers.expired", store, ProviderStore::expiredCount)
        .tags(nodeTag)
        .register(registry);
    Gauge.builder("discv5.providers.records", store, ProviderStore::size)
        .tags(nodeTag)
        .register(registry);
    Gauge.builder("discv5.providers.bytes", store, ProviderStore::bytes)
        .tags(nodeTag)
        .register(registry);
  }

  void messageIn(Message m) {
    count("discv5.messages.in", "kind", kind(m));
  }

  void messageOut(Message m) {
    count("discv5.messages.out", "kind", kind(m));
  }

  void drop(DropReason reason, DecodeException.Reason detail) {
    count("discv5.drops", "reason", reason.name());
    if (detail != null) {
      count("discv5.decode.failures", "reason", detail.name());
    }
  }

  void sendFailed(SendFailure reason) {
    count("discv5.send.failures", "reason", reason.name());
  }

  void timeout(Message request) {
    count("discv5.requests.timeouts", "kind", kind(request));
  }

  void unsolicited(Message response) {
    count("discv5.responses.unsolicited", "kind", kind(response));
  }

  void recordRejected(String reason) {
    count("discv5.records.rejected", "reason", reason);
  }

  void ignoredMessage(int type) {
    count("discv5.messages.ignored", "type", Integer.toString(type));
  }

  void datagramDropped(String reason) {
    count("discv5.datagrams.dropped", "reason", reason);
  }

  void tableEvent(String event) {
    count("discv5.table.events", "event", event);
  }

  void event(String name, String tag, String value) {
    count(name, tag, value);
  }

  void lookupDone(Duration duration, int rounds, int stalls, int lateResponses) {
    lookupTimer.record(duration);
    lookupRounds.record(rounds);
    lookupStalls.increment(stalls);
    lookupLate.increment(lateResponses);
  }

  MeterRegistry registry() {
    return registry;
  }

  Tags nodeTags() {
    return nodeTag;
  }

  private void count(String name, String tag, String value) {
    String key = name + '|' + value;
    Counter c = counters.get(key);
    if (c == null) {
      c = Counter.builder(name).tags(nodeTag.and(tag, value)).register(registry);
      counters.put(key, c);
    }
    c.increment();
  }

  static String kind(Message m) {
    return switch (m.type()) {
      case 0x01 -> "ping";
      case 0x02 -> "pong";
      case 0x03 -> "findnode";
      case 0x04 -> "nodes";
      case 0x05 -> "talkreq";
      case 0x06 -> "talkresp";
      case 0x0B -> "add_provider";
      case 0x0C -> "get_providers";
      case 0x0D -> "providers";
      case 0x83 -> "findnode_fast";
      default -> "other";
    };
  }
}
