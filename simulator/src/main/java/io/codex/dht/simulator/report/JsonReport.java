package io.codex.dht.simulator.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.codex.dht.simulator.scenario.Scenario;
import io.codex.dht.simulator.scenario.SimConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A run as one JSON object: the headline figures at the top level (names fixed: {@code nodes},
 * {@code transport}, {@code seed}, {@code lookups}, {@code lookupSuccessRate}, {@code lookupP50Ms},
 * {@code lookupP95Ms}, {@code medianRounds}, {@code providerSuccessRate}, {@code serviceRecall},
 * {@code packetsSent}, {@code bytesSent}, {@code peakHeapBytes}, {@code wallSeconds}, ...), then
 * the settings and one object per phase and scenario.
 *
 * <p>Keys come in a fixed order and numbers are rounded (rates to 6 decimals, milliseconds and
 * seconds to 3), so in memory mode the same seed gives the same text, except for the fields in
 * {@link #WALL_CLOCK_FIELDS}. A value that does not exist (a scenario that did not run, a
 * percentile of nothing) is {@code null}.
 */
public final class JsonReport {
  /**
   * Fields measured on the machine rather than in the simulation: they differ run to run (also
   * {@code providerSpam.phases[].heapGrowthBytes}).
   */
  public static final Set<String> WALL_CLOCK_FIELDS =
      Set.of("peakHeapBytes", "peakLiveHeapBytes", "wallSeconds", "loopCpuSeconds", "cpuSeconds");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  /** The report as ordered maps, lists and numbers. */
  public static Map<String, Object> toMap(RunReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    SimConfig c = r.config();
    m.put("nodes", c.nodes());
    m.put("transport", c.transport().name().toLowerCase(Locale.ROOT));
    m.put("seed", c.seed());
    m.put("scenarios", c.scenarios().stream().map(Scenario::label).toList());
    LookupStats l = r.lookup();
    m.put("lookups", l == null ? 0 : l.requested());
    m.put("lookupSuccessRate", l == null ? null : rate(l.successRate()));
    m.put("lookupP50Ms", l == null ? null : ms(l.p50Ms()));
    m.put("lookupP95Ms", l == null ? null : ms(l.p95Ms()));
    m.put("lookupP99Ms", l == null ? null : ms(l.p99Ms()));
    m.put("medianRounds", l == null ? null : ms(l.medianRounds()));
    m.put("meanQueries", l == null ? null : ms(l.meanQueries()));
    m.put("providerSuccessRate", r.providers() == null ? null : rate(r.providers().successRate()));
    m.put("recordSuccessRate", r.records() == null ? null : rate(r.records().successRate()));
    m.put("serviceRecall", r.services() == null ? null : rate(r.services().recall()));
    m.put(
        "lossLookupSuccessRate",
        r.loss() == null
            ? null
            : rate(
                r.loss().stream()
                    .mapToDouble(x -> x.lookups().successRate())
                    .min()
                    .orElse(Double.NaN)));
    m.put(
        "churnLookupSuccessRate",
        r.churn() == null ? null : rate(r.churn().lookups().successRate()));
    m.put("packetsSent", r.network().packetsSent());
    m.put("bytesSent", r.network().bytesSent());
    m.put("packetsDropped", r.network().packetsDropped());
    m.put("simulatedSeconds", ms(r.simulatedSeconds()));
    m.put("failedEvents", r.failedEvents());
    m.put("peakHeapBytes", r.peakHeapBytes());
    m.put("peakLiveHeapBytes", r.peakLiveHeapBytes());
    m.put("wallSeconds", ms(r.wallSeconds()));
    m.put("loopCpuSeconds", ms(r.loopCpuSeconds()));
    m.put("cpuSeconds", ms(r.cpuSeconds()));
    m.put("settings", settings(c));
    m.put("join", join(r.join()));
    m.put("lookup", l == null ? null : lookup(l));
    m.put("providers", r.providers() == null ? null : providers(r.providers()));
    m.put("services", r.services() == null ? null : services(r.services()));
    m.put("loss", r.loss() == null ? null : r.loss().stream().map(JsonReport::loss).toList());
    m.put("churn", r.churn() == null ? null : churn(r.churn()));
    m.put("mixed", r.mixed() == null ? null : mixed(r.mixed()));
    m.put("eclipse", r.eclipse() == null ? null : AttackReport.eclipse(r.eclipse()));
    m.put(
        "providerSpam",
        r.providerSpam() == null ? null : AttackReport.providerSpam(r.providerSpam()));
    m.put("records", r.records() == null ? null : records(r.records()));
    m.put("messagesSent", r.network().messagesSent());
    m.put("requestTimeouts", r.network().requestTimeouts());
    return m;
  }

  /** The report as indented JSON text. */
  public static String toJson(RunReport r) {
    try {
      return JSON.writeValueAsString(toMap(r)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of numbers and strings always serialise", e);
    }
  }

  /** Writes the report to {@code file} (UTF-8), creating parent directories. */
  public static void write(RunReport r, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, toJson(r), StandardCharsets.UTF_8);
  }

