package io.codex.dht.ethereum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/** Loads the third-party vectors and the real-world record lists from the test resources. */
final class TestData {
  static final JsonNode WIRE = json("/vectors/discv5-wire.json");
  static final JsonNode ENR_EXAMPLE = WIRE.get("enr_example");

  /** The record lists under {@code /enr/}, each naming its source in its first line. */
  static final List<String> RECORD_FILES =
      List.of(
          "geth-v5-bootnodes.txt",
          "mainnet-cl-bootnodes.txt",
          "sepolia-cl-bootnodes.txt",
          "holesky-cl-bootnodes.txt",
          "hoodi-cl-bootnodes.txt");

  private TestData() {}

  static JsonNode json(String resource) {
    try (InputStream in = open(resource)) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code enr:} lines of a record list. */
  static List<String> records(String file) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(open("/enr/" + file), StandardCharsets.UTF_8))) {
      return r.lines().filter(l -> l.startsWith("enr:")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every real-world record of every list. */
  static List<String> allRecords() {
    return RECORD_FILES.stream().flatMap(f -> records(f).stream()).toList();
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

  private static InputStream open(String resource) {
    InputStream in = TestData.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + resource);
    }
    return in;
  }
}
