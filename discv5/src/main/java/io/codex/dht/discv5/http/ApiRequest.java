package io.codex.dht.discv5.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One request as the handlers see it: its path parameters, its query parameters (checked against
 * those the route knows) and its body, read with a size limit.
 */
final class ApiRequest {
  /** The largest request body read; larger ones get 413. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private final Map<String, String> pathParams;
  private final Map<String, String> query;
  private final Map<String, List<String>> headers;
  private final InputStream body;

  /** A request; {@code headers} must look names up case-insensitively (as the JDK's do). */
  ApiRequest(
      Map<String, String> pathParams,
      Map<String, String> query,
      Map<String, List<String>> headers,
      InputStream body) {
    this.pathParams = pathParams;
    this.query = query;
    this.headers = headers;
    this.body = body;
  }

  /** The first value of header {@code name}, if present. */
  Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The path parameter {@code name}, percent-decoded. */
  String path(String name) {
    String v = pathParams.get(name);
    if (v == null) {
      throw new IllegalStateException("the route has no parameter " + name);
    }
    return v;
  }

  /** The query parameter {@code name}, if given. */
  Optional<String> query(String name) {
    return Optional.ofNullable(query.get(name));
  }

  /** Refuses query parameters outside {@code known}. */
  void allowQuery(Set<String> known) {
    for (String name : query.keySet()) {
      if (!known.contains(name)) {
        throw ApiException.badRequest(
            "bad_parameter",
            "unknown query parameter '"
                + Params.shorten(name)
                + "'"
                + (known.isEmpty() ? "; this endpoint takes none" : "; known: " + known));
      }
    }
  }

  /** The body, at most {@link #MAX_BODY_BYTES}. */
  byte[] body() {
    try {
      byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new ApiException(
            413, "body_too_large", "the body is larger than " + MAX_BODY_BYTES + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw ApiException.badRequest("bad_body", "the body could not be read: " + e.getMessage());
    }
  }

  /** Splits a raw query string into decoded parameters; the first of repeated names wins. */
  static Map<String, String> parseQuery(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
      out.putIfAbsent(name, value);
    }
    return out;
  }

  /** Splits a raw path into its non-empty segments, still percent-encoded. */
  static List<String> segments(String rawPath) {
    String p = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.isEmpty() ? List.of() : List.of(p.split("/", -1));
  }

  /** Percent-decodes; {@code +} means a space only in queries. */
  static String decode(String raw, boolean query) {
    try {
      return URLDecoder.decode(query ? raw : raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "bad_encoding", "malformed percent-encoding in '" + Params.shorten(raw) + "'");
    }
  }
}
