package io.codex.dht.discv5.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.codex.dht.spr.SignedPeerRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a sidecar that stores provider records: after a restart it still serves them
 * and rejoins through the table entries it saved, although its bootstrap node is gone.
 *
 * <p>Sidecar A stores B's record for CID_B (B announced it while A was among the closest nodes),
 * learns C (which joined after that announcement, so C never held CID_B), and announces CID_A
 * (whose acknowledgment commits everything before it). Then A, B and the bootstrap node are killed;
 * A restarts with only the dead bootstrap node's record. It must join through C, a saved seed, and
 * serve B's record for CID_B, which only its own data dir still holds.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
class SidecarCrashTest {
  static final String CID_A = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
  static final String CID_B = "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG";
  static final Duration HEALTHY = Duration.ofSeconds(90);
  static final Duration CONVERGE = Duration.ofSeconds(90);

  @TempDir Path dir;

  private final List<DhtProcess> processes = new ArrayList<>();

  @AfterEach
  void stopAll() {
    processes.forEach(DhtProcess::close);
  }

  @Test
  void storedProvidersSurviveKill9AndTheNodeRejoinsWithoutItsBootstrapNode() throws Exception {
    DhtProcess boot =
        keep(
            DhtProcess.start(
                dir,
                "bootstrap",
                "bootstrap",
                "--data-dir",
                dir.resolve("boot").toString(),
                "--listen",
                "127.0.0.1:0"));
    String bootSpr = boot.firstLine();
    int portA = DhtProcess.freePort();
    int portB = DhtProcess.freePort();
    int portC = DhtProcess.freePort();
    DhtProcess a = keep(sidecar("a", "a", "127.0.0.1:0", portA, bootSpr));
    Api apiA = new Api(portA);
    apiA.awaitHealthy(a, HEALTHY);
    DhtProcess b = keep(sidecar("b", "b", "127.0.0.1:0", portB, bootSpr));
    Api apiB = new Api(portB);
    apiB.awaitHealthy(b, HEALTHY);
    String peerA = apiA.get("/api/v1/node").json().get("peerId").asText();
    String peerB = apiB.get("/api/v1/node").json().get("peerId").asText();

    // B announces (again, if a busy machine made A miss it) until A stores B's record.
    try {
      until(
          apiA,
          n -> n.get("storage").get("providerRecords").asInt() >= 1,
          "A stores B's record",
          () -> assertEquals(200, apiB.post("/api/v1/providers/" + CID_B).status()));
    } catch (AssertionError e) {
      // Rare and not yet understood: everything needed to tell why goes into the failure.
      throw new AssertionError(
          e.getMessage()
              + "\nB: "
              + apiB.get("/api/v1/node").json()
              + "\n--- boot stderr\n"
              + tail(boot.stderr())
              + "\n--- A stderr\n"
              + tail(a.stderr())
              + "\n--- B stderr\n"
              + tail(b.stderr()),
          e);
    }

    DhtProcess c = keep(sidecar("c", "c", "127.0.0.1:0", portC, bootSpr));
    new Api(portC).awaitHealthy(c, HEALTHY);
    // A announces CID_A (its lookups put B and C in its table) until it has saved them as seeds.
    until(
        apiA,
        n -> n.get("storage").get("seeds").asInt() >= 3,
        "A saves boot, B and C as seeds",
        () -> apiA.post("/api/v1/providers/" + CID_A));

    // Acknowledged after the seeds were saved: its commit makes everything before it durable.
    Api.Reply announcedA = apiA.post("/api/v1/providers/" + CID_A);
    assertEquals(200, announcedA.status(), announcedA.toString());
    String sprBefore = a.firstLine();

    a.kill9();
    b.kill9();
    boot.kill9();

    int udpPortA = SignedPeerRecord.fromText(sprBefore).udpEndpoint().orElseThrow().getPort();
    int portA2 = DhtProcess.freePort();
    DhtProcess again = keep(sidecar("a-again", "a", "127.0.0.1:" + udpPortA, portA2, bootSpr));
    Api apiAgain = new Api(portA2);
    assertEquals(
        SignedPeerRecord.fromText(sprBefore).nodeId(),
        SignedPeerRecord.fromText(again.firstLine()).nodeId(),
        "same key after the restart");
    apiAgain.awaitHealthy(again, HEALTHY); // joined through seed C: the bootstrap node is dead

    Matcher loaded = Pattern.compile("(\\d+) providers loaded").matcher(again.stderr());
    assertTrue(loaded.find(), again.stderr());
    assertTrue(Integer.parseInt(loaded.group(1)) >= 2, loaded.group());

    Api.Reply forB = apiAgain.get("/api/v1/providers/" + CID_B);
    assertEquals(200, forB.status(), forB.toString());
    assertTrue(hasPeer(forB.json().get("providers"), peerB), "B's record is served: " + forB);
    Api.Reply forA = apiAgain.get("/api/v1/providers/" + CID_A);
    assertTrue(hasPeer(forA.json().get("providers"), peerA), forA.toString());
    assertEquals(1, apiAgain.get("/api/v1/node").json().get("storage").get("announced").asInt());
  }

  /** A sidecar logging to {@code name}.err, on data dir {@code dataDir}. */
  private DhtProcess sidecar(
      String name, String dataDir, String listen, int apiPort, String bootSpr) {
    return DhtProcess.start(
        dir,
        name,
        "node",
        "--data-dir",
        dir.resolve(dataDir).toString(),
        "--listen",
        listen,
        "--api",
        "127.0.0.1:" + apiPort,
        "--bootstrap-node",
        bootSpr);
  }

  private DhtProcess keep(DhtProcess p) {
    processes.add(p);
    return p;
  }

  /** A step of the test that talks to the sidecars. */
  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }

  /** Runs {@code nudge}, then watches A's node for a few seconds, until {@code condition}. */
  private static void until(Api api, Predicate<JsonNode> condition, String what, Step nudge)
      throws Exception {
    long deadline = System.nanoTime() + CONVERGE.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      nudge.run();
      for (int i = 0; i < 20; i++) {
        last = api.get("/api/v1/node").json();
        if (condition.test(last)) {
          return;
        }
        Thread.sleep(250);
      }
    }
    throw new AssertionError(what + ": never true; last " + last);
  }

  private static String tail(String text) {
    return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
  }

  private static boolean hasPeer(JsonNode list, String peerId) {
    for (JsonNode p : list) {
      if (p.get("peerId").asText().equals(peerId)) {
        return true;
      }
    }
    return false;
  }
}
