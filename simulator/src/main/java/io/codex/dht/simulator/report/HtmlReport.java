package io.codex.dht.simulator.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The {@code --report DIR} output: PNG charts (lookup latency CDF, rounds histogram, table entries
 * per node, table fill over time) and an {@code index.html} showing them under the summary table.
 */
public final class HtmlReport {
  static final int WIDTH = 720;
  static final int HEIGHT = 400;

  private HtmlReport() {}

  /** Writes the charts and {@code index.html} into {@code dir} (created if needed). */
  public static void write(RunReport report, Path dir) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Files.createDirectories(dir);
    Map<String, Chart> charts = charts(report);
    for (Map.Entry<String, Chart> e : charts.entrySet()) {
      BufferedImage img = e.getValue().render(WIDTH, HEIGHT);
      if (!ImageIO.write(img, "png", dir.resolve(e.getKey()).toFile())) {
        throw new IOException("no PNG writer in this JVM");
      }
    }
    Files.writeString(
        dir.resolve("index.html"), html(report, charts.keySet()), StandardCharsets.UTF_8);
  }

  /** The charts of {@code report} by file name; those without data are left out. */
  static Map<String, Chart> charts(RunReport r) {
    Map<String, Chart> out = new LinkedHashMap<>();
    Map<String, LookupStats> lookups = new LinkedHashMap<>();
    if (r.lookup() != null) {
      lookups.put("lookup", r.lookup());
    }
    if (r.loss() != null) {
      for (LossStats l : r.loss()) {
        lookups.put(SummaryTable.percent(l.rate()) + " loss", l.lookups());
      }
    }
    if (r.churn() != null) {
      lookups.put(
          SummaryTable.number(r.churn().percentPerMinute()) + "%/min churn", r.churn().lookups());
    }
    Chart cdf =
        new Chart(
            "Lookup latency (CDF, up to the 99th percentile)", "latency (ms)", "share of lookups");
    double p99 = 0;
    LookupStats forRounds = null;
    for (Map.Entry<String, LookupStats> e : lookups.entrySet()) {
      double[] ms = e.getValue().latenciesMs();
      if (ms.length == 0) {
        continue;
      }
      double[] ys = new double[ms.length];
      for (int i = 0; i < ms.length; i++) {
        ys[i] = (i + 1.0) / ms.length;
      }
      cdf.line(e.getKey(), ms, ys);
      p99 = Math.max(p99, e.getValue().p99Ms());
      forRounds = forRounds == null ? e.getValue() : forRounds;
    }
    if (forRounds != null) {
      out.put("lookup-latency-cdf.png", cdf.xMax(p99));
      out.put(
          "lookup-rounds.png",
          new Chart("Lookup rounds", "rounds", "lookups")
              .bars(doubles(forRounds.roundsHistogram())));
    }
    out.put(
        "table-entries.png",
        new Chart("Table entries per node (end of joining)", "table entries", "nodes")
            .bars(doubles(Samples.histogram(r.join().tableSizes()))));
    List<JoinStats.TableSample> fill = r.join().fill();
    if (!fill.isEmpty()) {
      double[] t = new double[fill.size()];
      double[] mean = new double[fill.size()];
      double[] p10 = new double[fill.size()];
      double[] p90 = new double[fill.size()];
      for (int i = 0; i < t.length; i++) {
        t[i] = fill.get(i).seconds();
        mean[i] = fill.get(i).mean();
        p10[i] = fill.get(i).p10();
        p90[i] = fill.get(i).p90();
      }
      out.put(
          "table-fill.png",
          new Chart("Table fill while joining", "seconds since the first start", "table entries")
              .line("mean", t, mean)
              .line("10th percentile", t, p10)
              .line("90th percentile", t, p90));
    }
    return out;
  }

  private static double[] doubles(int[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  static String html(RunReport r, Iterable<String> images) {
    List<String> facts = SummaryTable.facts(r);
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    b.append("<title>Codex DHT simulation</title>\n<style>\n")
        .append("body{font-family:sans-serif;margin:2em;max-width:60em}\n")
        .append("table{border-collapse:collapse}td,th{padding:.2em .8em;text-align:right}\n")
        .append(
            "td:first-child,th:first-child{text-align:left}tr:nth-child(even){background:#f2f2f2}\n")
        .append("th{border-bottom:1px solid #444}img{display:block;margin:1em 0}\n")
        .append("</style>\n</head>\n<body>\n");
    b.append("<h1>Codex DHT simulation</h1>\n<p>").append(escape(facts.get(0))).append("</p>\n");
    b.append("<table>\n<tr>");
    for (String h : SummaryTable.HEADER) {
      b.append("<th>").append(escape(h)).append("</th>");
    }
    b.append("</tr>\n");
    for (List<String> row : SummaryTable.rows(r)) {
      b.append("<tr>");
      for (String cell : row) {
        b.append("<td>").append(escape(cell)).append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</table>\n<ul>\n");
    for (String fact : facts.subList(1, facts.size())) {
      b.append("<li>").append(escape(fact)).append("</li>\n");
    }
    b.append("</ul>\n");
    List<String> names = new ArrayList<>();
    images.forEach(names::add);
    for (String name : names) {
      b.append("<img src=\"")
          .append(escape(name))
          .append("\" width=\"")
          .append(WIDTH)
          .append("\" height=\"")
          .append(HEIGHT)
          .append("\" alt=\"")
          .append(escape(name.replace(".png", "").replace('-', ' ')))
          .append("\">\n");
    }
    b.append("<p>The full figures are in the JSON summary (<code>--json FILE</code>).</p>\n");
    b.append("</body>\n</html>\n");
    return b.toString();
  }

  /** Escapes text for HTML element content and attribute values. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }
}
