package io.codex.dht.discv5.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Operations: {@code /health}, {@code /metrics} and the API description. */
final class OpsEndpoints {
  /** The classpath resource of the OpenAPI description. */
  static final String OPENAPI_RESOURCE = "/openapi.yaml";

  private final Backend backend;

  OpsEndpoints(Backend backend) {
    this.backend = backend;
  }

  /** {@code /health} and {@code /metrics} only (the bootstrap node's metrics listener). */
  void registerProbes(Router router) {
    router.add("GET", "/health", false, this::health).add("GET", "/metrics", false, this::metrics);
  }

  /** The probes and {@code /api/v1/openapi.yaml}. */
  void registerAll(Router router) {
    registerProbes(router);
    String spec = openApi();
    router.add(
        "GET",
        "/api/v1/openapi.yaml",
        false,
        r -> {
          r.allowQuery(Set.of());
          return () -> ApiResponse.text(200, "application/yaml; charset=utf-8", spec);
        });
  }

  /** 200 once joined while the table holds an entry, else 503; the body says which. */
  private Router.Action health(ApiRequest r) {
    r.allowQuery(Set.of());
    return () -> {
      Backend.NodeStatus s = backend.status();
      boolean ok = s.joined() && s.tableEntries() > 0;
      ObjectNode o =
          Json.MAPPER
              .createObjectNode()
              .put("status", ok ? "ok" : s.joined() ? "isolated" : "joining")
              .put("joined", s.joined())
              .put("tableEntries", s.tableEntries())
              .put("sessions", s.sessions());
      return ApiResponse.json(ok ? 200 : 503, o);
    };
  }

  private Router.Action metrics(ApiRequest r) {
    r.allowQuery(Set.of());
    return () -> ApiResponse.text(200, ApiResponse.PROMETHEUS_TEXT, backend.metricsText());
  }

  /** The OpenAPI description shipped in the jar. */
  static String openApi() {
    try (InputStream in = OpsEndpoints.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + OPENAPI_RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