  private static Map<String, Object> mixed(MixedStats x) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("legacyNodes", x.legacyNodes());
    m.put("ourNodes", x.ourNodes());
    m.put("lookupsFromLegacy", x.legacyLookups().requested());
    m.put("lookupsFromLegacySuccessRate", rate(x.legacyLookups().successRate()));
    m.put("lookupsFromOurs", x.ourLookups().requested());
    m.put("lookupsFromOursSuccessRate", rate(x.ourLookups().successRate()));
    m.put("serviceSearches", x.serviceSearches());
    m.put("serviceRecall", rate(x.serviceRecall()));
    m.put("providersOursToLegacy", x.providersOursToLegacy());
    m.put("providersOursToLegacyFoundRate", rate(x.oursToLegacyRate()));
    m.put("providersLegacyToOurs", x.providersLegacyToOurs());
    m.put("providersLegacyToOursFoundRate", rate(x.legacyToOursRate()));
    m.put("legacyUndecodableMessages", x.undecodable());
    m.put("recordsWithheld", new java.util.TreeMap<>(x.withheld()));
    m.put("plainRecordsRelayed", x.plainRelayed());
    m.put("ownPlainRecordPresented", x.plainPresented());
    m.put("fullRecordsFetched", x.fullRequested());
    return m;
  }

  private static Map<String, Object> settings(SimConfig c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("legacyShare", c.legacyShare());
    m.put("recordFormat", c.recordFormat().label());
    m.put("loss", c.loss());
    m.put("lossScenarioRates", c.lossScenarioRates());
    m.put("latencyMs", c.latency().toMillis());
    m.put("jitterMs", c.jitter().toMillis());
    m.put("churnPercentPerMinute", c.churnPerMinute());
    m.put("churnSeconds", ms(c.churnDuration().toMillis() / 1000.0));
    m.put("joinRatePerSecond", c.joinRate());
    m.put("settleSeconds", ms(c.settle().toMillis() / 1000.0));
    m.put("lookupsPerScenario", c.lookups());
    m.put("cids", c.cids());
    m.put("services", c.services());
    m.put("advertisersPerService", c.advertisers());
    m.put("opsPerSecond", c.opsPerSecond());
    m.put("opTimeoutSeconds", ms(c.opTimeout().toMillis() / 1000.0));
    return m;
  }

  private static Map<String, Object> join(JoinStats j) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("started", j.started());
    m.put("failedStarts", j.failedStarts());
    m.put("seconds", ms(j.seconds()));
    double[] sizes = Samples.sorted(j.tableSizes());
    m.put("tableEntriesMean", ms(Samples.mean(sizes)));
    m.put("tableEntriesMin", sizes.length == 0 ? null : (int) sizes[0]);
    m.put("tableEntriesMedian", ms(Samples.percentile(sizes, 0.5)));
    m.put("tableEntriesMax", sizes.length == 0 ? null : (int) sizes[sizes.length - 1]);
    m.put("tableEntriesHistogram", Samples.histogram(j.tableSizes()));
    List<Map<String, Object>> fill = new ArrayList<>();
    for (JoinStats.TableSample s : j.fill()) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("seconds", ms(s.seconds()));
      f.put("live", s.live());
      f.put("mean", ms(s.mean()));
      f.put("p10", s.p10());
      f.put("p50", s.p50());
      f.put("p90", s.p90());
      fill.add(f);
    }
    m.put("tableFill", fill);
    return m;
  }

  private static Map<String, Object> lookup(LookupStats l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requested", l.requested());
    m.put("completed", l.completed());
    m.put("succeeded", l.succeeded());
    m.put("timedOut", l.timedOut());
    m.put("successRate", rate(l.successRate()));
    m.put("p50Ms", ms(l.p50Ms()));
    m.put("p95Ms", ms(l.p95Ms()));
    m.put("p99Ms", ms(l.p99Ms()));
    m.put("meanMs", ms(l.meanMs()));
    m.put("medianRounds", ms(l.medianRounds()));
    m.put("meanRounds", ms(l.meanRounds()));
    m.put("meanQueries", ms(l.meanQueries()));
    m.put("packetsPerLookup", ms(l.packetsPerLookup()));
    m.put("roundsHistogram", l.roundsHistogram());
    return m;
  }

  private static Map<String, Object> providers(ProviderStats p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cids", p.cids());
    m.put("announced", p.announced());
    m.put("announceP50Ms", ms(p.announceP50Ms()));
    m.put("found", p.succeeded());
    m.put("successRate", rate(p.successRate()));
    m.put("p50Ms", ms(p.p50Ms()));
    m.put("p95Ms", ms(p.p95Ms()));
    return m;
  }

  private static Map<String, Object> records(RecordStats p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("records", p.records());
    m.put("put", p.put());
    m.put("putP50Ms", ms(p.putP50Ms()));
    m.put("meanStoredAt", ms(p.meanStoredAt()));
    m.put("got", p.succeeded());
    m.put("successRate", rate(p.successRate()));
    m.put("p50Ms", ms(p.p50Ms()));
    m.put("p95Ms", ms(p.p95Ms()));
    return m;
  }

  private static Map<String, Object> services(ServiceStats s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("services", s.services());
    m.put("advertisersPerService", s.advertisersPerService());
    m.put("searches", s.queries());
    m.put("recall", rate(s.recall()));
    m.put("fullRecallRate", rate(s.fullRecallRate()));
    m.put("p50Ms", ms(s.p50Ms()));
    m.put("p95Ms", ms(s.p95Ms()));
    return m;
  }

  private static Map<String, Object> loss(LossStats l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rate", l.rate());
    m.put("lookups", lookup(l.lookups()));
    return m;
  }

  private static Map<String, Object> churn(ChurnStats c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("percentPerMinute", c.percentPerMinute());
    m.put("seconds", ms(c.seconds()));
    m.put("left", c.left());
    m.put("joined", c.joined());
    m.put("lookups", lookup(c.lookups()));
    return m;
  }

  /** Rounded to 6 decimals; null for NaN. */
  private static Double rate(double v) {
    return Double.isNaN(v) ? null : Math.round(v * 1e6) / 1e6;
  }

  /** Rounded to 3 decimals (milliseconds to microseconds); null for NaN. */
  private static Double ms(double v) {
    return Double.isNaN(v) ? null : Math.round(v * 1e3) / 1e3;
  }
}
