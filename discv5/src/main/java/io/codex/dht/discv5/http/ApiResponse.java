package io.codex.dht.discv5.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An answer of the API: status, content type and body.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type} header
 * @param body the body bytes
 * @param headers further response headers
 */
record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
  static final String JSON = "application/json";
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  /** An answer without further headers. */
  ApiResponse(int status, String contentType, byte[] body) {
    this(status, contentType, body, Map.of());
  }

  /** A JSON answer. */
  static ApiResponse json(int status, JsonNode node) {
    return new ApiResponse(status, JSON, (node.toString() + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** A text answer. */
  static ApiResponse text(int status, String contentType, String text) {
    return new ApiResponse(status, contentType, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The JSON error body for {@code e}. */
  static ApiResponse error(ApiException e) {
    return json(
        e.status(),
        Json.MAPPER.createObjectNode().put("error", e.error()).put("message", e.getMessage()));
  }
}
