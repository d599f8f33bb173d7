package io.codex.dht.discv5.store;

import io.codex.dht.discv5.providers.AddOutcome;
import io.codex.dht.discv5.providers.ProviderStoreConfig;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.SignedPeerRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The process {@link CrashRecoveryTest} kills: opens a data dir, reserves a seq, then adds
 * providers without end, committing every {@link #BATCH} adds and printing {@code ACK n} once adds
 * {@code 0..n} are committed.
 */
final class CrashChild {
  static final int PROVIDERS = 8;
  static final int BATCH = 10;
  static final int MAX_ADDS = 50_000;

  private CrashChild() {}

  /** The DHT key of add {@code i}. */
  static NodeId key(int i) {
    return StoreTestData.dhtKey("crash-" + i);
  }

  /** The providers, from seeds, the same in both processes. */
  static List<SignedPeerRecord> providers() {
    List<SignedPeerRecord> out = new ArrayList<>();
    for (int p = 0; p < PROVIDERS; p++) {
      out.add(StoreTestData.record(StoreTestData.key(500 + p), 1));
    }
    return out;
  }

  /** The config of both processes: no rate limit, so every add is stored. */
  static ProviderStoreConfig config() {
    return ProviderStoreConfig.defaults().withAddRate(Double.POSITIVE_INFINITY, 1);
  }

  public static void main(String[] args) throws Exception {
    List<SignedPeerRecord> providers = providers();
    NodeStore store = NodeStore.open(Path.of(args[0]));
    System.out.println("SEQ " + store.nextSeq());
    PersistentProviderStore p = store.providerStore(config(), System.nanoTime() / 1_000_000L);
    for (int i = 0; i < MAX_ADDS; i++) {
      SignedPeerRecord r = providers.get(i % PROVIDERS);
      AddOutcome o = p.add(key(i), r, r.nodeId(), System.nanoTime() / 1_000_000L);
      if (o != AddOutcome.STORED) {
        throw new IllegalStateException("add " + i + " was " + o);
      }
      if (i % BATCH == BATCH - 1) {
        p.commit();
        System.out.println("ACK " + i);
        System.out.flush();
      }
    }
    System.out.println("DONE");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE); // wait to be killed, holding the data dir
  }
}
