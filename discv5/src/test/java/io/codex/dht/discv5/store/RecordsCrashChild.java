package io.codex.dht.discv5.store;

import io.codex.dht.discv5.records.ValueRecord;
import io.codex.dht.spr.PeerId;
import io.codex.dht.spr.PrivateKey;
import java.nio.file.Path;

/**
 * The process {@link RecordsPersistenceTest} kills: opens a data dir and saves records kept for
 * others and own records without end, committing every {@link #BATCH} and printing {@code ACK n}
 * once records {@code 0..n} are committed.
 */
final class RecordsCrashChild {
  static final int BATCH = 10;
  static final long EXPIRES = 4_000_000_000_000L; // far ahead: the test checks bytes, not time

  private RecordsCrashChild() {}

  /** Record {@code i}: a publisher per 16, a key per record. */
  static ValueRecord record(int i) {
    PrivateKey k = StoreTestData.key(700 + i % 16);
    String key = "/signed/" + PeerId.of(k.publicKey()).toBase58() + "/r" + i;
    return ValueRecord.sign(k, key, i + 1, EXPIRES, new byte[] {(byte) i, 1, 2});
  }

  public static void main(String[] args) throws Exception {
    NodeStore store = NodeStore.open(Path.of(args[0]));
    PersistentRecords p = store.records();
    for (int i = 0; i < 100_000; i++) {
      ValueRecord r = record(i);
      if (i % 2 == 0) {
        p.stored(r);
      } else {
        p.ownSaved(r);
      }
      if (i % BATCH == BATCH - 1) {
        store.commit();
        System.out.println("ACK " + i);
        System.out.flush();
      }
    }
    System.out.println("DONE");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE); // wait to be killed, holding the data dir
  }
}
