package io.codex.dht.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.simulator.report.JsonReport;
import io.codex.dht.simulator.report.RecordStats;
import io.codex.dht.simulator.report.RunReport;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A small records run: every record put is got back from another node, and it is reported. */
class RecordScenarioTest {
  @Test
  void recordsPutAreGotFromOtherNodes() {
    SimConfig config =
        SimConfig.defaults().toBuilder()
            .nodes(30)
            .seed(22)
            .scenarios(Set.of(Scenario.RECORDS))
            .settle(Duration.ofSeconds(10))
            .cids(10)
            .build();
    RunReport report = Simulation.run(config, Progress.NONE);
    RecordStats r = report.records();
    assertEquals(10, r.records());
    assertEquals(10, r.put());
    assertTrue(r.meanStoredAt() >= 10, "stored at " + r.meanStoredAt());
    assertEquals(10, r.succeeded(), "every record got back");
    assertTrue(r.p95Ms() >= r.p50Ms() && r.p50Ms() > 0);
    Map<String, Object> json = JsonReport.toMap(report);
    assertEquals(1.0, ((Number) json.get("recordSuccessRate")).doubleValue());
    assertEquals(0, report.failedEvents(), "no node task threw");
  }
}
