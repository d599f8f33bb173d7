package io.codex.dht.discv5.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codex.dht.discv5.AnnounceResult;
import io.codex.dht.discv5.Discv5Node;
import io.codex.dht.discv5.NodeConfig;
import io.codex.dht.discv5.ServicePeer;
import io.codex.dht.discv5.providers.Cid;
import io.codex.dht.discv5.records.GetResult;
import io.codex.dht.discv5.records.PutResult;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PeerId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.ServiceInfo;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code PUT} and {@code GET /api/v1/records/{key}} against a real (lone) node on loopback. */
class RecordEndpointsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private final PrivateKey key = PrivateKey.generate(new Random(4));
  private Discv5Node node;
  private ApiServer server;

  @BeforeEach
  void start() throws Exception {
    node =
        Discv5Node.udp(
            NodeConfig.builder(key)
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .random(new Random(5))
                .build());
    node.start().join();
    server =
        ApiServer.sidecar(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new NodeBackend(node),
            Duration.ofSeconds(20));
  }

  @AfterEach
  void stop() {
    server.close();
    node.close();
  }

  private HttpResponse<String> send(String method, String key, String body) throws Exception {
    String path = "/api/v1/records/" + URLEncoder.encode(key, StandardCharsets.UTF_8);
    HttpRequest r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return client.send(r, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aPutRecordIsGotBackAndErrorsAreJson() throws Exception {
    String mine = "/signed/" + PeerId.of(key.publicKey()).toBase58() + "/manifest";
    assertEquals(404, send("GET", mine, null).statusCode());
    assertEquals(
        "not_found", MAPPER.readTree(send("GET", mine, null).body()).get("error").asText());

    HttpResponse<String> put = send("PUT", mine, "{\"payloadHex\":\"0a1b2c\",\"ttlSeconds\":600}");
    assertEquals(200, put.statusCode(), put.body());
    JsonNode p = MAPPER.readTree(put.body());
    assertEquals(mine, p.get("key").asText());
    assertEquals(1, p.get("storedAt").asInt(), "a lone node is among the closest");
    long seq = p.get("seq").asLong();

    HttpResponse<String> got = send("GET", mine, null);
    assertEquals(200, got.statusCode(), got.body());
    JsonNode g = MAPPER.readTree(got.body());
    assertEquals(mine, g.get("key").asText());
    assertEquals(PeerId.of(key.publicKey()).toBase58(), g.get("publisher").asText());
    assertEquals(seq, g.get("seq").asLong());
    assertEquals("0a1b2c", g.get("payloadHex").asText());
    long left = g.get("expiresInSeconds").asLong();
    assertTrue(left > 500 && left <= 600, "expires in " + left);

    // A second put has a higher seq and wins.
    send("PUT", mine, "{\"payloadHex\":\"ff\"}");
    assertEquals("ff", MAPPER.readTree(send("GET", mine, null).body()).get("payloadHex").asText());

    // Outside the node's namespaces, or in another peer's name: 400.
    HttpResponse<String> foreign = send("GET", "/unknown/thing", null);
    assertEquals(400, foreign.statusCode());
    assertEquals("bad_request", MAPPER.readTree(foreign.body()).get("error").asText());
    String theirs = "/signed/" + PeerId.of(PrivateKey.generate(new Random(9)).publicKey()) + "/x";
    HttpResponse<String> other = send("PUT", theirs, "{\"payloadHex\":\"00\"}");
    assertEquals(400, other.statusCode());
    assertTrue(other.body().contains("wrong_publisher"), other.body());
    HttpResponse<String> large = send("PUT", mine, "{\"payloadHex\":\"" + "00".repeat(701) + "\"}");
    assertEquals(400, large.statusCode());
    assertEquals("payload_too_large", MAPPER.readTree(large.body()).get("error").asText());
    assertEquals(400, send("PUT", mine, "{\"payloadHex\":\"zz\"}").statusCode());
    assertEquals(400, send("PUT", mine, "{\"payloadHex\":\"00\",\"ttl\":5}").statusCode());
    assertEquals(400, send("PUT", mine, "{\"payloadHex\":\"00\",\"ttlSeconds\":0}").statusCode());
    assertEquals(
        400,
        send("PUT", mine, "{\"payloadHex\":\"00\",\"ttlSeconds\":9223372036854775807}")
            .statusCode(),
        "a TTL past the namespace's bound, too large for milliseconds");
  }

  /** The endpoints' view of a bare node (the sidecar's adds the data dir). */
  private record NodeBackend(Discv5Node node) implements Backend {
    @Override
    public boolean joined() {
      return true;
    }

    @Override
    public NodeStatus status() {
      return new NodeStatus(node.localRecord(), true, false, 0, 0, 0, 0, 0);
    }

    @Override
    public CompletableFuture<Optional<SignedPeerRecord>> resolve(NodeId id) {
      return node.resolve(id);
    }

    @Override
    public CompletableFuture<List<ServicePeer>> findPeers(String serviceId, int max) {
      return node.findPeers(serviceId, max);
    }

    @Override
    public CompletableFuture<AnnounceResult> announce(Cid cid) {
      return node.addProvider(cid);
    }

    @Override
    public CompletableFuture<Boolean> withdraw(Cid cid) {
      return node.removeProvider(cid);
    }

    @Override
    public CompletableFuture<List<SignedPeerRecord>> providers(Cid cid, int max) {
      return node.getProviders(cid, max);
    }

    @Override
    public CompletableFuture<SignedPeerRecord> replaceServices(List<ServiceInfo> services) {
      return node.updateServices(services);
    }

    @Override
    public CompletableFuture<PutResult> putRecord(String key, byte[] payload, Duration ttl) {
      return node.putRecord(key, payload, ttl);
    }

    @Override
    public CompletableFuture<GetResult> getRecord(String key) {
      return node.getRecord(key);
    }

    @Override
    public CompletableFuture<io.codex.dht.discv5.LookupResult> lookupTraced(NodeId key) {
      return node.lookupTraced(key);
    }

    @Override
    public CompletableFuture<io.codex.dht.discv5.NodeSnapshot> snapshot() {
      return node.snapshot();
    }

    @Override
    public CompletableFuture<List<Announced>> announcedCids() {
      return CompletableFuture.completedFuture(List.of());
    }

    @Override
    public long uptimeSeconds() {
      return 0;
    }

    @Override
    public String metricsText() {
      return "";
    }
  }
}
