package io.codex.dht.session;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The decoding benchmarks measured in thread CPU time rather than wall time, for a machine whose
 * other load makes JMH's wall-clock scores meaningless: each operation runs {@code ops} times per
 * round, after warm-up rounds, and the median round's CPU nanoseconds per operation is printed.
 *
 * <p>{@code java -cp <session bench classpath> io.codex.dht.session.CpuTimePerOp [rounds]} (the
 * classpath of {@code mvn -Pbench -pl session -am test-compile}).
 */
public final class CpuTimePerOp {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CpuTimePerOp() {}

  /** Runs every operation and prints its CPU time per call. */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    SessionBenchmark bench = new SessionBenchmark();
    SessionBenchmark.Pair pair = new SessionBenchmark.Pair();
    pair.setUp();
    SessionBenchmark.SealedPing sealed = new SessionBenchmark.SealedPing();
    sealed.setUp(pair);
    RecordBenchmark records = new RecordBenchmark();
    records.setUp();
    report("decodeOrdinaryPing", rounds, 200_000, () -> bench.decodeOrdinaryPing(pair, sealed));
    report("decodeRecord", rounds, 500, records::decodeRecord);
    report("envelopeStructure", rounds, 200_000, records::envelopeStructure);
    report("recordAddresses", rounds, 200_000, records::recordAddresses);
  }

  private interface Op {
    Object run() throws Exception;
  }

  private static void report(String name, int rounds, int ops, Op op) throws Exception {
    Object sink = null;
    double[] perOp = new double[rounds];
    for (int r = -3; r < rounds; r++) { // 3 warm-up rounds
      long start = THREADS.getCurrentThreadCpuTime();
      for (int i = 0; i < ops; i++) {
        sink = op.run();
      }
      long cpu = THREADS.getCurrentThreadCpuTime() - start;
      if (r >= 0) {
        perOp[r] = (double) cpu / ops;
      }
    }
    Arrays.sort(perOp);
    double median = perOp[rounds / 2];
    System.out.printf(
        "%-20s %12.1f CPU ns/op  (%,.0f ops per CPU second; rounds %.1f..%.1f) %s%n",
        name, median, 1e9 / median, perOp[0], perOp[rounds - 1], sink == null ? "" : "");
  }
}
