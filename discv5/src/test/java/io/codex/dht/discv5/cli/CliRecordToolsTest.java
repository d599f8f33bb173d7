package io.codex.dht.discv5.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keygen, spr encode and spr decode, run as a user runs them. */
class CliRecordToolsTest {
  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void keygenEncodeDecodeRoundTrip() throws Exception {
    Path key = dir.resolve("node.key");
    Result keygen = run("keygen", "--out", key.toString());
    assertEquals(0, keygen.code(), keygen.err());
    String[] lines = keygen.out().strip().split("\n");
    assertTrue(lines[0].startsWith("peer-id: 16Uiu2"), lines[0]);
    assertTrue(lines[1].matches("node-id: [0-9a-f]{64}"), lines[1]);
    assertTrue(Files.readString(key).strip().matches("08021220[0-9a-f]{64}"));

    Result encode =
        run(
            "spr",
            "encode",
            "--key",
            key.toString(),
            "--seq",
            "42",
            "--addr",
            "/ip4/203.0.113.9/udp/8090",
            "--addr",
            "/ip6/2001:db8::9/udp/8090",
            "--service",
            "/mix/1.0.0=" + "ab".repeat(32),
            "--service",
            "storage");
    assertEquals(0, encode.code(), encode.err());
    String spr = encode.out().strip();
    assertTrue(spr.startsWith("spr:"), spr);

    Result decode = run("spr", "decode", spr);
    assertEquals(0, decode.code(), decode.err());
    JsonNode json = new ObjectMapper().readTree(decode.out());
    assertTrue(json.get("valid").asBoolean());
    assertEquals(lines[0].substring("peer-id: ".length()), json.get("peerId").asText());
    assertEquals(lines[1].substring("node-id: ".length()), json.get("nodeId").asText());
    assertEquals(42, json.get("seq").asLong());
    assertEquals("logos-routing-record", json.get("payloadType").asText());
    assertEquals("/ip4/203.0.113.9/udp/8090", json.get("addresses").get(0).asText());
    assertEquals("/ip6/2001:db8::9/udp/8090", json.get("addresses").get(1).asText());
    assertEquals("/mix/1.0.0", json.get("services").get(0).get("id").asText());
    assertEquals("ab".repeat(32), json.get("services").get(0).get("data").asText());
    assertEquals("", json.get("services").get(1).get("data").asText());
    assertEquals(spr.length() > 0, json.get("size").asInt() > 0);

    Result peerRecord =
        run(
            "spr",
            "encode",
            "--key",
            key.toString(),
            "--seq",
            "1",
            "--addr",
            "/ip4/127.0.0.1/udp/9000",
            "--format",
            "peer-record");
    JsonNode pr = new ObjectMapper().readTree(run("spr", "decode", peerRecord.out().strip()).out());
    assertEquals("peer-record", pr.get("payloadType").asText());
  }

  @Test
  void keygenRefusesToOverwrite() throws Exception {
    Path key = dir.resolve("k");
    Files.writeString(key, "keep me");
    Result r = run("keygen", "--out", key.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("refusing to overwrite"), r.err());
    assertEquals("keep me", Files.readString(key));
  }

  @Test
  void invalidInputsExitTwoWithAReason() throws Exception {
    Result tampered =
        run(
            "spr",
            "decode",
            "spr:CiUIAhIhAjOdSH7SNzktg3kZUNyJHwY23mmMH6BR6gGuP6WL14WAEgIDARpWCicAJQgCEiECM51IftI3OS2DeRlQ3IkfBjbeaYwfoFHqAa4_pYvXhYAQnP2JkgYaCwoJBAAAAACRAgABGgsKCQQAAAAAkQIAAhoLCgkEAAAAAJECAAMqRzBFAiEAjMd_0mXjPJVRdLn0ligEiy1ypjlayzDwup2QU2-hpdUCIH-o5bq46N3umISo4kSwmQIo41RrWptoSGMqvZJHluV3");
    assertEquals(2, tampered.code());
    assertTrue(tampered.err().contains("SIGNATURE_INVALID"), tampered.err());
    assertEquals("", tampered.out());

    assertEquals(2, run("spr", "decode", "nonsense").code());
    Path key = dir.resolve("k2");
    assertEquals(0, run("keygen", "--out", key.toString()).code());
    Result badAddr =
        run("spr", "encode", "--key", key.toString(), "--seq", "1", "--addr", "/ip4/1.2.3.4/xx/1");
    assertEquals(2, badAddr.code());
    assertTrue(badAddr.err().contains("UNKNOWN_MULTIADDR_PROTOCOL"), badAddr.err());
    Result bigData =
        run(
            "spr",
            "encode",
            "--key",
            key.toString(),
            "--seq",
            "1",
            "--addr",
            "/ip4/1.2.3.4/udp/1",
            "--service",
            "x=" + "00".repeat(34));
    assertEquals(2, bigData.code());
    assertTrue(bigData.err().contains("33"), bigData.err());
    Result missingKey =
        run(
            "spr",
            "encode",
            "--key",
            dir.resolve("nope").toString(),
            "--seq",
            "1",
            "--addr",
            "/ip4/1.2.3.4/udp/1");
    assertEquals(2, missingKey.code());
  }
}
