package io.codex.dht.simulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.simulator.scenario.Scenario;
import io.codex.dht.simulator.scenario.SimConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The attack scenarios' options: named only, never part of "all", memory transport only. */
class AttackOptionsTest {
  private static SimConfig parse(String... args) {
    SimulatorCommand command = new SimulatorCommand(System.out, System.err);
    new CommandLine(command).parseArgs(args);
    return command.config();
  }

  @Test
  void allLeavesTheAttacksOut() {
    SimConfig c = parse();
    assertFalse(c.runs(Scenario.ECLIPSE));
    assertFalse(c.runs(Scenario.PROVIDER_SPAM));
    assertTrue(c.runs(Scenario.LOOKUP));
  }

  @Test
  void attacksAreNamedWithTheirSettings() {
    SimConfig c =
        parse(
            "--scenario",
            "eclipse,provider-spam",
            "--attack-subnets",
            "4",
            "--attack-duration",
            "10m",
            "--spam-messages",
            "500");
    assertTrue(c.runs(Scenario.ECLIPSE));
    assertTrue(c.runs(Scenario.PROVIDER_SPAM));
    assertEquals(List.of(4), c.attacks().eclipseSubnets());
    assertEquals(Duration.ofMinutes(10), c.attacks().eclipseDuration());
    assertEquals(500, c.attacks().spamMessages());
    assertEquals(List.of(1, 4, 16), parse().attacks().eclipseSubnets());
  }

  @Test
  void attacksNeedTheMemoryTransport() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        SimulatorCommand.run(
            new String[] {"--scenario", "eclipse", "--transport", "udp"},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, exit);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("memory"));
  }
}
