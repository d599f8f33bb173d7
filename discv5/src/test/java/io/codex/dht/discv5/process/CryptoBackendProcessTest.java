package io.codex.dht.discv5.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The curve backend as a user chooses it (issue #17): {@code --crypto native} where libsecp256k1
 * cannot load exits with 3 and says why; BouncyCastle, forced ({@code --crypto}, {@code
 * DISCV5_CRYPTO}) or chosen by {@code auto} after a load failure, runs a network end to end. The
 * load failure is simulated through the test-only system property.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
class CryptoBackendProcessTest {
  static final String CID = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
  private static final Map<String, String> NO_NATIVE =
      Map.of("JAVA_TOOL_OPTIONS", "-Dcodex.dht.crypto.failNativeLoadForTests=true");

  private final List<DhtProcess> processes = new ArrayList<>();

  @AfterEach
  void stop() {
    processes.forEach(DhtProcess::close);
  }

  @Test
  void nativeRequiredWhereItCannotLoadExitsWith3(@TempDir Path dir) throws Exception {
    DhtProcess p =
        keep(
            DhtProcess.start(
                dir,
                "boot",
                NO_NATIVE,
                "bootstrap",
                "--data-dir",
                dir.resolve("boot").toString(),
                "--listen",
                "127.0.0.1:0",
                "--crypto",
                "native"));
    assertEquals(3, p.waitForExit(120), p.stderr());
    assertTrue(p.stderr().contains("native was required"), p.stderr());
    assertTrue(p.stderr().contains("--crypto bouncycastle"), p.stderr());
    // Control: the same node without the simulated failure starts on libsecp256k1.
    DhtProcess ok =
        keep(
            DhtProcess.start(
                dir,
                "boot-ok",
                "bootstrap",
                "--data-dir",
                dir.resolve("boot-ok").toString(),
                "--listen",
                "127.0.0.1:0",
                "--crypto",
                "native"));
    assertTrue(ok.firstLine().startsWith("spr:"), ok.stderr());
  }

  @Test
  void bouncyCastleRunsANetworkEndToEnd(@TempDir Path dir) throws Exception {
    DhtProcess boot =
        keep(
            DhtProcess.start(
                dir,
                "boot",
                Map.of("DISCV5_CRYPTO", "bouncycastle"),
                "bootstrap",
                "--data-dir",
                dir.resolve("boot").toString(),
                "--listen",
                "127.0.0.1:0"));
    String spr = boot.firstLine();
    int portA = DhtProcess.freePort();
    DhtProcess a =
        keep(DhtProcess.start(dir, "a", sidecar(dir, "a", portA, spr, "--crypto", "bouncycastle")));
    Api apiA = new Api(portA);
    apiA.awaitHealthy(a, Duration.ofSeconds(90));
    int portB = DhtProcess.freePort();
    DhtProcess b = keep(DhtProcess.start(dir, "b", NO_NATIVE, sidecar(dir, "b", portB, spr)));
    Api apiB = new Api(portB);
    apiB.awaitHealthy(b, Duration.ofSeconds(90));

    JsonNode nodeA = apiA.get("/api/v1/node").json();
    JsonNode nodeB = apiB.get("/api/v1/node").json();
    assertEquals("bouncycastle", nodeA.get("crypto").asText());
    assertEquals("bouncycastle", nodeB.get("crypto").asText(), "auto fell back");
    assertTrue(nodeB.get("joined").asBoolean());
    assertTrue(
        b.stderr().contains("secp256k1 bouncycastle (libsecp256k1 did not load"), b.stderr());
    assertTrue(a.stderr().contains("secp256k1 bouncycastle"), a.stderr());
    assertTrue(apiA.get("/metrics").body().contains("backend=\"bouncycastle\""), "metric tag on A");

    assertEquals(200, apiA.post("/api/v1/providers/" + CID).status());
    Api.Reply found = apiB.get("/api/v1/providers/" + CID + "?max=10");
    assertEquals(200, found.status(), found.toString());
    String peerA = nodeA.get("peerId").asText();
    assertTrue(found.body().contains(peerA), found.toString());
  }

  private static String[] sidecar(Path dir, String name, int apiPort, String spr, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "node",
                "--data-dir",
                dir.resolve(name).toString(),
                "--listen",
                "127.0.0.1:0",
                "--api",
                "127.0.0.1:" + apiPort,
                "--bootstrap-node",
                spr));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  private DhtProcess keep(DhtProcess p) {
    processes.add(p);
    return p;
  }
}
