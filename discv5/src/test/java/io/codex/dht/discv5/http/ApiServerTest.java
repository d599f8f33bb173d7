package io.codex.dht.discv5.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codex.dht.discv5.store.StoreException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API's answers for a backend in every state: not joined, joined, failing, slow. */
class ApiServerTest {
  static final String CID = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
  static final ObjectMapper MAPPER = new ObjectMapper();

  private final FakeBackend backend = new FakeBackend(3);
  private final HttpClient client = HttpClient.newHttpClient();
  private ApiServer server;

  private record Reply(int status, HttpResponse<String> response) {
    String body() {
      return response.body();
    }

    JsonNode json() throws Exception {
      return MAPPER.readTree(response.body());
    }

    String error() throws Exception {
      return json().get("error").asText();
    }
  }

  @BeforeEach
  void start() throws Exception {
    server =
        ApiServer.sidecar(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            backend,
            Duration.ofMillis(300));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Reply send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r);
  }

  private Reply get(String path) throws Exception {
    return send("GET", path, null);
  }

  @Test
  void beforeJoiningNetworkEndpointsAnswer503AndLocalOnesServe() throws Exception {
    for (String[] c :
        List.of(
            new String[] {"GET", "/api/v1/nodes/" + backend.other.nodeId().toHex(), null},
            new String[] {"GET", "/api/v1/peers?service=/mix/1.0.0", null},
            new String[] {"POST", "/api/v1/providers/" + CID, ""},
            new String[] {"DELETE", "/api/v1/providers/" + CID, null},
            new String[] {"GET", "/api/v1/providers/" + CID, null},
            new String[] {"PUT", "/api/v1/services", "{\"services\":[]}"})) {
      Reply r = send(c[0], c[1], c[2]);
      assertEquals(503, r.status(), c[0] + " " + c[1]);
      assertEquals("not_joined", r.error());
    }
    assertEquals(400, get("/api/v1/providers/nope").status(), "bad input is 400 even now");
    assertEquals(200, get("/api/v1/node").status());
    assertFalse(get("/api/v1/node").json().get("joined").asBoolean());
    assertEquals(200, get("/api/v1/spr").status());
    assertEquals(200, get("/metrics").status());
    Reply health = get("/health");
    assertEquals(503, health.status());
    assertEquals("joining", health.json().get("status").asText());
  }

  @Test
  void joinedNodeAnswersEveryEndpoint() throws Exception {
    backend.joined = true;
    assertEquals(200, get("/health").status());
    JsonNode node = get("/api/v1/node").json();
    assertEquals(backend.record.nodeId().toHex(), node.get("nodeId").asText());
    assertEquals(backend.record.toText(), node.get("spr").asText());
    assertEquals(5, node.get("seq").asLong());
    assertEquals("0a0b", node.get("services").get(0).get("data").asText());
    assertEquals(4, node.get("storage").get("providerRecords").asInt());

    assertEquals(backend.record.toText(), get("/api/v1/spr").json().get("spr").asText());
    Reply text = send("GET", "/api/v1/spr", null, "Accept", "text/plain");
    assertEquals(backend.record.toText() + "\n", text.body());
    assertTrue(
        text.response().headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));

    Reply resolved = get("/api/v1/nodes/0x" + backend.other.nodeId().toHex());
    assertEquals(200, resolved.status());
    assertEquals(backend.other.toText(), resolved.json().get("spr").asText());
    Reply unknown = get("/api/v1/nodes/" + backend.record.nodeId().toHex());
    assertEquals(404, unknown.status());
    assertEquals("not_found", unknown.error());

    JsonNode peers = get("/api/v1/peers?service=%2Fmix%2F1.0.0&max=3").json();
    assertEquals("/mix/1.0.0", peers.get("service").asText());
    assertEquals("0102", peers.get("peers").get(0).get("serviceData").asText());

    Reply announced = send("POST", "/api/v1/providers/" + CID, "");
    assertEquals(200, announced.status());
    assertEquals(2, announced.json().get("sentTo").asInt());
    assertTrue(announced.json().get("storedLocally").asBoolean());
    assertTrue(
        send("DELETE", "/api/v1/providers/" + CID, null).json().get("withdrawn").asBoolean());
    JsonNode providers = get("/api/v1/providers/" + CID + "?max=1").json();
    assertEquals(1, providers.get("providers").size());
    assertEquals(
        backend.other.peerId().toBase58(),
        providers.get("providers").get(0).get("peerId").asText());

    Reply put =
        send(
            "PUT",
            "/api/v1/services",
            "{\"services\":[{\"id\":\"/a\",\"data\":\"ff\"},{\"id\":\"/b\"}]}");
    assertEquals(200, put.status(), put.body());
    assertEquals(6, put.json().get("seq").asLong());
    assertEquals("/b", put.json().get("services").get(1).get("id").asText());

    Reply metrics = get("/metrics");
    assertEquals("up 1.0", metrics.body().strip().split("\n")[1]);
    assertEquals(
        ApiResponse.PROMETHEUS_TEXT,
        metrics.response().headers().firstValue("Content-Type").orElse(""));
    assertTrue(get("/api/v1/openapi.yaml").body().startsWith("openapi: 3"));
  }

  @Test
  void slowAnnouncementsAreAcceptedAndSlowQueriesTimeOut() throws Exception {
    backend.joined = true;
    backend.failure = CompletableFuture::new; // never completes
    Reply announced = send("POST", "/api/v1/providers/" + CID, "");
    assertEquals(202, announced.status());
    assertFalse(announced.json().get("firstAnnouncementDone").asBoolean());
    Reply slow = get("/api/v1/providers/" + CID);
    assertEquals(504, slow.status());
    assertEquals("timeout", slow.error());
  }

  @Test
  void backendFailuresBecomeErrorsWithoutStackTraces() throws Exception {
    backend.joined = true;
    backend.failure =
        () -> CompletableFuture.failedFuture(new IllegalArgumentException("record too large"));
    Reply bad = send("PUT", "/api/v1/services", "{\"services\":[{\"id\":\"/a\"}]}");
    assertEquals(400, bad.status());
    assertEquals("record too large", bad.json().get("message").asText());

    backend.failure =
        () ->
            CompletableFuture.failedFuture(
                new StoreException(StoreException.Reason.FULL, "this node already announces 9"));
    Reply full = send("POST", "/api/v1/providers/" + CID, "");
    assertEquals(507, full.status());
    assertEquals("store_full", full.error());

    backend.failure =
        () -> CompletableFuture.failedFuture(new IllegalStateException("secret internals"));
    Reply internal = get("/api/v1/peers?service=x");
    assertEquals(500, internal.status());
    assertEquals("internal", internal.error());
    assertFalse(internal.body().contains("secret internals"), internal.body());
    assertFalse(internal.body().contains("Exception"), internal.body());
  }

  @Test
  void malformedRequestsGet4xxJson() throws Exception {
    backend.joined = true;
    Reply noRoute = get("/api/v2/node");
    assertEquals(404, noRoute.status());
    assertEquals("no_route", noRoute.error());
    Reply method = send("DELETE", "/api/v1/services", null);
    assertEquals(405, method.status());
    assertEquals("PUT", method.response().headers().firstValue("Allow").orElse(""));
    Reply large = send("PUT", "/api/v1/services", "{\"services\":[" + " ".repeat(70_000) + "]}");
    assertEquals(413, large.status());
    assertEquals("body_too_large", large.error());
    Reply encoded = get("/api/v1/nodes/%41bc");
    assertEquals(400, encoded.status());
    assertTrue(encoded.json().get("message").asText().contains("'Abc'"), encoded.body());
    Reply deep = send("PUT", "/api/v1/services", "[".repeat(100) + "]".repeat(100));
    assertEquals(400, deep.status());
    assertEquals("bad_json", deep.error());
    Reply tooMany =
        send(
            "PUT",
            "/api/v1/services",
            "{\"services\":[" + "{\"id\":\"x\"},".repeat(16) + "{\"id\":\"y\"}]}");
    assertEquals(400, tooMany.status());
    Reply twice = send("PUT", "/api/v1/services", "{\"services\":[{\"id\":\"x\"},{\"id\":\"x\"}]}");
    assertEquals("bad_service_id", twice.error());
    Reply longData =
        send(
            "PUT",
            "/api/v1/services",
            "{\"services\":[{\"id\":\"x\",\"data\":\"" + "00".repeat(34) + "\"}]}");
    assertEquals("bad_service_data", longData.error());
    Reply longId = get("/api/v1/peers?service=" + "s".repeat(201));
    assertEquals("bad_service_id", longId.error());
  }
}
