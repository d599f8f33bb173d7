package io.codex.dht.simulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codex.dht.simulator.report.JsonReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small run of every scenario (100 nodes in memory), made twice with the same seed through the
 * command line, with and without a crypto thread: the JSON is the same apart from the wall-clock
 * fields, the success rates meet the targets, and the report holds its charts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmallRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> REQUIRED =
      List.of(
          "nodes",
          "transport",
          "seed",
          "lookups",
          "lookupSuccessRate",
          "lookupP50Ms",
          "lookupP95Ms",
          "medianRounds",
          "providerSuccessRate",
          "serviceRecall",
          "packetsSent",
          "bytesSent",
          "peakHeapBytes",
          "wallSeconds");

  @TempDir static Path dir;
  private JsonNode first;
  private JsonNode second;
  private int firstExit;

  @BeforeAll
  void runTwice() throws IOException {
    // The second run computes all its cryptography on the event loop, the first also on a worker
    // thread: the crypto threads may change how fast a run goes, never what it measures.
    firstExit = run("a", true, 1);
    first = JSON.readTree(dir.resolve("a.json").toFile());
    assertEquals(0, run("b", false, 0));
    second = JSON.readTree(dir.resolve("b.json").toFile());
  }

  private int run(String name, boolean report, int cryptoThreads) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--nodes=100",
                "--seed=7",
                "--lookups=200",
                "--cids=20",
                "--services=2",
                "--advertisers=5",
                "--duration=30s",
                "--settle=10s",
                "--no-progress",
                "--crypto-threads=" + cryptoThreads,
                "--min-success=0.99",
                "--json=" + dir.resolve(name + ".json")));
    if (report) {
      args.add("--report=" + dir.resolve("report"));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    return SimulatorCommand.run(
        args.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @Test
  void sameSeedGivesTheSameJson() {
    assertEquals(withoutWallClock(first), withoutWallClock(second));
    assertTrue(first.get("packetsSent").asLong() > 10_000, "the run exchanged packets");
  }

  @Test
  void successRatesMeetTheTargets() {
    assertEquals(0, firstExit, "--min-success 0.99 held");
    assertEquals(100, first.get("nodes").asInt());
    assertEquals("memory", first.get("transport").asText());
    assertEquals(200, first.get("lookups").asInt());
    assertTrue(first.get("lookupSuccessRate").asDouble() >= 0.99, first.toString());
    assertTrue(first.get("providerSuccessRate").asDouble() >= 0.99, first.toString());
    assertTrue(first.get("serviceRecall").asDouble() >= 0.99, first.toString());
    assertTrue(first.get("lossLookupSuccessRate").asDouble() >= 0.95, first.toString());
    assertTrue(first.get("churnLookupSuccessRate").asDouble() >= 0.95, first.toString());
    assertTrue(first.get("medianRounds").asDouble() <= 4, first.toString());
    for (String field : REQUIRED) {
      assertTrue(first.hasNonNull(field), "field " + field);
    }
  }

  @Test
  void reportHoldsTheChartsAndThePage() throws IOException {
    Path report = dir.resolve("report");
    String html = Files.readString(report.resolve("index.html"));
    for (String png : List.of("lookup-latency-cdf.png", "lookup-rounds.png", "table-entries.png")) {
      byte[] bytes = Files.readAllBytes(report.resolve(png));
      assertTrue(bytes.length > 1000, png + " has content");
      assertEquals((byte) 0x89, bytes[0], png + " is a PNG");
      assertEquals('P', bytes[1], png + " is a PNG");
      assertTrue(html.contains(png), "index.html shows " + png);
    }
  }

  private static JsonNode withoutWallClock(JsonNode node) {
    ObjectNode copy = node.deepCopy();
    copy.remove(JsonReport.WALL_CLOCK_FIELDS);
    return copy;
  }
}
