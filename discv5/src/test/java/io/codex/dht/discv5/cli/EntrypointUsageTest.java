package io.codex.dht.discv5.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help and input mistakes of the node entrypoints, caught before any node starts. */
class EntrypointUsageTest {
  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] c :
        new String[][] {
          {"--help"}, {"bootstrap", "--help"}, {"node", "--help"}, {"lookup", "--help"}
        }) {
      Result r = run(c);
      assertEquals(0, r.code(), String.join(" ", c));
      assertTrue(r.out().startsWith("Usage: discv5"), r.out());
    }
    assertTrue(run("node", "--help").out().contains("--api=HOST:PORT"));
    assertTrue(run("bootstrap", "--help").out().contains("--lookup-paths=N"));
    assertTrue(run("--help").out().contains("DISCV5_DATA_DIR"));
  }

  @Test
  void mistakesExitWithCode2AndOneLineOnStderr() {
    assertMistake(run("node", "--listen", "127.0.0.1:0"), "--data-dir is required");
    assertMistake(
        run("bootstrap", "--data-dir", dir.toString(), "--listen", "nope"), "--listen: expected");
    assertMistake(
        run("node", "--data-dir", dir.toString(), "--bootstrap-node", "spr:AAAA"),
        "--bootstrap-node 'spr:AAAA'");
    assertMistake(
        run(
            "node",
            "--data-dir",
            dir.toString(),
            "--record-format",
            "peer-record",
            "--service",
            "x"),
        "carries no services");
    assertMistake(run("node", "--data-dir", dir.toString(), "--service", "x=zz"), "must be hex");
    assertMistake(
        run("bootstrap", "--data-dir", dir.toString(), "--record-format", "enr"),
        "record format is auto, peer-record or logos");
    assertMistake(
        run("node", "--data-dir", dir.toString(), "--lookup-paths", "9"),
        "--lookup-paths must be 1 to 8");
    assertMistake(run("lookup", "--bootstrap-node", "spr:AAAA"), "exactly one of");
    assertMistake(
        run("lookup", "--cid", "bafy", "--node-id", "00"), "exactly one of --node-id, --cid");
    assertMistake(run("lookup", "--service", "x"), "--bootstrap-node is required");
  }

  private static void assertMistake(Result r, String expected) {
    assertEquals(Main.EXIT_BAD_INPUT, r.code(), r.err());
    assertTrue(r.err().startsWith("error: "), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertEquals("", r.out());
  }
}
