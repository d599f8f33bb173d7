package io.codex.dht.discv5.process;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4: every line must be a comment,
 * {@code # HELP}, {@code # TYPE} (once per family, before its samples), or a sample with a valid
 * name, well-formed labels and a numeric value; anything else fails with the line.
 */
final class PrometheusText {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");
  private static final List<String> SUFFIXES =
      List.of("", "_total", "_count", "_sum", "_bucket", "_max", "_created", "_info");

  /** One sample: metric name, labels, value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private PrometheusText() {}

  /** Parses {@code text}; fails on the first malformed line. */
  static List<Sample> parse(String text) {
    List<Sample> samples = new ArrayList<>();
    Set<String> typed = new HashSet<>();
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      if (line.isBlank()) {
        continue;
      }
      try {
        if (line.startsWith("#")) {
          comment(line, typed);
        } else {
          Sample s = sample(line);
          if (!typed.isEmpty()
              && SUFFIXES.stream().noneMatch(x -> familyTyped(s.name(), x, typed))) {
            throw new IllegalArgumentException("sample of a family with no TYPE line");
          }
          samples.add(s);
        }
      } catch (RuntimeException e) {
        throw new AssertionError(
            "line " + n + " is not Prometheus text: " + line + " (" + e.getMessage() + ")", e);
      }
    }
    return samples;
  }

  private static boolean familyTyped(String name, String suffix, Set<String> typed) {
    return name.endsWith(suffix)
        && typed.contains(name.substring(0, name.length() - suffix.length()));
  }

  private static void comment(String line, Set<String> typed) {
    String[] parts = line.split(" ", 4);
    if (parts.length >= 3 && (parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
      require(NAME.matcher(parts[2]).matches(), "bad metric name " + parts[2]);
      if (parts[1].equals("TYPE")) {
        require(parts.length == 4 && TYPES.contains(parts[3].strip()), "bad type");
        require(typed.add(parts[2]), "second TYPE line for " + parts[2]);
      }
    }
  }

  private static Sample sample(String line) {
    Matcher m = NAME.matcher(line);
    require(m.lookingAt(), "no metric name");
    String name = m.group();
    int i = m.end();
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i = labels(line, i + 1, labels);
    }
    require(i < line.length() && line.charAt(i) == ' ', "no space before the value");
    String[] rest = line.substring(i + 1).split(" ");
    require(rest.length == 1 || rest.length == 2, "expected a value and an optional timestamp");
    double value = number(rest[0]);
    if (rest.length == 2) {
      Long.parseLong(rest[1]);
    }
    return new Sample(name, labels, value);
  }

  /** Reads {@code name="value",...}} from {@code i}; returns the index after the brace. */
  private static int labels(String line, int i, Map<String, String> out) {
    while (true) {
      if (line.charAt(i) == '}') {
        return i + 1;
      }
      Matcher m = LABEL_NAME.matcher(line).region(i, line.length());
      require(m.lookingAt(), "bad label name");
      String label = m.group();
      i = m.end();
      require(line.startsWith("=\"", i), "expected =\" after label " + label);
      i += 2;
      StringBuilder v = new StringBuilder();
      while (line.charAt(i) != '"') {
        char c = line.charAt(i);
        if (c == '\\') {
          char e = line.charAt(i + 1);
          require(e == '\\' || e == '"' || e == 'n', "bad escape \\" + e);
          v.append(e == 'n' ? '\n' : e);
          i += 2;
        } else {
          v.append(c);
          i++;
        }
      }
      require(out.put(label, v.toString()) == null, "label " + label + " twice");
      i++;
      if (line.charAt(i) == ',') {
        i++;
      }
    }
  }

  private static double number(String s) {
    return switch (s) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(s);
    };
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException(what);
    }
  }
}
