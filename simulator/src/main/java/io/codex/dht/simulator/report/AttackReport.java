package io.codex.dht.simulator.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The attack scenarios' results as console tables and as JSON objects. */
final class AttackReport {
  private AttackReport() {}

  /** The console lines of the attack scenarios that ran (none: empty). */
  static List<String> lines(RunReport r) {
    List<String> out = new ArrayList<>();
    EclipseStats e = r.eclipse();
    if (e != null) {
      List<List<String>> rows = new ArrayList<>();
      rows.add(
          List.of(
              "eclipse (E4)",
              "S",
              "sybils",
              "table",
              "attacker",
              "<=10S",
              "share",
              ">=1 honest",
              ">=8 true"));
      for (EclipseStats.Run run : e.runs()) {
        rows.add(
            List.of(
                run.defences(),
                Integer.toString(run.subnets()),
                Integer.toString(run.sybils()),
                Integer.toString(run.tableEntries()),
                Integer.toString(run.attackerEntries()),
                run.attackerEntries() <= run.bound() ? "yes" : "no",
                percent(run.attackerShare()),
                percent(run.honestRate()),
                percent(run.trueClosestRate())));
      }
      out.add("");
      out.addAll(table(rows));
      out.add(
          String.format(
              Locale.ROOT,
              "eclipse: %d honest nodes, %.0f s of attack, %d lookups per victim, %d failed tasks in"
                  + " the victims' networks; targets for S=4: >= 99%% with an honest node, >= 95%%"
                  + " with 8 of the true 16",
              e.honestNodes(),
              e.attackSeconds(),
              e.runs().isEmpty() ? 0 : e.runs().get(0).lookups(),
              e.failedEvents()));
    }
    ProviderSpamStats s = r.providerSpam();
    if (s != null) {
      List<List<String>> rows = new ArrayList<>();
      rows.add(
          List.of(
              "provider spam (G2)",
              "arrived",
              "stored",
              "MiB",
              "heap MiB",
              "id/s",
              "id/s avg",
              "/24/s",
              "/24 share",
              "honest"));
      for (ProviderSpamStats.Phase p : s.phases()) {
        rows.add(
            List.of(
                p.limits() ? "store limits on" : "limits off (control)",
                Long.toString(p.addsArrived()),
                Integer.toString(p.stored()),
                mib(p.storedBytes()),
                mib(p.heapGrowthBytes()),
                Integer.toString(p.maxPerIdPerSecond()),
                String.format(Locale.ROOT, "%.1f", p.maxPerIdSustained()),
                Integer.toString(p.maxPerSubnetPerSecond()),
                percent(p.maxSubnetShare()),
                percent(p.honestRate())));
      }
      out.add("");
      out.addAll(table(rows));
      out.add(
          String.format(
              Locale.ROOT,
              "provider spam: %,d ADD_PROVIDER from %,d ids in %d /24s over %.1f s; limits: record"
                  + " and byte caps, per sender and per /24 rates",
              s.messages(),
              s.senders(),
              s.subnets(),
              s.floodSeconds()));
    }
    return out;
  }

  static Map<String, Object> eclipse(EclipseStats e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("honestNodes", e.honestNodes());
    m.put("attackSeconds", e.attackSeconds());
    m.put("failedEvents", e.failedEvents());
    List<Map<String, Object>> runs = new ArrayList<>();
    for (EclipseStats.Run run : e.runs()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("subnets", run.subnets());
      r.put("ipLimits", run.ipLimits());
      r.put("inboundCap", run.inboundCap());
      r.put("paths", run.paths());
      r.put("sybils", run.sybils());
      r.put("tableEntries", run.tableEntries());
      r.put("attackerEntries", run.attackerEntries());
      r.put("attackerBound", run.bound());
      r.put("attackerShare", round(run.attackerShare()));
      r.put("lookups", run.lookups());
      r.put("withHonest", run.withHonest());
      r.put("honestRate", round(run.honestRate()));
      r.put("withTrueClosest", run.withTrueClosest());
      r.put("trueClosestRate", round(run.trueClosestRate()));
      r.put("meanHonestInResult", round(run.meanHonest()));
      r.put("attackerPings", run.pings());
      r.put("attackerFindNodes", run.findNodes());
      runs.add(r);
    }
    m.put("runs", runs);
    return m;
  }

  static Map<String, Object> providerSpam(ProviderSpamStats s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("messages", s.messages());
    m.put("senders", s.senders());
    m.put("subnets", s.subnets());
    m.put("floodSeconds", s.floodSeconds());
    List<Map<String, Object>> phases = new ArrayList<>();
    for (ProviderSpamStats.Phase p : s.phases()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("limits", p.limits());
      r.put("maxRecords", p.maxRecords());
      r.put("maxBytes", p.maxBytes());
      r.put("received", p.received());
      r.put("stored", p.stored());
      r.put("storedBytes", p.storedBytes());
      r.put("heapGrowthBytes", p.heapGrowthBytes());
      r.put("maxAcceptedPerIdPerSecond", p.maxPerIdPerSecond());
      r.put("maxAcceptedPerIdSustained", round(p.maxPerIdSustained()));
      r.put("maxAcceptedPerSubnetPerSecond", p.maxPerSubnetPerSecond());
      r.put("maxSubnetShare", round(p.maxSubnetShare()));
      r.put("honestLookups", p.honestLookups());
      r.put("honestFound", p.honestFound());
      r.put("honestRate", round(p.honestRate()));
      r.put("addsArrived", p.addsArrived());
      r.put("victimDrops", new TreeMap<>(p.victimDrops()));
      phases.add(r);
    }
    m.put("phases", phases);
    return m;
  }

  private static List<String> table(List<List<String>> rows) {
    int[] widths = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    List<String> out = new ArrayList<>();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String pad = " ".repeat(widths[i] - row.get(i).length());
        line.append(i == 0 ? row.get(i) + pad : "  " + pad + row.get(i));
      }
      out.add(line.toString());
      if (out.size() == 1) {
        out.add("-".repeat(line.length()));
      }
    }
    return out;
  }

  private static String percent(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", v * 100);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
  }

  private static Double round(double v) {
    return Double.isNaN(v) ? null : Math.round(v * 1e6) / 1e6;
  }
}
