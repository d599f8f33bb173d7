package io.codex.dht.discv5.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.codex.dht.spr.SignedPeerRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bootstrap node and two sidecars, each its own process on 127.0.0.1, started as a user starts
 * them: content and services announced through one sidecar's API are found through the other's and
 * by the {@code lookup} command; the API answers bad input with 400s; metrics are Prometheus text;
 * a second sidecar on a data dir in use refuses to start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
class SidecarClusterTest {
  static final String CID = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
  static final Duration HEALTHY = Duration.ofSeconds(90);

  private Path dir;
  private final List<DhtProcess> processes = new ArrayList<>();
  private String bootstrapSpr;
  private DhtProcess a;
  private DhtProcess b;
  private Api apiA;
  private Api apiB;

  @BeforeAll
  void startCluster(@TempDir Path tmp) throws Exception {
    dir = tmp;
    DhtProcess boot =
        keep(
            DhtProcess.start(
                dir,
                "bootstrap",
                "bootstrap",
                "--data-dir",
                dir.resolve("boot").toString(),
                "--listen",
                "127.0.0.1:0"));
    bootstrapSpr = boot.firstLine();
    int portA = DhtProcess.freePort();
    int portB = DhtProcess.freePort();
    a = keep(sidecar("a", portA, "--service", "/mix/1.0.0=0a0b"));
    apiA = new Api(portA);
    apiA.awaitHealthy(a, HEALTHY); // one at a time: a joining node does not take inbound peers
    b =
        keep(
            DhtProcess.start(
                dir,
                "b",
                Map.of(
                    "DISCV5_DATA_DIR",
                    dir.resolve("b").toString(),
                    "DISCV5_API",
                    "127.0.0.1:" + portB,
                    "DISCV5_LISTEN",
                    "127.0.0.1:0",
                    "DISCV5_BOOTSTRAP_NODE",
                    bootstrapSpr),
                "node"));
    apiB = new Api(portB);
    apiB.awaitHealthy(b, HEALTHY);
  }

