package io.codex.dht.simulator.scenario;

import io.codex.dht.discv5.records.GetResult;
import io.codex.dht.discv5.records.PutResult;
import io.codex.dht.simulator.report.RecordStats;
import io.codex.dht.simulator.report.Samples;
import io.codex.dht.spr.PeerId;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Application records: each record ({@code /signed/<peer-id>/r<i>}, a 32-byte payload) is put by a
 * random live node ({@code putRecord}); once every put is done, each is got ({@code getRecord})
 * from another random live node. A get succeeds when it returns the record put. The number of
 * records is the run's CID count.
 */
final class RecordScenario {
  private RecordScenario() {}

  static RecordStats run(Cluster cluster, SimConfig config, Progress progress, Random random) {
    int n = config.cids();
    SimNode[] publishers = new SimNode[n];
    String[] keys = new String[n];
    List<PacedOps.Outcome<PutResult>> put =
        PacedOps.run(
            cluster,
            progress,
            "records: put",
            n,
            config.opsPerSecond(),
            config.opTimeout(),
            i -> {
              publishers[i] = cluster.randomLive(random, null);
              if (publishers[i] == null) {
                return null;
              }
              PeerId id = publishers[i].node().localRecord().peerId();
              keys[i] = "/signed/" + id.toBase58() + "/r" + i;
              byte[] payload = new byte[32];
              random.nextBytes(payload);
              return publishers[i].node().putRecord(keys[i], payload, Duration.ofHours(1));
            });
    List<PacedOps.Outcome<GetResult>> got =
        PacedOps.run(
            cluster,
            progress,
            "records: get",
            n,
            config.opsPerSecond(),
            config.opTimeout(),
            i -> {
              SimNode reader =
                  publishers[i] == null ? null : cluster.randomLive(random, publishers[i]);
              return reader == null ? null : reader.node().getRecord(keys[i]);
            });
    int succeeded = 0;
    long storedAt = 0;
    int putOk = 0;
    for (int i = 0; i < n; i++) {
      if (put.get(i).ok()) {
        putOk++;
        storedAt += put.get(i).value().storedAt();
        if (got.get(i).ok()
            && got.get(i)
                .value()
                .record()
                .filter(put.get(i).value().record()::equals)
                .isPresent()) {
          succeeded++;
        }
      }
    }
    double[] putMs = ProviderScenario.latenciesMs(put);
    double[] getMs = ProviderScenario.latenciesMs(got);
    return new RecordStats(
        n,
        putOk,
        Samples.percentile(putMs, 0.5),
        putOk == 0 ? Double.NaN : (double) storedAt / putOk,
        succeeded,
        Samples.percentile(getMs, 0.5),
        Samples.percentile(getMs, 0.95));
  }
}
