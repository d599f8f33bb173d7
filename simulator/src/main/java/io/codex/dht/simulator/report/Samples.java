package io.codex.dht.simulator.report;

import java.util.Arrays;

/** Percentiles and means of measured values; NaN stands for "no value" (an empty sample). */
public final class Samples {
  private Samples() {}

  /**
   * The {@code p}-th percentile (0 to 1) of {@code sorted} by the nearest-rank method: the smallest
   * value with at least {@code p} of the sample at or below it; NaN for an empty sample.
   */
  public static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
  }

  /** The mean of {@code values}; NaN for an empty sample. */
  public static double mean(double[] values) {
    return values.length == 0 ? Double.NaN : Arrays.stream(values).sum() / values.length;
  }

  /** The values as doubles, sorted. */
  public static double[] sorted(int[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    Arrays.sort(out);
    return out;
  }

  /** {@code counts[v]} = how many of {@code values} equal {@code v} (values must be >= 0). */
  public static int[] histogram(int[] values) {
    int max = 0;
    for (int v : values) {
      max = Math.max(max, v);
    }
    int[] counts = new int[values.length == 0 ? 0 : max + 1];
    for (int v : values) {
      counts[v]++;
    }
    return counts;
  }

  /** {@code part / whole}, or NaN when {@code whole} is 0. */
  public static double ratio(long part, long whole) {
    return whole == 0 ? Double.NaN : (double) part / whole;
  }
}
