package io.codex.dht.discv5.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.discv5.Discv5Node;
import io.codex.dht.discv5.NodeConfig;
import io.codex.dht.discv5.records.RecordKey;
import io.codex.dht.discv5.records.ValueRecord;
import io.codex.dht.spr.PeerId;
import io.codex.dht.spr.PrivateKey;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records in the data dir: restored into a restarted node, and every committed one after kill -9.
 */
class RecordsPersistenceTest {
  @TempDir Path dir;

  private static Discv5Node node(PrivateKey key) {
    Discv5Node n =
        Discv5Node.udp(
            NodeConfig.builder(key)
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .random(new Random(3))
                .build());
    n.start().join();
    return n;
  }

  private static <T> T onNode(Discv5Node n, Supplier<T> action) {
    CompletableFuture<T> f = new CompletableFuture<>();
    n.scheduler().execute(() -> f.complete(action.get()));
    return f.orTimeout(30, TimeUnit.SECONDS).join();
  }

  @Test
  void aRestartedNodeServesItsRecordsAndRepublishesItsOwn() throws Exception {
    PrivateKey other = PrivateKey.generate(new Random(8));
    String theirs = "/signed/" + PeerId.of(other.publicKey()).toBase58() + "/kept";
    ValueRecord kept =
        ValueRecord.sign(other, theirs, 3, System.currentTimeMillis() + 600_000, new byte[] {9});
    ValueRecord expired =
        ValueRecord.sign(other, theirs + "2", 3, System.currentTimeMillis() + 1, new byte[] {8});
    String mine;
    try (NodeStore store = NodeStore.open(dir)) {
      mine = "/signed/" + PeerId.of(store.key().publicKey()).toBase58() + "/own";
      try (Discv5Node n = node(store.key())) {
        onNode(n, () -> n.records().restore(store.records()));
        n.putRecord(mine, new byte[] {1, 2}, Duration.ofMinutes(10)).join();
        onNode(
            n,
            () ->
                n.records()
                    .store()
                    .put(
                        parse(theirs),
                        kept,
                        n.scheduler().nowMillis(),
                        n.scheduler().currentTimeMillis()));
        store.records().stored(expired); // as if stored before it expired
        store.commit();
      }
    }
    Thread.sleep(5); // the second record is expired by now
    try (NodeStore store = NodeStore.open(dir);
        Discv5Node n = node(store.key())) {
      int[] restored = onNode(n, () -> n.records().restore(store.records()));
      // Kept for others: theirs and the lone node's copy of its own (it is among the closest);
      // the expired one is dropped.
      assertEquals(2, restored[0], "records kept for others");
      assertEquals(1, restored[1], "own records");
      assertTrue(onNode(n, () -> n.records().own().containsKey(mine)));
      assertEquals(
          List.of(kept),
          onNode(n, () -> n.records().store().get(parse(theirs), n.scheduler().nowMillis())));
      assertEquals(1, store.records().storedRecords().stream().filter(kept::equals).count());
      assertFalse(store.records().storedRecords().contains(expired), "the expired one is dropped");
      assertEquals(
          new byte[] {1, 2}.length,
          n.getRecord(mine).join().record().orElseThrow().payload().length);
    }
  }

  private static RecordKey parse(String key) {
    try {
      return RecordKey.parse(key);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
  void everyCommittedRecordSurvivesKill9() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                RecordsCrashChild.class.getName(),
                dir.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    int acked = -1;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
      String line;
      while (acked < 200 && (line = out.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          acked = Integer.parseInt(line.substring(4));
        }
      }
      assertTrue(acked >= 200, "the child stopped before acknowledging enough");
      child.destroyForcibly(); // SIGKILL: no close, no final commit
      assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    }
    try (NodeStore store = NodeStore.open(dir)) {
      PersistentRecords p = store.records();
      Set<ValueRecord> stored = new HashSet<>(p.storedRecords());
      Set<ValueRecord> own = new HashSet<>(p.ownRecords());
      assertEquals(0, p.damaged());
      for (int i = 0; i <= acked; i++) {
        ValueRecord r = RecordsCrashChild.record(i);
        assertTrue((i % 2 == 0 ? stored : own).contains(r), "record " + i);
      }
    }
  }
}
