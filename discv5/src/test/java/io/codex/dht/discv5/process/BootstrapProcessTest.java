package io.codex.dht.discv5.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.codex.dht.spr.SignedPeerRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bootstrap command as an operator runs it: first stdout line, key kept across restarts, status
 * lines, JSON log lines, the metrics listener, a clean stop on SIGTERM; and a sidecar whose
 * bootstrap node is gone, which stays unjoined (503) but keeps serving what it can.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
class BootstrapProcessTest {
  static final String CID = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";

  @TempDir Path dir;

  private final List<DhtProcess> processes = new ArrayList<>();

  @AfterEach
  void stopAll() {
    processes.forEach(DhtProcess::close);
  }

  @Test
  void bootstrapNodeKeepsItsKeyLogsStatusAndStopsOnSigterm() throws Exception {
    Path data = dir.resolve("boot");
    int metricsPort = DhtProcess.freePort();
    DhtProcess first =
        keep(
            DhtProcess.start(
                dir,
                "boot-1",
                Map.of("DISCV5_LOG_FORMAT", "json"),
                "bootstrap",
                "--data-dir",
                data.toString(),
                "--listen",
                "127.0.0.1:0",
                "--metrics",
                "127.0.0.1:" + metricsPort,
                "--status-interval",
                "1"));
    SignedPeerRecord record = SignedPeerRecord.fromText(first.firstLine());
    assertTrue(Files.isRegularFile(data.resolve("node.key")));

    Api metrics = new Api(metricsPort);
    Api.Reply health = metrics.get("/health");
    assertEquals(503, health.status(), "a lone bootstrap node has not joined: " + health);
    assertEquals("joining", health.json().get("status").asText());
    PrometheusText.parse(metrics.get("/metrics").body());
    assertEquals(200, metrics.get("/api/v1/node").status(), "the read-only API for the page");
    assertTrue(metrics.get("/ui").body().contains("<title>Codex DHT node</title>"));
    assertEquals(
        404,
        metrics.post("/api/v1/providers/" + CID).status(),
        "the metrics listener changes nothing");
    assertEquals(
        404,
        metrics.get("/api/v1/nodes/" + "ab".repeat(32)).status(),
        "the metrics listener starts no lookup");
    assertEquals(404, metrics.get("/api/v1/providers/" + CID).status(), "nor a provider lookup");

    awaitStderr(first, "status: not joined");
    int code = first.terminate();
    assertTrue(code == 143 || code == 0, "exit code after SIGTERM: " + code);
    String log = first.stderr();
    assertTrue(log.contains("\"formattedMessage\":\"stopped\""), log);
    for (String line : log.strip().split("\n")) {
      JsonNode json = Api.json(line);
      assertTrue(json.has("level") && json.has("formattedMessage"), line);
    }
    assertEquals(record.toText(), first.stdout().strip(), "stdout holds the spr: line only");

    DhtProcess second =
        keep(
            DhtProcess.start(
                dir,
                "boot-2",
                "bootstrap",
                "--data-dir",
                data.toString(),
                "--listen",
                "127.0.0.1:0"));
    SignedPeerRecord again = SignedPeerRecord.fromText(second.firstLine());
    assertEquals(record.nodeId(), again.nodeId(), "the key is kept");
    assertTrue(Long.compareUnsigned(again.seq(), record.seq()) > 0, "the seq grows");
    assertFalse(second.stderr().contains("created a new node key"), second.stderr());
    second.terminate();

    sidecarWithADeadBootstrapNodeAnswers503(first.firstLine());
  }

  /** The bootstrap node of {@code deadSpr} is stopped: the sidecar never joins. */
  private void sidecarWithADeadBootstrapNodeAnswers503(String deadSpr) throws Exception {
    int port = DhtProcess.freePort();
    DhtProcess node =
        keep(
            DhtProcess.start(
                dir,
                "lonely",
                "node",
                "--data-dir",
                dir.resolve("lonely").toString(),
                "--listen",
                "127.0.0.1:0",
                "--api",
                "127.0.0.1:" + port,
                "--bootstrap-node",
                deadSpr));
    node.firstLine();
    Api api = new Api(port);
    Api.Reply health = api.get("/health");
    assertEquals(503, health.status(), health.toString());
    assertEquals(200, api.get("/api/v1/node").status());
    assertFalse(api.get("/api/v1/node").json().get("joined").asBoolean());
    for (String[] c :
        List.of(
            new String[] {"GET", "/api/v1/providers/" + CID},
            new String[] {"POST", "/api/v1/providers/" + CID},
            new String[] {"GET", "/api/v1/peers?service=x"},
            new String[] {"GET", "/api/v1/nodes/" + "ab".repeat(32)})) {
      Api.Reply r = api.send(c[0], c[1], c[0].equals("POST") ? "" : null);
      assertEquals(503, r.status(), c[0] + " " + c[1] + " -> " + r);
      assertEquals("not_joined", r.json().get("error").asText());
    }
    assertEquals(400, api.get("/api/v1/providers/nope").status(), "bad input is still 400");
    int code = node.terminate();
    assertTrue(code == 143 || code == 0, "exit code after SIGTERM: " + code);
  }

  private DhtProcess keep(DhtProcess p) {
    processes.add(p);
    return p;
  }

  private static void awaitStderr(DhtProcess p, String text) throws InterruptedException {
    long deadline = System.nanoTime() + 90_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (p.stderr().contains(text)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no '" + text + "' in\n" + p.stderr());
  }
}