  private DhtProcess sidecar(String name, int apiPort, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "node",
                "--data-dir",
                dir.resolve(name).toString(),
                "--listen",
                "127.0.0.1:0",
                "--api",
                "127.0.0.1:" + apiPort,
                "--bootstrap-node",
                bootstrapSpr));
    args.addAll(List.of(extra));
    return DhtProcess.start(dir, name, args.toArray(String[]::new));
  }

  private DhtProcess keep(DhtProcess p) {
    processes.add(p);
    return p;
  }

  @AfterAll
  void stopCluster() {
    processes.forEach(DhtProcess::close);
  }

  @Test
  void firstStdoutLineIsTheNodesRecordAndTheApiDescribesTheNode() throws Exception {
    SignedPeerRecord printed = SignedPeerRecord.fromText(a.firstLine());
    JsonNode node = apiA.get("/api/v1/node").json();
    assertEquals(printed.nodeId().toHex(), node.get("nodeId").asText());
    assertEquals(printed.peerId().toBase58(), node.get("peerId").asText());
    assertEquals("/mix/1.0.0", node.get("services").get(0).get("id").asText());
    assertEquals("0a0b", node.get("services").get(0).get("data").asText());
    assertTrue(node.get("joined").asBoolean());
    assertTrue(node.get("tableEntries").asInt() >= 1, node.toString());
    assertTrue(node.get("addresses").get(0).asText().startsWith("/ip4/127.0.0.1/udp/"));
    String spr = apiA.get("/api/v1/spr").json().get("spr").asText();
    assertEquals(printed.nodeId(), SignedPeerRecord.fromText(spr).nodeId());
    assertEquals(node.get("spr").asText(), spr);
  }

  @Test
  void aCidAnnouncedThroughOneSidecarIsFoundThroughTheOther() throws Exception {
    Api.Reply announced = apiA.post("/api/v1/providers/" + CID);
    assertEquals(200, announced.status(), announced.toString());
    assertTrue(announced.json().get("firstAnnouncementDone").asBoolean());
    String peerA = apiA.get("/api/v1/node").json().get("peerId").asText();

    Api.Reply found = apiB.get("/api/v1/providers/" + CID + "?max=10");
    assertEquals(200, found.status(), found.toString());
    JsonNode provider = providerWithPeer(found.json().get("providers"), peerA);
    assertTrue(provider.get("seq").asLong() > 0);
    assertTrue(provider.get("addresses").get(0).asText().startsWith("/ip4/127.0.0.1/udp/"));
    assertEquals(
        peerA, SignedPeerRecord.fromText(provider.get("spr").asText()).peerId().toBase58());

    DhtProcess lookup = lookup("lookup-cid", "--cid", CID);
    assertEquals(0, lookup.waitForExit(120), lookup.stderr());
    JsonNode out = Api.json(lookup.stdout());
    assertTrue(out.get("found").asBoolean());
    providerWithPeer(out.get("providers"), peerA);

    Api.Reply withdrawn = apiA.delete("/api/v1/providers/" + CID);
    assertEquals(200, withdrawn.status(), withdrawn.toString());
    assertTrue(withdrawn.json().get("withdrawn").asBoolean());
    assertFalse(apiA.delete("/api/v1/providers/" + CID).json().get("withdrawn").asBoolean());
  }

  @Test
  void aServiceAdvertisedByOneSidecarIsFoundFromTheOther() throws Exception {
    String peerA = apiA.get("/api/v1/node").json().get("peerId").asText();
    Api.Reply peers = apiB.get("/api/v1/peers?service=/mix/1.0.0&max=5");
    assertEquals(200, peers.status(), peers.toString());
    assertEquals(
        "0a0b", providerWithPeer(peers.json().get("peers"), peerA).get("serviceData").asText());

    long seqBefore = apiB.get("/api/v1/node").json().get("seq").asLong();
    Api.Reply put =
        apiB.put(
            "/api/v1/services", "{\"services\":[{\"id\":\"/cluster-test/1\",\"data\":\"01ff\"}]}");
    assertEquals(200, put.status(), put.toString());
    assertTrue(put.json().get("seq").asLong() > seqBefore);
    String peerB = apiB.get("/api/v1/node").json().get("peerId").asText();
    Api.Reply fromA = apiA.get("/api/v1/peers?service=/cluster-test/1");
    assertEquals(200, fromA.status(), fromA.toString());
    assertEquals(
        "01ff", providerWithPeer(fromA.json().get("peers"), peerB).get("serviceData").asText());

    DhtProcess lookup = lookup("lookup-service", "--service", "/mix/1.0.0");
    assertEquals(0, lookup.waitForExit(120), lookup.stderr());
    providerWithPeer(Api.json(lookup.stdout()).get("peers"), peerA);
  }

  @Test
  void nodesAreResolvedAndUnknownOnesAreNot() throws Exception {
    String idA = apiA.get("/api/v1/node").json().get("nodeId").asText();
    Api.Reply resolved = apiB.get("/api/v1/nodes/" + idA);
    assertEquals(200, resolved.status(), resolved.toString());
    assertEquals(idA, resolved.json().get("nodeId").asText());
    String unknown = "00000000000000000000000000000000000000000000000000000000000000ff";
    Api.Reply missing = apiB.get("/api/v1/nodes/" + unknown);
    assertEquals(404, missing.status(), missing.toString());
    assertEquals("not_found", missing.json().get("error").asText());

    DhtProcess found = lookup("lookup-node", "--node-id", idA);
    assertEquals(0, found.waitForExit(120), found.stderr());
    DhtProcess notFound = lookup("lookup-unknown", "--node-id", unknown, "--timeout", "20");
    assertEquals(1, notFound.waitForExit(120), notFound.stderr());
    assertFalse(Api.json(notFound.stdout()).get("found").asBoolean());
  }

  @Test
  void metricsAreValidPrometheusText() throws Exception {
    Api.Reply metrics = apiA.get("/metrics");
    assertEquals(200, metrics.status());
    assertTrue(
        metrics.contentType().startsWith("text/plain; version=0.0.4"), metrics.contentType());
    List<PrometheusText.Sample> samples = PrometheusText.parse(metrics.body());
    for (String name :
        List.of(
            "discv5_packets_in_total",
            "discv5_packets_out_total",
            "discv5_table_entries",
            "discv5_sessions",
            "discv5_providers_records",
            "jvm_memory_used_bytes",
            "process_uptime_seconds")) {
      assertTrue(samples.stream().anyMatch(s -> s.name().equals(name)), name + " missing");
    }
    double packetsIn =
        samples.stream()
            .filter(s -> s.name().equals("discv5_packets_in_total"))
            .mapToDouble(PrometheusText.Sample::value)
            .sum();
    assertTrue(packetsIn > 0, "packets in: " + packetsIn);
  }

  @Test
  void everyEndpointAnswersBadInputWith400AndAMessage() throws Exception {
    String badCid = "/api/v1/providers/bafy-not-a-cid";
    List<String[]> cases =
        List.of(
            new String[] {"GET", "/api/v1/nodes/12345", null, "bad_node_id"},
            new String[] {"GET", "/api/v1/nodes/" + "zz".repeat(32), null, "bad_node_id"},
            new String[] {"GET", "/api/v1/peers", null, "bad_parameter"},
            new String[] {"GET", "/api/v1/peers?service=", null, "bad_service_id"},
            new String[] {"GET", "/api/v1/peers?service=a%20b", null, "bad_service_id"},
            new String[] {"GET", "/api/v1/peers?service=x&max=0", null, "bad_parameter"},
            new String[] {"GET", "/api/v1/peers?service=x&max=many", null, "bad_parameter"},
            new String[] {"POST", badCid, "", "bad_cid"},
            new String[] {"POST", "/api/v1/providers/" + CID + "?x=1", "", "bad_parameter"},
            new String[] {"DELETE", badCid, null, "bad_cid"},
            new String[] {"GET", badCid, null, "bad_cid"},
            new String[] {"GET", "/api/v1/providers/Qm123", null, "bad_cid"},
            new String[] {"GET", "/api/v1/providers/" + CID + "?max=1000", null, "bad_parameter"},
            new String[] {"PUT", "/api/v1/services", "{\"services\":", "bad_json"},
            new String[] {"PUT", "/api/v1/services", "[]", "bad_json"},
            new String[] {
              "PUT", "/api/v1/services", "{\"services\":[{\"data\":\"00\"}]}", "bad_service_id"
            },
            new String[] {
              "PUT",
              "/api/v1/services",
              "{\"services\":[{\"id\":\"x\",\"data\":\"0g\"}]}",
              "bad_service_data"
            },
            new String[] {"PUT", "/api/v1/services", "{\"services\":[],\"extra\":1}", "bad_json"},
            new String[] {"GET", "/api/v1/node?verbose=1", null, "bad_parameter"},
            new String[] {"GET", "/api/v1/spr?x", null, "bad_parameter"},
            new String[] {"GET", "/health?x=1", null, "bad_parameter"},
            new String[] {"GET", "/metrics?x=1", null, "bad_parameter"});
    for (String[] c : cases) {
      Api.Reply r = apiA.send(c[0], c[1], c[2]);
      String what = c[0] + " " + c[1] + " -> " + r;
      assertEquals(400, r.status(), what);
      assertEquals(c[3], r.json().get("error").asText(), what);
      assertFalse(r.json().get("message").asText().isBlank(), what);
      assertNoStackTrace(r, what);
    }
    Api.Reply noRoute = apiA.get("/api/v1/nope");
    assertEquals(404, noRoute.status());
    assertEquals("no_route", noRoute.json().get("error").asText());
    Api.Reply wrongMethod = apiA.send("POST", "/api/v1/node", "");
    assertEquals(405, wrongMethod.status());
    assertNoStackTrace(wrongMethod, "405");
  }

  @Test
  void aSecondSidecarOnADataDirInUseRefusesToStart() throws Exception {
    DhtProcess second = keep(sidecar("a", DhtProcess.freePort()));
    int code = second.waitForExit(120);
    assertEquals(3, code, second.stderr());
    assertTrue(second.stderr().contains("is in use by another process"), second.stderr());
    assertTrue(second.stdout().isEmpty(), second.stdout());
    assertEquals(200, apiA.get("/health").status(), "the first one keeps running");
  }

  private DhtProcess lookup(String name, String... target) {
    List<String> args = new ArrayList<>(List.of("lookup", "--bootstrap-node", bootstrapSpr));
    args.addAll(List.of(target));
    return keep(DhtProcess.start(dir, name, args.toArray(String[]::new)));
  }

  private static JsonNode providerWithPeer(JsonNode list, String peerId) {
    for (JsonNode p : list) {
      if (p.get("peerId").asText().equals(peerId)) {
        return p;
      }
    }
    throw new AssertionError(peerId + " not among " + list);
  }

  private static void assertNoStackTrace(Api.Reply r, String what) {
    assertFalse(r.body().contains("Exception"), what);
    assertFalse(r.body().contains("\tat "), what);
    assertNotEquals("", r.body(), what);
  }
}
