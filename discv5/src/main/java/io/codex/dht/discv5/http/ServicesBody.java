package io.codex.dht.discv5.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codex.dht.spr.ServiceInfo;
import io.codex.dht.spr.SignedPeerRecord;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code PUT /api/v1/services} with body {@code {"services":[{"id":"/mix/1.0.0","data":"0a1b"}]}}
 * ({@code data} hex, optional): replaces the advertised services.
 */
final class ServicesBody {
  /** Services in one record at most (a record is at most 1024 bytes). */
  static final int MAX_SERVICES = 16;

  private final Backend backend;
  private final Duration timeout;

  ServicesBody(Backend backend, Duration timeout) {
    this.backend = backend;
    this.timeout = timeout;
  }

  Router.Action prepare(ApiRequest r) {
    r.allowQuery(Set.of());
    List<ServiceInfo> services = parse(r.body());
    return () -> {
      Optional<SignedPeerRecord> done =
          Await.within(backend.replaceServices(services), timeout, "replacing the services");
      SignedPeerRecord rec = done.orElseGet(() -> backend.status().record());
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.put("seq", new java.math.BigInteger(Long.toUnsignedString(rec.seq())));
      o.put("spr", rec.toText());
      o.set("services", Json.services(rec.services()));
      o.put("announcementsDone", done.isPresent());
      return ApiResponse.json(done.isPresent() ? 200 : 202, o);
    };
  }

  /** The services of a body; 400 for anything but the documented shape. */
  static List<ServiceInfo> parse(byte[] body) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw bad("bad_json", "the body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw bad("bad_json", "the body could not be read as JSON");
    }
    if (root == null || root.isMissingNode() || !root.isObject()) {
      throw bad("bad_json", "the body must be a JSON object {\"services\":[...]}");
    }
    checkFields(root, Set.of("services"), "the body");
    JsonNode list = root.get("services");
    if (list == null || !list.isArray()) {
      throw bad("bad_json", "'services' must be an array of {\"id\":...,\"data\":hex}");
    }
    if (list.size() > MAX_SERVICES) {
      throw bad("bad_json", "at most " + MAX_SERVICES + " services, got " + list.size());
    }
    List<ServiceInfo> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (JsonNode s : list) {
      if (!s.isObject()) {
        throw bad("bad_json", "each service must be an object {\"id\":...,\"data\":hex}");
      }
      checkFields(s, Set.of("id", "data"), "a service");
      JsonNode id = s.get("id");
      if (id == null || !id.isTextual()) {
        throw bad("bad_service_id", "each service needs a string 'id'");
      }
      String serviceId = Params.serviceId(id.asText());
      if (!ids.add(serviceId)) {
        throw bad("bad_service_id", "service '" + Params.shorten(serviceId) + "' is listed twice");
      }
      out.add(ServiceInfo.of(serviceId, data(s.get("data"), serviceId)));
    }
    return out;
  }

  private static byte[] data(JsonNode data, String id) {
    if (data == null || data.isNull()) {
      return new byte[0];
    }
    if (!data.isTextual()) {
      throw bad(
          "bad_service_data", "the data of '" + Params.shorten(id) + "' must be a hex string");
    }
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(data.asText());
    } catch (IllegalArgumentException e) {
      throw bad("bad_service_data", "the data of '" + Params.shorten(id) + "' is not hex");
    }
    if (bytes.length > ServiceInfo.MAX_DATA_LENGTH) {
      throw bad(
          "bad_service_data",
          "the data of '"
              + Params.shorten(id)
              + "' has "
              + bytes.length
              + " bytes, more than "
              + ServiceInfo.MAX_DATA_LENGTH);
    }
    return bytes;
  }

  private static void checkFields(JsonNode o, Set<String> known, String what) {
    Iterator<String> names = o.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!known.contains(n)) {
        throw bad("bad_json", what + " has an unknown field '" + Params.shorten(n) + "'");
      }
    }
  }

  private static ApiException bad(String error, String message) {
    return ApiException.badRequest(error, message);
  }
}
