package io.codex.dht.discv5.records;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The records' meters: {@code discv5.values.refused{reason}}, {@code discv5.values.puts{outcome}},
 * {@code discv5.values.gets{result}}, {@code discv5.values.answers{result}}, {@code
 * discv5.values.corrections}, gauges {@code discv5.values.stored} and {@code discv5.values.bytes},
 * timers {@code discv5.values.put.duration} and {@code discv5.values.get.duration}. Counted on the
 * node's thread.
 */
final class RecordMetrics {
  private final MeterRegistry registry;
  private final Tags tags;
  private final Map<String, Counter> counters = new HashMap<>();
  final Timer putTimer;
  final Timer getTimer;

  RecordMetrics(MeterRegistry registry, Tags tags, ValueStore store) {
    this.registry = registry;
    this.tags = tags;
    Gauge.builder("discv5.values.stored", store, ValueStore::size).tags(tags).register(registry);
    Gauge.builder("discv5.values.bytes", store, ValueStore::bytes).tags(tags).register(registry);
    this.putTimer =
        Timer.builder("discv5.values.put.duration")
            .tags(tags)
            .publishPercentiles(0.5, 0.95)
            .register(registry);
    this.getTimer =
        Timer.builder("discv5.values.get.duration")
            .tags(tags)
            .publishPercentiles(0.5, 0.95)
            .register(registry);
  }

  void refused(Rejection.Reason reason) {
    count("discv5.values.refused", "reason", reason.tag());
  }

  void refused(String reason) {
    count("discv5.values.refused", "reason", reason);
  }

  void put(PutOutcome outcome) {
    count("discv5.values.puts", "outcome", outcome.tag());
  }

  void get(String result) {
    count("discv5.values.gets", "result", result);
  }

  void answer(String result) {
    count("discv5.values.answers", "result", result);
  }

  void correction() {
    count("discv5.values.corrections", "kind", "sent");
  }

  static Duration nanos(long n) {
    return Duration.ofNanos(n);
  }

  private void count(String name, String tag, String value) {
    counters
        .computeIfAbsent(
            name + '|' + value,
            k -> Counter.builder(name).tags(tags.and(tag, value)).register(registry))
        .increment();
  }
}
