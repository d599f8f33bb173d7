package io.codex.dht.spr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;

/** Loads the third-party vector files from the test resources. */
final class Vectors {
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
