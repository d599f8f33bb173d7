package io.codex.dht.simulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs the events that threw, keeping the first exception for test messages.
 *
 * <p>Implementation notes: only the first few failures are logged with a stack trace at WARN; the
 * rest go to DEBUG, so a bug that fires in every one of 10,000 nodes does not flood the output.
 */
final class FailureLog {
  private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

  /** Failures logged at WARN with their stack trace. */
  private static final int LOGGED = 10;

  private long count;
  private Throwable first;

  void record(long nowNanos, Throwable ex) {
    count++;
    if (first == null) {
      first = ex;
    }
    if (count <= LOGGED) {
      LOG.warn("event failed at {} ns of virtual time; the simulation carries on", nowNanos, ex);
    } else {
      LOG.debug("event failed at {} ns of virtual time", nowNanos, ex);
    }
  }

  long count() {
    return count;
  }

  Throwable first() {
    return first;
  }
}
