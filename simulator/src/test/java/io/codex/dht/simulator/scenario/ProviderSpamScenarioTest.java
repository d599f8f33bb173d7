package io.codex.dht.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.discv5.providers.ProviderStoreConfig;
import io.codex.dht.simulator.report.ProviderSpamStats;
import io.codex.dht.simulator.report.RunReport;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A small provider-spam run (security test G2, scaled down: 5,000 ADD_PROVIDER in one second from
 * 50 ids in 10 /24s at a store capped at 500 records): the defended store stays within its cap and
 * its per-sender and per-/24 rates and honest lookups still succeed; with the limits off (the
 * negative control) the flood fills the store past the cap at an unbounded rate.
 */
class ProviderSpamScenarioTest {
  private static final int CAP = 500;

  @Test
  void storeLimitsHoldAndTheControlIsFlooded() {
    SimConfig config =
        SimConfig.defaults().toBuilder()
            .nodes(50)
            .seed(3)
            .scenarios(Set.of(Scenario.PROVIDER_SPAM))
            .settle(Duration.ofSeconds(10))
            .cids(20)
            .attacks(AttackConfig.defaults().withSpam(5_000, 50, 10, 5_000, CAP))
            .build();
    RunReport report = Simulation.run(config, Progress.NONE);
    ProviderSpamStats s = report.providerSpam();
    assertEquals(2, s.phases().size());
    ProviderSpamStats.Phase defended = s.phases().get(0);
    ProviderSpamStats.Phase control = s.phases().get(1);
    double burst = ProviderStoreConfig.DEFAULT_ADD_BURST;
    double rate = ProviderStoreConfig.DEFAULT_ADDS_PER_SECOND;
    double bucketBound = (burst + rate * s.floodSeconds()) / s.floodSeconds();

    assertTrue(control.received() >= 4_000, "the flood arrived: " + control.received());
    // Every ADD_PROVIDER the control victim decrypted reached its store (20 honest ones included);
    // what never arrived was refused by the session layer, whose drops are reported by reason.
    assertEquals(control.addsArrived(), control.received(), "arrived = offered to the store");
    assertTrue(
        defended.received() < defended.addsArrived(),
        "the per-/24 limit refuses before the store: " + defended);
    // The per-/24 limit (burst 100, then 50/s) refuses the rest before the store sees it; the
    // window allows one more second for packets still in flight, plus the 20 honest announcements.
    double subnetBound =
        10
                * (ProviderStoreConfig.DEFAULT_SUBNET_ADD_BURST
                    + ProviderStoreConfig.DEFAULT_ADDS_PER_SUBNET_PER_SECOND
                        * (s.floodSeconds() + 1))
            + 20;
    assertTrue(defended.received() <= subnetBound, "per-/24 rate: " + defended.received());
    assertTrue(defended.stored() <= CAP, "within the cap: " + defended.stored());
    assertTrue(
        defended.maxPerIdSustained() <= bucketBound + 1e-9,
        "per-sender token bucket: " + defended.maxPerIdSustained());
    assertTrue(defended.maxSubnetShare() <= 0.11, "one /24: " + defended.maxSubnetShare());
    assertTrue(defended.honestRate() >= 0.99, "honest lookups: " + defended.honestRate());

    assertTrue(
        control.stored() > CAP * 5, "negative control: the store fills: " + control.stored());
    assertTrue(
        control.maxPerIdSustained() > bucketBound,
        "negative control: no rate limit: " + control.maxPerIdSustained());
    assertEquals(0, report.failedEvents(), "no node task threw");
  }
}
