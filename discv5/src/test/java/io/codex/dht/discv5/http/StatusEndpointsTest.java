package io.codex.dht.discv5.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The status page's files and endpoints: the redirect, the page's headers (no other origin, no
 * inline script), the table and status views, and {@code ?trace=true} on the lookup endpoints.
 */
class StatusEndpointsTest {
  static final String CID = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
  static final ObjectMapper MAPPER = new ObjectMapper();

  private final FakeBackend backend = new FakeBackend(4);
  private final HttpClient client = HttpClient.newHttpClient();
  private ApiServer server;

  @BeforeEach
  void start() throws Exception {
    server =
        ApiServer.sidecar(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            backend,
            Duration.ofSeconds(5));
    backend.joined = true;
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(String path) throws Exception {
    HttpResponse<String> r = get(path);
    assertEquals(200, r.statusCode(), r.body());
    return MAPPER.readTree(r.body());
  }

  @Test
  void theRootRedirectsToThePageWhichLoadsOnlyItsOwnFiles() throws Exception {
    HttpResponse<String> root = get("/");
    assertEquals(302, root.statusCode());
    assertEquals("/ui", root.headers().firstValue("Location").orElseThrow());

    HttpResponse<String> page = get("/ui");
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"), csp);
    assertFalse(csp.contains("unsafe-inline"), csp);
    assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
    assertFalse(page.body().contains("http://") || page.body().contains("https://"), "no CDN");
    assertFalse(page.body().matches("(?s).*<script>.*"), "no inline script");

    HttpResponse<String> js = get("/ui/app.js");
    assertEquals(200, js.statusCode());
    for (String sink : new String[] {"innerHTML", "outerHTML", "insertAdjacentHTML", "write("}) {
      assertFalse(js.body().contains(sink), "the script never parses text as markup: " + sink);
    }
    assertFalse(js.body().contains("http://") || js.body().contains("https://"), "no CDN");
    assertEquals(200, get("/ui/app.css").statusCode());
    assertEquals(400, get("/ui?x=1").statusCode(), "unknown query parameters are refused");
  }

  @Test
  void theStatusAndTableViewsReadTheBackend() throws Exception {
    JsonNode status = json("/api/v1/status");
    assertTrue(status.get("joined").asBoolean());
    assertEquals(7, status.get("uptimeSeconds").asLong());
    assertEquals("listen", status.get("addresses").get(0).get("source").asText());
    assertEquals(10, status.get("traffic").get("packetsIn").asLong());
    assertEquals(3, status.get("drops").get("whoareyou_limit").asLong());
    assertEquals(4, status.get("providers").get("storedRecords").asInt());
    assertEquals(400, status.get("providers").get("storedBytes").asLong());

    JsonNode table = json("/api/v1/table");
    assertEquals(backend.record.nodeId().toHex(), table.get("nodeId").asText());
    assertEquals(0, table.get("buckets").size());
  }

  @Test
  void traceTrueAddsTheTraceAndAnythingElseIsRefused() throws Exception {
    String id = backend.other.nodeId().toHex();
    assertFalse(json("/api/v1/nodes/" + id).has("trace"), "no trace unless asked for");
    JsonNode traced = json("/api/v1/nodes/" + id + "?trace=true");
    assertEquals(id, traced.get("nodeId").asText());
    assertEquals(id, traced.get("trace").get("target").asText());

    HttpResponse<String> unknown = get("/api/v1/nodes/" + "ab".repeat(32) + "?trace=true");
    assertEquals(404, unknown.statusCode());
    JsonNode notFound = MAPPER.readTree(unknown.body());
    assertEquals("not_found", notFound.get("error").asText());
    assertTrue(notFound.has("trace"), "a failed lookup keeps its trace");

    assertTrue(json("/api/v1/providers/" + CID + "?trace=true").has("trace"));
    assertTrue(json("/api/v1/peers?service=/mix/1.0.0&trace=true").has("trace"));
    assertFalse(json("/api/v1/peers?service=/mix/1.0.0&trace=false").has("trace"));
    HttpResponse<String> bad = get("/api/v1/providers/" + CID + "?trace=yes");
    assertEquals(400, bad.statusCode());
    assertEquals("bad_parameter", MAPPER.readTree(bad.body()).get("error").asText());
  }
}
