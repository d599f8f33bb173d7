package io.codex.dht.simulator.report;

import io.codex.dht.simulator.scenario.SimConfig;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one simulation run measured; a scenario that did not run is null.
 *
 * @param config the run's settings
 * @param join how the network formed
 * @param lookup the lookup scenario
 * @param providers the providers scenario
 * @param services the services scenario
 * @param loss the loss scenario, one measurement per rate
 * @param churn the churn scenario
 * @param mixed the mixed-network scenario (our nodes next to Codex v0.5 stand-ins)
 * @param eclipse the eclipse attack scenario (security test E4)
 * @param providerSpam the provider-spam attack scenario (security test G2)
 * @param network packet counters over the whole run
 * @param simulatedSeconds the length of the run on the run's clock (virtual in memory mode)
 * @param failedEvents node tasks that threw (memory mode; a healthy run has none)
 * @param peakHeapBytes the peak heap in use, garbage included (the sum of the heap pools' peaks;
 *     depends on the JVM and its collector)
 * @param peakLiveHeapBytes the most heap still in use after a garbage collection: about the largest
 *     live data of the run (0 if no collection ran)
 * @param wallSeconds the wall-clock time of the run (depends on the machine)
 * @param loopCpuSeconds CPU time of the thread that drove the run: in memory mode, the event loop
 *     every node runs on (depends on the machine)
 * @param cpuSeconds CPU time of the whole process during the run, every thread (depends on the
 *     machine)
 * @param records the records scenario
 */
public record RunReport(
    SimConfig config,
    JoinStats join,
    LookupStats lookup,
    ProviderStats providers,
    ServiceStats services,
    List<LossStats> loss,
    ChurnStats churn,
    MixedStats mixed,
    EclipseStats eclipse,
    ProviderSpamStats providerSpam,
    Network network,
    double simulatedSeconds,
    long failedEvents,
    long peakHeapBytes,
    long peakLiveHeapBytes,
    double wallSeconds,
    double loopCpuSeconds,
    double cpuSeconds,
    RecordStats records) {

  /**
   * Traffic over the whole run.
   *
   * @param packetsSent datagrams sent by all nodes, dropped ones included
   * @param bytesSent their bytes
   * @param packetsDropped datagrams the network dropped (loss, unreachable or stopped nodes)
   * @param messagesSent protocol messages sent, by kind
   * @param requestTimeouts requests that got no answer in time, by kind
   */
  public record Network(
      long packetsSent,
      long bytesSent,
      long packetsDropped,
      Map<String, Long> messagesSent,
      Map<String, Long> requestTimeouts) {
    /** Copies the maps, sorted by key so reports list them in a fixed order. */
    public Network {
      messagesSent = Collections.unmodifiableSortedMap(new TreeMap<>(messagesSent));
      requestTimeouts = Collections.unmodifiableSortedMap(new TreeMap<>(requestTimeouts));
    }
  }
}
