package io.codex.dht.discv5.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codex.dht.discv5.records.GetResult;
import io.codex.dht.discv5.records.PutResult;
import io.codex.dht.discv5.records.ValueRecord;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;

/**
 * Application records: {@code PUT /api/v1/records/{key}} with body {@code
 * {"payloadHex":"..","ttlSeconds":3600}} (the node signs with its key) and {@code GET
 * /api/v1/records/{key}}, the key URL-encoded ({@code %2F} for each {@code /}).
 */
final class RecordEndpoints {
  private static final String PATH = "/api/v1/records/{key}";

  /** The default record lifetime. */
  static final long DEFAULT_TTL_SECONDS = 3600;

  private final Backend backend;
  private final Duration timeout;

  RecordEndpoints(Backend backend, Duration timeout) {
    this.backend = backend;
    this.timeout = timeout;
  }

  void register(Router router) {
    router.add("PUT", PATH, true, this::put).add("GET", PATH, true, this::get);
  }

  private static String key(ApiRequest r) {
    String key = ApiRequest.decode(r.path("key"), false);
    if (key.isEmpty() || key.charAt(0) != '/') {
      throw ApiException.badRequest(
          "bad_key", "a record key is /<namespace>/<id>..., URL-encoded: " + Params.shorten(key));
    }
    return key;
  }

  private Router.Action put(ApiRequest r) {
    r.allowQuery(Set.of());
    String key = key(r);
    Body body = Body.parse(r.body());
    return () -> {
      PutResult done =
          Await.result(
              backend.putRecord(key, body.payload, Duration.ofSeconds(body.ttlSeconds)),
              timeout,
              "putting " + Params.shorten(key));
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.put("key", key);
      o.put("seq", new BigInteger(Long.toUnsignedString(done.record().seq())));
      o.put("storedAt", done.storedAt());
      o.put("asked", done.asked());
      return ApiResponse.json(200, o);
    };
  }

  private Router.Action get(ApiRequest r) {
    r.allowQuery(Set.of());
    String key = key(r);
    return () -> {
      GetResult got = Await.result(backend.getRecord(key), timeout, "getting " + key);
      ValueRecord rec =
          got.record()
              .orElseThrow(
                  () -> new ApiException(404, "not_found", "no record of " + Params.shorten(key)));
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.put("key", rec.key());
      o.put("publisher", rec.publisher().toBase58());
      o.put("seq", new BigInteger(Long.toUnsignedString(rec.seq())));
      o.put("payloadHex", HexFormat.of().formatHex(rec.payload()));
      long left = rec.expiresAtMillis() - System.currentTimeMillis();
      o.put("expiresInSeconds", Math.max(0, left / 1000));
      o.put("answered", got.answered());
      o.put("corrected", got.corrected());
      return ApiResponse.json(200, o);
    };
  }

  /** The PUT body. */
  private record Body(byte[] payload, long ttlSeconds) {
    static Body parse(byte[] raw) {
      JsonNode root;
      try {
        root = Json.MAPPER.readTree(raw);
      } catch (JsonProcessingException e) {
        throw ApiException.badRequest(
            "bad_json", "the body is not valid JSON: " + e.getOriginalMessage());
      } catch (IOException e) {
        throw ApiException.badRequest("bad_json", "the body could not be read as JSON");
      }
      if (root == null || !root.isObject()) {
        throw ApiException.badRequest(
            "bad_json", "the body must be {\"payloadHex\":\"..\",\"ttlSeconds\":3600}");
      }
      for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!f.equals("payloadHex") && !f.equals("ttlSeconds")) {
          throw ApiException.badRequest("bad_json", "unknown field '" + Params.shorten(f) + "'");
        }
      }
      JsonNode hex = root.get("payloadHex");
      if (hex == null || !hex.isTextual()) {
        throw ApiException.badRequest("bad_payload", "'payloadHex' must be a hex string");
      }
      byte[] payload;
      try {
        payload = HexFormat.of().parseHex(hex.asText());
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("bad_payload", "'payloadHex' is not hex");
      }
      if (payload.length > ValueRecord.MAX_PAYLOAD) {
        throw ApiException.badRequest(
            "payload_too_large",
            "the payload has "
                + payload.length
                + " bytes; a record carries at most "
                + ValueRecord.MAX_PAYLOAD);
      }
      JsonNode ttl = root.get("ttlSeconds");
      long seconds = DEFAULT_TTL_SECONDS;
      if (ttl != null) {
        if (!ttl.canConvertToLong() || !ttl.isIntegralNumber() || ttl.asLong() < 1) {
          throw ApiException.badRequest("bad_ttl", "'ttlSeconds' must be a positive integer");
        }
        seconds = ttl.asLong();
      }
      return new Body(payload, seconds);
    }
  }
}
