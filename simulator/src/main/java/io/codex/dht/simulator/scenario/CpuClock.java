package io.codex.dht.simulator.scenario;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time since construction, of the constructing thread and of the whole process (zero where the
 * JVM does not measure it): what a run costs, apart from how busy the machine was.
 */
final class CpuClock {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final long threadStart = threadNanos();
  private final long processStart = processNanos();

  /** CPU seconds of the constructing thread since construction; call it on that thread. */
  double threadSeconds() {
    return Math.max(0, threadNanos() - threadStart) / 1e9;
  }

  /** CPU seconds of every thread of the process since construction. */
  double processSeconds() {
    return Math.max(0, processNanos() - processStart) / 1e9;
  }

  private long threadNanos() {
    return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
  }

  private static long processNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? Math.max(0, os.getProcessCpuTime())
        : 0;
  }
}
