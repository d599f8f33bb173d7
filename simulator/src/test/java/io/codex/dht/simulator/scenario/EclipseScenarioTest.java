package io.codex.dht.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.simulator.report.EclipseStats;
import io.codex.dht.simulator.report.RunReport;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A small eclipse run (security test E4: 80 honest nodes, one attacker /24 of 50 IPs, a few minutes
 * of attack, each victim in a network of its own): with the table's IP limits the attacker holds at
 * most 10 entries of the victim's table, with three lookup paths or one; without them (the negative
 * control) it breaks that bound and holds a larger share.
 *
 * <p>Lookup quality is reported by the scenario but not asserted: the table limits alone do not
 * keep an attacker that answers with ground ids out of the lookups' results (see the report).
 */
class EclipseScenarioTest {
  @Test
  void ipLimitsBoundTheAttackerAndTheControlIsEclipsed() {
    SimConfig config =
        SimConfig.defaults().toBuilder()
            .nodes(80)
            .seed(5)
            .scenarios(Set.of(Scenario.ECLIPSE))
            .settle(Duration.ofSeconds(10))
            .lookups(60)
            .attacks(AttackConfig.defaults().withEclipse(List.of(1), Duration.ofMinutes(2), 8))
            .build();
    RunReport report = Simulation.run(config, Progress.NONE);
    EclipseStats e = report.eclipse();
    assertEquals(4, e.runs().size());
    EclipseStats.Run defended = e.runs().get(0);
    EclipseStats.Run onePath = e.runs().get(1);
    EclipseStats.Run control = e.runs().get(2);
    EclipseStats.Run open = e.runs().get(3);
    assertTrue(defended.ipLimits() && defended.inboundCap() && defended.paths() == 3);
    assertTrue(onePath.ipLimits() && onePath.inboundCap() && onePath.paths() == 1);
    assertTrue(control.paths() == 1 && open.paths() == 1);
    assertTrue(!control.ipLimits() && control.inboundCap());
    assertTrue(!open.ipLimits() && !open.inboundCap());
    assertTrue(defended.tableEntries() > 0, "the victim joined");
    assertTrue(
        defended.attackerEntries() <= defended.bound(),
        "at most 10 per /24: " + defended.attackerEntries());
    assertTrue(defended.attackerEntries() > 0, "the attack reached the victim");
    assertTrue(onePath.tableEntries() > 0 && onePath.attackerEntries() <= onePath.bound());
    assertTrue(
        control.attackerEntries() > control.bound(),
        "negative control: without IP limits the attacker exceeds 10 per /24: "
            + control.attackerEntries());
    assertTrue(control.attackerShare() > defended.attackerShare());
    assertTrue(
        open.attackerEntries() > control.bound(),
        "with the inbound cap off too the attacker still exceeds 10 per /24: "
            + open.attackerEntries());
    assertEquals(0, report.failedEvents(), "no node task threw");
    assertEquals(0, e.failedEvents(), "no node task threw in the victims' networks");
  }
}
