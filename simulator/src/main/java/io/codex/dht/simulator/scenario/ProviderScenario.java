package io.codex.dht.simulator.scenario;

import io.codex.dht.discv5.AnnounceResult;
import io.codex.dht.discv5.providers.Cid;
import io.codex.dht.simulator.report.ProviderStats;
import io.codex.dht.simulator.report.Samples;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.SignedPeerRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Content routing: each CID is announced by a random live node ({@code addProvider}); once every
 * announcement is done, each CID is looked up ({@code getProviders}) from another random live node.
 * A lookup succeeds when the announcer is among the providers returned.
 */
final class ProviderScenario {
  /** Providers asked for per lookup. */
  static final int MAX_PROVIDERS = 10;

  private ProviderScenario() {}

  static ProviderStats run(Cluster cluster, SimConfig config, Progress progress, Random random) {
    int n = config.cids();
    Cid[] cids = new Cid[n];
    SimNode[] announcers = new SimNode[n];
    for (int i = 0; i < n; i++) {
      cids[i] = randomCid(random);
    }
    List<PacedOps.Outcome<AnnounceResult>> announced =
        PacedOps.run(
            cluster,
            progress,
            "providers: announce",
            n,
            config.opsPerSecond(),
            config.opTimeout(),
            i -> {
              announcers[i] = cluster.randomLive(random, null);
              return announcers[i] == null ? null : announcers[i].node().addProvider(cids[i]);
            });
    List<PacedOps.Outcome<List<SignedPeerRecord>>> found =
        PacedOps.run(
            cluster,
            progress,
            "providers: find",
            n,
            config.opsPerSecond(),
            config.opTimeout(),
            i -> {
              SimNode finder =
                  announcers[i] == null ? null : cluster.randomLive(random, announcers[i]);
              return finder == null ? null : finder.node().getProviders(cids[i], MAX_PROVIDERS);
            });
    int succeeded = 0;
    for (int i = 0; i < n; i++) {
      List<SignedPeerRecord> providers = found.get(i).value();
      SimNode announcer = announcers[i];
      if (found.get(i).ok()
          && providers.stream().anyMatch(r -> r.nodeId().equals(announcer.id()))) {
        succeeded++;
      }
    }
    double[] announceMs = latenciesMs(announced);
    double[] findMs = latenciesMs(found);
    return new ProviderStats(
        n,
        (int) announced.stream().filter(PacedOps.Outcome::ok).count(),
        Samples.percentile(announceMs, 0.5),
        succeeded,
        Samples.percentile(findMs, 0.5),
        Samples.percentile(findMs, 0.95));
  }

  /** The sorted latencies in milliseconds of the operations that completed in time. */
  static double[] latenciesMs(List<? extends PacedOps.Outcome<?>> outcomes) {
    double[] out =
        outcomes.stream()
            .filter(PacedOps.Outcome::completed)
            .mapToDouble(o -> o.latencyNanos() / 1e6)
            .toArray();
    Arrays.sort(out);
    return out;
  }

  /** A CIDv1 of raw content with a random sha2-256 digest. */
  static Cid randomCid(Random random) {
    byte[] bytes = new byte[4 + 32];
    bytes[0] = 0x01;
    bytes[1] = (byte) Cid.RAW;
    bytes[2] = (byte) Cid.SHA2_256;
    bytes[3] = 32;
    byte[] digest = new byte[32];
    random.nextBytes(digest);
    System.arraycopy(digest, 0, bytes, 4, 32);
    try {
      return Cid.fromBytes(bytes);
    } catch (DecodeException e) {
      throw new IllegalStateException("a CIDv1 raw sha2-256 is always valid", e);
    }
  }
}
