package io.codex.dht.discv5;

import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * A WARN log that writes at most one line per interval and counts the rest, so a peer that keeps
 * triggering a failure cannot flood the log. Messages never contain bytes from the network.
 */
final class RateLimitedLog {
  private final Logger log;
  private final long intervalMillis;
  private final LongSupplier nowMillis;
  private long lastMillis = Long.MIN_VALUE;
  private long suppressed;

  RateLimitedLog(Logger log, long intervalMillis, LongSupplier nowMillis) {
    this.log = log;
    this.intervalMillis = intervalMillis;
    this.nowMillis = nowMillis;
  }

  void warn(String message, Throwable error) {
    long now = nowMillis.getAsLong();
    if (lastMillis != Long.MIN_VALUE && now - lastMillis < intervalMillis) {
      suppressed++;
      return;
    }
    lastMillis = now;
    if (suppressed > 0) {
      log.warn("{} ({} similar messages suppressed)", message, suppressed, error);
      suppressed = 0;
    } else {
      log.warn(message, error);
    }
  }
}
