package io.codex.dht.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;

/** Loads the third-party vector file from the test resources. */
final class Vectors {
  static final JsonNode WIRE = json("discv5-wire.json");
  static final JsonNode CODEX = WIRE.get("codex_dht_variant");

  private Vectors() {}

  static JsonNode json(String name) {
    try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /vectors/" + name);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] hex(JsonNode node) {
    return HexFormat.of().parseHex(node.asText());
  }

  static byte[] hex(String text) {
    return HexFormat.of().parseHex(text);
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
