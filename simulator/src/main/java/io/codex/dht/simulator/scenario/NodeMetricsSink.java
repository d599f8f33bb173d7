package io.codex.dht.simulator.scenario;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one metrics registry every simulated node writes to: the per-node tag is dropped so each
 * counter sums over the network, and only the message and failure counters are kept.
 *
 * <p>Implementation notes: a node registers some fifty meters, two of them timers with percentile
 * histograms; per node and per registry that is megabytes at 10,000 nodes. Here denied meters are
 * the registry's no-op meters, which hold nothing. Gauges and function counters are denied because
 * with the node tag gone they would read only the first node's state; the allow-list keeps the
 * counters the nodes increment themselves.
 */
final class NodeMetricsSink {
  private static final Set<String> KEPT =
      Set.of(
          "discv5.messages.out",
          "discv5.messages.in",
          "discv5.requests.timeouts",
          "discv5.drops",
          "discv5.send.failures",
          "discv5.records.rejected",
          "discv5.datagrams.dropped",
          "discv5.table.events",
          "discv5.records.withheld",
          "discv5.records.plain_relayed",
          "discv5.records.plain_presented",
          "discv5.records.full_requested");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  NodeMetricsSink() {
    registry
        .config()
        .meterFilter(MeterFilter.ignoreTags("node"))
        .meterFilter(
            MeterFilter.denyUnless(
                id -> id.getType() == Meter.Type.COUNTER && KEPT.contains(id.getName())));
  }

  /** The registry to give every node. */
  MeterRegistry registry() {
    return registry;
  }

  /**
   * The counts of {@code name} by the value of its one other tag, in tag order (e.g. messages out
   * by kind).
   */
  Map<String, Long> counts(String name) {
    Map<String, Long> out = new TreeMap<>();
    for (Counter c : registry.find(name).counters()) {
      String key = c.getId().getTags().isEmpty() ? "" : c.getId().getTags().get(0).getValue();
      out.merge(key, Math.round(c.count()), Long::sum);
    }
    return out;
  }
}
