package io.codex.dht.discv5.http;

import io.codex.dht.discv5.providers.Cid;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.NodeId;
import java.util.Optional;

/** Parses and checks the API's inputs, turning every mistake into a 400 with a message. */
final class Params {
  /** The longest service id accepted, in characters. */
  static final int MAX_SERVICE_ID_LENGTH = 200;

  private static final int ECHO_LENGTH = 80;

  private Params() {}

  /** A node id: 64 hex digits, {@code 0x} allowed. */
  static NodeId nodeId(String text) {
    try {
      return NodeId.fromHex(text);
    } catch (DecodeException | IllegalArgumentException e) {
      throw ApiException.badRequest(
          "bad_node_id", "'" + shorten(text) + "' is not a node id: " + e.getMessage());
    }
  }

  /** A CID: CIDv0 ({@code Qm...}) or multibase CIDv1. */
  static Cid cid(String text) {
    try {
      return Cid.parse(text);
    } catch (DecodeException e) {
      throw ApiException.badRequest(
          "bad_cid", "'" + shorten(text) + "' is not a CID: " + e.getMessage());
    }
  }

  /**
   * A service id: 1 to {@link #MAX_SERVICE_ID_LENGTH} characters, no whitespace or control
   * characters.
   */
  static String serviceId(String text) {
    if (text.isEmpty()) {
      throw ApiException.badRequest("bad_service_id", "a service id must not be empty");
    }
    if (text.length() > MAX_SERVICE_ID_LENGTH) {
      throw ApiException.badRequest(
          "bad_service_id",
          "a service id has at most "
              + MAX_SERVICE_ID_LENGTH
              + " characters, got "
              + text.length());
    }
    if (text.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw ApiException.badRequest(
          "bad_service_id",
          "a service id has no whitespace or control characters: '" + shorten(text) + "'");
    }
    return text;
  }

  /** The required query parameter {@code name}. */
  static String required(ApiRequest r, String name) {
    return r.query(name)
        .orElseThrow(
            () ->
                ApiException.badRequest(
                    "bad_parameter", "query parameter '" + name + "' is required"));
  }

  /** An optional integer query parameter in {@code 1..limit}, {@code fallback} when absent. */
  static int max(ApiRequest r, String name, int fallback, int limit) {
    Optional<String> v = r.query(name);
    if (v.isEmpty()) {
      return fallback;
    }
    String text = v.get();
    if (text.matches("[0-9]{1,9}")) {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= limit) {
        return n;
      }
    }
    throw ApiException.badRequest(
        "bad_parameter",
        "'" + name + "' must be an integer from 1 to " + limit + ", got '" + shorten(text) + "'");
  }

  /** An optional boolean query parameter: {@code true} or {@code false}, false when absent. */
  static boolean flag(ApiRequest r, String name) {
    Optional<String> v = r.query(name);
    if (v.isEmpty() || v.get().equals("false")) {
      return false;
    }
    if (v.get().equals("true")) {
      return true;
    }
    throw ApiException.badRequest(
        "bad_parameter", "'" + name + "' must be true or false, got '" + shorten(v.get()) + "'");
  }

  /** {@code text} cut to a length fit to echo in a message. */
  static String shorten(String text) {
    return text.length() <= ECHO_LENGTH ? text : text.substring(0, ECHO_LENGTH) + "...";
  }
}
