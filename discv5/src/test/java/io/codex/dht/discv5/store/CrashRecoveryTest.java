package io.codex.dht.discv5.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.discv5.store.StoreException.Reason;
import io.codex.dht.spr.SignedPeerRecord;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9}: a child JVM adds providers and acknowledges them after each commit, and is
 * killed forcibly mid-stream; every acknowledged provider must be there after reopening. Also the
 * data dir lock across processes.
 */
class CrashRecoveryTest {
  /** Acknowledged adds to wait for before the kill; the child keeps adding after them. */
  private static final int ACKED_BEFORE_KILL = 300;

  @TempDir Path dir;

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
  void everyAcknowledgedProviderSurvivesKill9AndTheLockSpansProcesses() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                CrashChild.class.getName(),
                dir.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    long seq = -1;
    int acked = -1;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
      String line;
      while (acked < ACKED_BEFORE_KILL && (line = out.readLine()) != null) {
        if (line.startsWith("SEQ ")) {
          seq = Long.parseLong(line.substring(4));
        } else if (line.startsWith("ACK ")) {
          acked = Integer.parseInt(line.substring(4));
        }
      }
      assertTrue(acked >= ACKED_BEFORE_KILL, "the child stopped before acknowledging enough");

      // While the child lives, this process may not open its data dir.
      StoreException e = assertThrows(StoreException.class, () -> NodeStore.open(dir));
      assertEquals(Reason.DATA_DIR_IN_USE, e.reason());
      assertTrue(e.getMessage().contains("pid " + child.pid()), e.getMessage());

      child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no final commit
      assertTrue(child.waitFor(60, TimeUnit.SECONDS));
      assertFalse(child.isAlive());
    }

    List<SignedPeerRecord> providers = CrashChild.providers();
    try (NodeStore store = NodeStore.open(dir)) {
      assertTrue(store.nextSeq() > seq, "a reserved seq is never handed out again");
      PersistentProviderStore p = store.providerStore(CrashChild.config(), 0);
      assertEquals(0, p.loadReport().corrupt());
      assertTrue(p.size() > acked, "at least the acknowledged adds are back");
      for (int i = 0; i <= acked; i++) {
        List<SignedPeerRecord> got = p.get(CrashChild.key(i), 20, 0);
        assertNotNull(got);
        assertEquals(List.of(providers.get(i % CrashChild.PROVIDERS)), got, "add " + i);
      }
    }
  }
}
