package io.codex.dht.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.simulator.report.JsonReport;
import io.codex.dht.simulator.report.MixedStats;
import io.codex.dht.simulator.report.RunReport;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A small mixed run: 60 nodes, every second one a Codex v0.5 stand-in. Lookups from both kinds,
 * services among our nodes and providers across the kinds all succeed, no stand-in meets a message
 * it cannot decode, and the filter had work to do (records were withheld).
 */
class MixedScenarioTest {
  @Test
  void codexStandInsAndOurNodesWorkTogether() {
    SimConfig config =
        SimConfig.defaults().toBuilder()
            .nodes(60)
            .seed(5)
            .scenarios(Set.of(Scenario.MIXED))
            .legacyShare(0.5)
            .settle(Duration.ofSeconds(10))
            .lookups(100)
            .cids(20)
            .services(2, 4)
            .build();
    RunReport report = Simulation.run(config, Progress.NONE);
    MixedStats m = report.mixed();
    assertEquals(30, m.legacyNodes());
    assertEquals(30, m.ourNodes());
    assertTrue(m.legacyLookups().successRate() >= 0.99, "from Codex: " + m.legacyLookups());
    assertTrue(m.ourLookups().successRate() >= 0.99, "from ours: " + m.ourLookups());
    assertEquals(1.0, m.serviceRecall(), 1e-9);
    assertEquals(20, m.providersOursToLegacy());
    assertEquals(1.0, m.oursToLegacyRate(), 1e-9);
    assertEquals(1.0, m.legacyToOursRate(), 1e-9);
    assertEquals(0, m.undecodable(), "messages a Codex stand-in could not decode");
    assertTrue(
        m.withheldTotal() + m.plainRelayed() > 0, "Logos records were kept from Codex nodes: " + m);
    assertEquals(0, report.failedEvents());
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) JsonReport.toMap(report).get("mixed");
    assertEquals(0L, json.get("legacyUndecodableMessages"));
  }

  @Test
  void legacyNodesAreSpreadEvenly() {
    SimConfig config = SimConfig.defaults().toBuilder().nodes(10).legacyShare(0.5).build();
    try (MemoryCluster c = new MemoryCluster(config)) {
      int legacy = 0;
      for (int i = 0; i < 10; i++) {
        legacy += c.isLegacy(i) ? 1 : 0;
        assertEquals(i % 2 == 1, c.isLegacy(i), "every second node");
      }
      assertEquals(5, legacy);
    }
    SimConfig none = SimConfig.defaults().toBuilder().nodes(10).build();
    try (MemoryCluster c = new MemoryCluster(none)) {
      for (int i = 0; i < 10; i++) {
        assertTrue(!c.isLegacy(i), "no stand-ins by default");
      }
    }
  }
}
