package io.codex.dht.session;

import io.codex.dht.spr.IpScope;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token-bucket limit on one kind of work, in total and per source IP: an action is allowed only
 * when both the global bucket and the IP's bucket hold a token, and then takes one from each. A
 * rate of zero or less switches that bucket off.
 *
 * <p>Each bucket is a generic cell rate algorithm (GCRA): one number, the time at which the bucket
 * will be full again. A bucket of {@code rate} tokens per second and {@code burst} tokens allows at
 * most {@code burst + rate * t} actions in any interval of {@code t} seconds. Time is the layer's
 * injected monotonic clock, in nanoseconds.
 *
 * <p>With a fair share, an IP's rate is also at most the global rate divided by the number of IPs
 * that asked in the current or the previous second: when many IPs compete, each gets about an equal
 * part, so a source asking for less than its part (an honest node) is served, whatever the others
 * send. It cannot help when the honest demand per IP exceeds the share (more attacking IPs than the
 * global rate allows for); the global bound holds regardless.
 */
final class RateLimiter {
  // Implementation notes: the per-IP buckets live in an access-ordered LRU of at most `capacity`
  // IPs. An IP without an entry has a full bucket, so an entry is created only when a token is
  // actually taken, and only after the global bucket agreed: at most `globalBurst + globalRate`
  // entries are created per second. An entry is full again `burst / rate` seconds after its last
  // token, so as long as capacity >= globalBurst + globalRate * ipBurst / ipRate (4096 against
  // 1100 for the WHOAREYOU defaults), only full buckets are ever evicted and the LRU loses nothing.
  // With the global bucket off (tests), or with a fair share (which remembers refused IPs too), an
  // evicted IP may lose a partly used bucket: it comes back full, which the global bucket bounds.

  /** Nanoseconds in one second. */
  private static final long SECOND = 1_000_000_000L;

  // Fair share: an approximation of max-min fairness without queues. An IP counts as active in a
  // one-second window when it asks (allowed or not); the share divides the global rate by the
  // larger of this window's and the previous window's count, so it does not jump at a window's
  // start. While the share is below the per-IP rate (contention), an IP's burst is one: an IP
  // that asks for less than its share leaves the rest in the global bucket, where a quiet IP finds
  // it; banked bursts of the loud IPs would drain it first come, first served. Counting asks means
  // a cell is created for a refused ask too: the LRU bound still holds, and the callers
  // (handshakes, which need a challenge first) ask at a bounded rate.

  /** The state of one IP's bucket: the time it is full again, and its last active window. */
  private static final class Cell {
    long full;
    long window = -1;
  }

  private final long globalInterval;
  private final long globalTolerance;
  private final long ipInterval;
  private final long ipTolerance;
  private final boolean limitLocal;
  private final boolean fairShare;
  private final LinkedHashMap<InetAddress, Cell> perIp;
  private long globalFull;
  private boolean globalUsed;
  private boolean windowStarted;
  private long windowStart;
  private long window;
  private int activeNow;
  private int activeBefore;

  /**
   * A limiter of {@code globalRate} per second (burst {@code globalBurst}) in total and {@code
   * ipRate} per second (burst {@code ipBurst}) per IP, remembering at most {@code capacity} IPs.
   * Loopback and private IPs have no per-IP bucket unless {@code limitLocal}.
   */
  RateLimiter(
      int globalRate, int globalBurst, int ipRate, int ipBurst, int capacity, boolean limitLocal) {
    this(globalRate, globalBurst, ipRate, ipBurst, capacity, limitLocal, false);
  }

  /** As above; with {@code fairShare} each IP's rate is at most its share of the global rate. */
  RateLimiter(
      int globalRate,
      int globalBurst,
      int ipRate,
      int ipBurst,
      int capacity,
      boolean limitLocal,
      boolean fairShare) {
    this.globalInterval = interval(globalRate);
    this.globalTolerance = tolerance(globalRate, globalBurst);
    this.ipInterval = interval(ipRate);
    this.ipTolerance = tolerance(ipRate, ipBurst);
    this.limitLocal = limitLocal;
    this.fairShare = fairShare && globalInterval > 0 && ipInterval > 0;
    this.perIp =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<InetAddress, Cell> eldest) {
            return size() > capacity;
          }
        };
  }

  private static long interval(int rate) {
    return rate <= 0 ? 0 : Math.max(1, SECOND / rate);
  }

  private static long tolerance(int rate, int burst) {
    return rate <= 0 ? 0 : interval(rate) * (Math.max(1, burst) - 1);
  }

  /** Takes a token for an action from {@code ip} if both buckets allow it; else takes nothing. */
  boolean tryAcquire(InetAddress ip, long now) {
    boolean global = globalInterval > 0;
    boolean limitIp = ipInterval > 0 && (limitLocal || !IpScope.isLocal(ip));
    Cell cell = limitIp ? perIp.get(ip) : null;
    long interval = ipInterval;
    long tolerance = ipTolerance;
    if (limitIp && fairShare) {
      if (cell == null) {
        cell = newCell(ip, now);
      }
      long share = globalInterval * active(cell, now);
      if (share > ipInterval) {
        interval = share;
        tolerance = 0; // under contention no IP banks tokens: what it leaves, others can use
      }
    }
    if (global && globalUsed && !allows(globalFull, globalTolerance, now)) {
      return false;
    }
    if (cell != null && !allows(cell.full, tolerance, now)) {
      return false;
    }
    if (global) {
      globalFull = take(globalUsed ? globalFull : now, globalInterval, now);
      globalUsed = true;
    }
    if (limitIp) {
      if (cell == null) {
        cell = newCell(ip, now);
      }
      cell.full = take(cell.full, interval, now);
    }
    return true;
  }

  private Cell newCell(InetAddress ip, long now) {
    Cell cell = new Cell();
    cell.full = now;
    perIp.put(ip, cell);
    return cell;
  }

  /** Marks {@code cell} active in the current window; returns the number of active IPs. */
  private int active(Cell cell, long now) {
    if (!windowStarted) {
      windowStarted = true;
      windowStart = now;
    }
    long elapsed = (now - windowStart) / SECOND;
    if (elapsed > 0) {
      activeBefore = elapsed == 1 ? activeNow : 0;
      activeNow = 0;
      window += elapsed;
      windowStart += elapsed * SECOND;
    }
    if (cell.window != window) {
      cell.window = window;
      activeNow++;
    }
    return Math.max(activeNow, activeBefore);
  }

  /** Whether a bucket full again at {@code full} has a token at {@code now} (wrap-safe). */
  private static boolean allows(long full, long tolerance, long now) {
    return full - now <= tolerance;
  }

  /** The new full-again time after taking a token at {@code now}. */
  private static long take(long full, long interval, long now) {
    return (full - now > 0 ? full : now) + interval;
  }

  /** IPs whose bucket is remembered. */
  int trackedIps() {
    return perIp.size();
  }
}
