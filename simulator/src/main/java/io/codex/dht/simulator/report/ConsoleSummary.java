package io.codex.dht.simulator.report;

import java.io.PrintStream;
import java.util.List;

/** Prints a run's summary as an aligned text table with a few lines about the network. */
public final class ConsoleSummary {
  private ConsoleSummary() {}

  /** Prints {@code report} to {@code out}. */
  public static void print(RunReport report, PrintStream out) {
    List<String> facts = SummaryTable.facts(report);
    out.println("Codex DHT simulation: " + facts.get(0));
    out.println();
    List<List<String>> rows = new java.util.ArrayList<>();
    rows.add(SummaryTable.HEADER);
    rows.addAll(SummaryTable.rows(report));
    int[] widths = new int[SummaryTable.HEADER.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      StringBuilder line = new StringBuilder();
      List<String> row = rows.get(r);
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        String pad = " ".repeat(widths[i] - cell.length());
        // The first column reads left to right; numbers line up on the right.
        line.append(i == 0 ? cell + pad : pad + cell);
        line.append(i + 1 < row.size() ? "  " : "");
      }
      out.println(line);
      if (r == 0) {
        out.println("-".repeat(line.length()));
      }
    }
    List<String> attacks = AttackReport.lines(report);
    if (rows.size() == 1 && attacks.isEmpty()) {
      out.println("(no scenario ran)");
    }
    attacks.forEach(out::println);
    out.println();
    for (String fact : facts.subList(1, facts.size())) {
      out.println(fact);
    }
  }
}
