package io.codex.dht.simulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs that cannot succeed end with a report of the failure and an exit code, never a hang. */
class FailureRunTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return SimulatorCommand.run(
        args,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void everyPacketLostReportsFailedLookups() throws IOException {
    Path json = dir.resolve("lost.json");
    int exit =
        run(
            "--nodes=100",
            "--seed=3",
            "--loss=1.0",
            "--scenario=lookup",
            "--lookups=50",
            "--no-progress",
            "--min-success=0.99",
            "--json=" + json);

    assertEquals(1, exit, "below --min-success");
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertEquals(50, report.get("lookups").asInt());
    // Only targets already in the searcher's table (its bootstrap nodes) can be found.
    assertTrue(report.get("lookupSuccessRate").asDouble() < 0.1, report.toString());
    assertEquals(report.get("packetsSent").asLong(), report.get("packetsDropped").asLong());
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("below --min-success"));
  }

  @Test
  void badOptionsExitWithTwo() {
    assertEquals(2, run("--transport=carrier-pigeon", "--no-progress"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("memory or udp"));
    assertEquals(2, run("--scenario=everything", "--no-progress"));
    assertEquals(2, run("--nodes=many"));
    assertEquals(2, run("--crypto=openssl", "--nodes=10", "--no-progress"));
  }
}
