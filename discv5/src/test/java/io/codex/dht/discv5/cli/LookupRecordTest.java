package io.codex.dht.discv5.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codex.dht.discv5.Discv5Node;
import io.codex.dht.discv5.NodeConfig;
import io.codex.dht.spr.PeerId;
import io.codex.dht.spr.PrivateKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code lookup --record KEY} against a node on loopback that holds the record. */
class LookupRecordTest {
  private static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {
      Integer.toString(code),
      out.toString(StandardCharsets.UTF_8),
      err.toString(StandardCharsets.UTF_8)
    };
  }

  @Test
  void aRecordIsFoundThroughItsHolderAndAMissingOneIsNot() throws Exception {
    PrivateKey key = PrivateKey.generate(new Random(31));
    try (Discv5Node holder =
        Discv5Node.udp(
            NodeConfig.builder(key)
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .random(new Random(32))
                .build())) {
      holder.start().join();
      String name = "/signed/" + PeerId.of(key.publicKey()).toBase58() + "/price";
      holder.putRecord(name, new byte[] {1, 2, 3}, Duration.ofMinutes(10)).join();
      String spr = holder.localRecord().toText();

      // The client knows one node; on a loaded machine its first answers may miss the 1 s reply
      // timeout and leave the client's table empty, so the client may try again (a new process).
      String[] found = {"1", "", ""};
      for (int attempt = 0; attempt < 3 && !found[0].equals("0"); attempt++) {
        found = run("lookup", "--bootstrap-node", spr, "--listen", "127.0.0.1:0", "--record", name);
      }
      assertEquals("0", found[0], found[1] + found[2]);
      JsonNode out = new ObjectMapper().readTree(found[1]);
      assertTrue(out.get("found").asBoolean());
      assertEquals("010203", out.get("record").get("payloadHex").asText());
      assertEquals(
          PeerId.of(key.publicKey()).toBase58(), out.get("record").get("publisher").asText());

      String[] missing =
          run(
              "lookup",
              "--bootstrap-node",
              spr,
              "--listen",
              "127.0.0.1:0",
              "--record",
              name + "-other");
      assertEquals(Integer.toString(LookupCommand.EXIT_NOT_FOUND), missing[0], missing[2]);

      String[] foreign = run("lookup", "--bootstrap-node", spr, "--record", "/nope/x");
      assertEquals(Integer.toString(Main.EXIT_BAD_INPUT), foreign[0]);
      assertTrue(foreign[2].contains("no validator for namespace 'nope'"), foreign[2]);
    }
  }
}
