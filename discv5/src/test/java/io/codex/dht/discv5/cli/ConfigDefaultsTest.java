package io.codex.dht.discv5.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.discv5.RecordFormatOption;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Option values from the command line, the environment and a config file, in that order. */
class ConfigDefaultsTest {
  @TempDir Path dir;

  private static Object parse(Map<String, String> env, String... args) {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    CommandLine cli = Main.commandLine(sink, sink);
    ConfigDefaults defaults = ConfigDefaults.load(args, env);
    defaults.checkKeys(cli);
    cli.setDefaultValueProvider(defaults);
    return cli.parseArgs(args).subcommand().commandSpec().userObject();
  }

  private Path file(String text) throws Exception {
    Path f = dir.resolve("discv5.properties");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void commandLineBeatsEnvironmentBeatsFileBeatsDefault() throws Exception {
    String f = file("timeout = 7\nmax=3\n").toString();
    Map<String, String> env = Map.of("DISCV5_TIMEOUT", "9");

    LookupCommand builtIn = (LookupCommand) parse(Map.of(), "lookup");
    assertEquals(30, builtIn.timeoutSeconds);
    LookupCommand fromFile = (LookupCommand) parse(Map.of(), "lookup", "--config", f);
    assertEquals(7, fromFile.timeoutSeconds);
    assertEquals(3, fromFile.max);
    LookupCommand fromEnv = (LookupCommand) parse(env, "lookup", "--config=" + f);
    assertEquals(9, fromEnv.timeoutSeconds);
    assertEquals(3, fromEnv.max, "the file still fills what the environment leaves");
    LookupCommand fromArgs = (LookupCommand) parse(env, "lookup", "--config", f, "--timeout", "11");
    assertEquals(11, fromArgs.timeoutSeconds);
  }

  @Test
  void theConfigFileCanBeNamedInTheEnvironment() throws Exception {
    Path f = file("data-dir=/var/lib/discv5\nlisten=127.0.0.1:9000\n");
    NodeCommand node = (NodeCommand) parse(Map.of("DISCV5_CONFIG", f.toString()), "node");
    assertEquals(Path.of("/var/lib/discv5"), node.node.dataDir);
    assertEquals(List.of("127.0.0.1:9000"), node.node.listen);
  }

  @Test
  void repeatableOptionsTakeCommaSeparatedListsAndTheCommandLineReplacesThem() {
    Map<String, String> env =
        Map.of(
            "DISCV5_BOOTSTRAP_NODE", "spr:a, spr:b",
            "DISCV5_SERVICE", "/mix/1.0.0=0a,/other",
            "DISCV5_CLIENT_MODE", "true");
    NodeCommand fromEnv = (NodeCommand) parse(env, "node");
    assertEquals(List.of("spr:a", " spr:b"), fromEnv.node.bootstrapNodes);
    assertEquals(List.of("/mix/1.0.0=0a", "/other"), fromEnv.services);
    assertTrue(fromEnv.clientMode);
    assertEquals(List.of("0.0.0.0:8090"), fromEnv.node.listen);

    NodeCommand fromArgs =
        (NodeCommand) parse(env, "node", "--bootstrap-node", "spr:c", "--listen", "[::1]:1");
    assertEquals(List.of("spr:c"), fromArgs.node.bootstrapNodes);
    assertEquals(List.of("[::1]:1"), fromArgs.node.listen);
  }

  @Test
  void recordFormatIsAutoByDefaultOnEveryCommandAndTakenFromEnvironmentAndFile() throws Exception {
    assertEquals(
        RecordFormatOption.AUTO,
        ((BootstrapCommand) parse(Map.of(), "bootstrap")).node.recordFormat());
    assertEquals(
        RecordFormatOption.AUTO, ((NodeCommand) parse(Map.of(), "node")).node.recordFormat());
    assertEquals("auto", ((LookupCommand) parse(Map.of(), "lookup")).recordFormat);
    Map<String, String> env = Map.of("DISCV5_RECORD_FORMAT", "logos");
    assertEquals(
        RecordFormatOption.LOGOS, ((BootstrapCommand) parse(env, "bootstrap")).node.recordFormat());
    assertEquals("logos", ((LookupCommand) parse(env, "lookup")).recordFormat);
    Path f = file("record-format=peer-record\n");
    assertEquals(
        RecordFormatOption.PEER_RECORD,
        ((NodeCommand) parse(Map.of(), "node", "--config", f.toString())).node.recordFormat());
    assertEquals(
        RecordFormatOption.AUTO,
        ((NodeCommand) parse(env, "node", "--record-format", "auto")).node.recordFormat(),
        "the command line wins");
  }

  @Test
  void theLookupTargetAndAddressComeFromTheCommandLineOnly() throws Exception {
    Path f = file("cid=bafy\nnode-id=00\n");
    LookupCommand lookup =
        (LookupCommand)
            parse(
                Map.of("DISCV5_SERVICE", "/mix/1.0.0", "DISCV5_LISTEN", "0.0.0.0:8090"),
                "lookup",
                "--config",
                f.toString());
    assertNull(lookup.cid);
    assertNull(lookup.nodeId);
    assertNull(lookup.service);
    assertEquals("0.0.0.0:0", lookup.listen, "a node's port is not the lookup's");
  }

  @Test
  void environmentNamesFollowTheOptionNames() {
    assertEquals("DISCV5_DATA_DIR", ConfigDefaults.envName("data-dir"));
    assertEquals("DISCV5_BOOTSTRAP_NODE", ConfigDefaults.envName("bootstrap-node"));
  }

  @Test
  void unknownKeysAndMissingFilesAreRefusedWithAMessage() throws Exception {
    Path f = file("lsiten=127.0.0.1:1\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    int code = Main.run(new String[] {"node", "--config", f.toString()}, Map.of(), o, e);
    assertEquals(Main.EXIT_BAD_INPUT, code);
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("unknown key 'lsiten'"), err.toString());

    err.reset();
    code =
        Main.run(
            new String[] {"node"}, Map.of("DISCV5_CONFIG", dir.resolve("none").toString()), o, e);
    assertEquals(Main.EXIT_BAD_INPUT, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("does not exist"), err.toString());
  }
}
