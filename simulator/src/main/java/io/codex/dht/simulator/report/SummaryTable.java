package io.codex.dht.simulator.report;

import io.codex.dht.simulator.scenario.SimConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The summary of a run as a table, one row per measurement (operations, success, latency, rounds,
 * queries), shared by the console summary and the HTML report.
 */
final class SummaryTable {
  static final List<String> HEADER =
      List.of(
          "measurement",
          "ops",
          "success",
          "p50 ms",
          "p95 ms",
          "p99 ms",
          "rounds",
          "queries",
          "packets");

  private SummaryTable() {}

  /** The rows of {@code r}, in the order the scenarios ran; "-" where a value does not apply. */
  static List<List<String>> rows(RunReport r) {
    List<List<String>> rows = new ArrayList<>();
    if (r.lookup() != null) {
      rows.add(lookupRow("lookup", r.lookup()));
    }
    if (r.providers() != null) {
      ProviderStats p = r.providers();
      rows.add(
          List.of(
              "providers (find)",
              Integer.toString(p.cids()),
              percent(p.successRate()),
              ms(p.p50Ms()),
              ms(p.p95Ms()),
              "-",
              "-",
              "-",
              "-"));
    }
    if (r.services() != null) {
      ServiceStats s = r.services();
      rows.add(
          List.of(
              "services (recall)",
              Integer.toString(s.queries()),
              percent(s.recall()),
              ms(s.p50Ms()),
              ms(s.p95Ms()),
              "-",
              "-",
              "-",
              "-"));
    }
    if (r.records() != null) {
      RecordStats p = r.records();
      rows.add(
          List.of(
              "records (get)",
              Integer.toString(p.records()),
              percent(p.successRate()),
              ms(p.p50Ms()),
              ms(p.p95Ms()),
              "-",
              "-",
              "-"));
    }
    if (r.loss() != null) {
      for (LossStats l : r.loss()) {
        rows.add(lookupRow("lookup, " + percent(l.rate()) + " loss", l.lookups()));
      }
    }
    if (r.churn() != null) {
      rows.add(
          lookupRow(
              "lookup, " + number(r.churn().percentPerMinute()) + "%/min churn",
              r.churn().lookups()));
    }
    if (r.mixed() != null) {
      MixedStats m = r.mixed();
      rows.add(lookupRow("mixed: lookups from Codex nodes", m.legacyLookups()));
      rows.add(lookupRow("mixed: lookups from ours", m.ourLookups()));
      rows.add(plainRow("mixed: service recall (ours)", m.serviceSearches(), m.serviceRecall()));
      rows.add(
          plainRow(
              "mixed: providers ours -> Codex", m.providersOursToLegacy(), m.oursToLegacyRate()));
      rows.add(
          plainRow(
              "mixed: providers Codex -> ours", m.providersLegacyToOurs(), m.legacyToOursRate()));
    }
    return rows;
  }

  private static List<String> plainRow(String name, int ops, double rate) {
    return List.of(name, Integer.toString(ops), percent(rate), "-", "-", "-", "-", "-");
  }

  private static List<String> lookupRow(String name, LookupStats s) {
    return List.of(
        name,
        Integer.toString(s.requested()),
        percent(s.successRate()),
        ms(s.p50Ms()),
        ms(s.p95Ms()),
        ms(s.p99Ms()),
        Double.isNaN(s.medianRounds()) ? "-" : number(s.medianRounds()),
        Double.isNaN(s.meanQueries()) ? "-" : String.format(Locale.ROOT, "%.1f", s.meanQueries()),
        Double.isNaN(s.packetsPerLookup())
            ? "-"
            : String.format(Locale.ROOT, "%.1f", s.packetsPerLookup()));
  }

  static String percent(double rate) {
    return Double.isNaN(rate) ? "-" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
  }

  static String ms(double ms) {
    return Double.isNaN(ms) ? "-" : String.format(Locale.ROOT, "%.0f", ms);
  }

  static String number(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  static String bytes(long b) {
    if (b < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
    }
    if (b < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", b / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.2f GiB", b / (1024.0 * 1024 * 1024));
  }

  /** The lines about the network and the run around the table. */
  static List<String> facts(RunReport r) {
    JoinStats j = r.join();
    double[] sizes = Samples.sorted(j.tableSizes());
    List<String> out = new ArrayList<>();
    out.add(
        String.format(
            Locale.ROOT,
            "%d nodes, %s transport, seed %d%s",
            r.config().nodes(),
            r.config().transport().name().toLowerCase(Locale.ROOT),
            r.config().seed(),
            r.config().transport() == SimConfig.Transport.MEMORY
                ? " (virtual time: the same seed gives the same numbers)"
                : " (real time: not reproducible)"));
    out.add(
        String.format(
            Locale.ROOT,
            "joined: %d of %d nodes in %.1f s; table entries per node: median %s, min %s, max %s",
            j.started(),
            r.config().nodes(),
            j.seconds(),
            number(orZero(Samples.percentile(sizes, 0.5))),
            number(sizes.length == 0 ? 0 : sizes[0]),
            number(sizes.length == 0 ? 0 : sizes[sizes.length - 1])));
    if (r.mixed() != null) {
      MixedStats m = r.mixed();
      out.add(
          String.format(
              Locale.ROOT,
              "mixed: %d Codex v0.5 stand-ins, %d of ours; messages Codex nodes could not decode:"
                  + " %d; records withheld from them: %d %s, replaced by the plain form: %d; own"
                  + " plain record presented %d times; full records fetched: %d",
              m.legacyNodes(),
              m.ourNodes(),
              m.undecodable(),
              m.withheldTotal(),
              m.withheld(),
              m.plainRelayed(),
              m.plainPresented(),
              m.fullRequested()));
    }
    out.add(
        String.format(
            Locale.ROOT,
            "traffic: %,d packets (%s) sent, %,d dropped",
            r.network().packetsSent(),
            bytes(r.network().bytesSent()),
            r.network().packetsDropped()));
    out.add(
        String.format(
            Locale.ROOT,
            "run: %.1f s %s in %.1f s of wall time (CPU: %.1f s on the driving thread, %.1f s in"
                + " all); heap: peak %s, peak after GC %s%s",
            r.simulatedSeconds(),
            r.config().transport() == SimConfig.Transport.MEMORY ? "simulated" : "of real time",
            r.wallSeconds(),
            r.loopCpuSeconds(),
            r.cpuSeconds(),
            bytes(r.peakHeapBytes()),
            bytes(r.peakLiveHeapBytes()),
            r.failedEvents() > 0
                ? "; " + r.failedEvents() + " node tasks threw (see the log)"
                : ""));
    return out;
  }

  private static double orZero(double v) {
    return Double.isNaN(v) ? 0 : v;
  }
}
