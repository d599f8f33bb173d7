package io.codex.dht.discv5.cli;

import io.codex.dht.discv5.Discv5Node;
import io.codex.dht.discv5.providers.ProviderStore;
import io.codex.dht.discv5.store.NodeStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one-line status logged every interval: joined, table, sessions, packets, providers. */
final class StatusLine {
  private static final Logger LOG = LoggerFactory.getLogger(StatusLine.class);

  private final Discv5Node node;
  private final MeterRegistry registry;
  private final ProviderStore providers;
  private final NodeStore store;
  private final BooleanSupplier joined;

  StatusLine(
      Discv5Node node,
      MeterRegistry registry,
      ProviderStore providers,
      NodeStore store,
      BooleanSupplier joined) {
    this.node = node;
    this.registry = registry;
    this.providers = providers;
    this.store = store;
    this.joined = joined;
  }

  /** Logs the status line. */
  void log() {
    LOG.info(
        "status: {}, table {}, sessions {}, packets in {} out {}, providers stored {}, announcing {}",
        joined.getAsBoolean() ? "joined" : "not joined",
        node.tableSize(),
        node.sessionCount(),
        count("discv5.packets.in"),
        count("discv5.packets.out"),
        providers.size(),
        store.announcedCount());
  }

  private long count(String name) {
    FunctionCounter c = registry.find(name).functionCounter();
    return c == null ? 0 : (long) c.count();
  }
}
