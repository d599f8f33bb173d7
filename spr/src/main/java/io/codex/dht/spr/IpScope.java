package io.codex.dht.spr;

import java.net.InetAddress;

/**
 * Address scopes shared by the per-IP and per-subnet limits of the session cache, the routing
 * table, lookups and the provider store: loopback and private (LAN) addresses are "local" and
 * exempt from those limits by default, so local networks and tests work.
 */
public final class IpScope {
  private IpScope() {}

  /** Loopback or private: 127/8, 10/8, 172.16/12, 192.168/16, ::1, fc00::/7. */
  public static boolean isLocal(InetAddress address) {
    return isLocal(address.getAddress());
  }

  /** {@link #isLocal(InetAddress)} on raw address bytes (4 or 16). */
  public static boolean isLocal(byte[] a) {
    if (a.length == 4) {
      int b0 = a[0] & 0xFF;
      int b1 = a[1] & 0xFF;
      return b0 == 127 || b0 == 10 || (b0 == 172 && (b1 & 0xF0) == 16) || (b0 == 192 && b1 == 168);
    }
    if ((a[0] & 0xFE) == 0xFC) {
      return true; // fc00::/7, unique local
    }
    for (int i = 0; i < 15; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[15] == 1; // ::1
  }

  /**
   * The subnet an address counts in for diversity and rate limits, as a non-negative number: its
   * IPv4 /24 ({@code 1 << 48 | a.b.c}) or IPv6 /48 ({@code 2 << 48 | first 48 bits}); an
   * IPv4-mapped IPv6 address counts as its IPv4 address.
   */
  public static long subnetKey(byte[] a) {
    if (a.length == 16 && isIpv4Mapped(a)) {
      return subnetKey(new byte[] {a[12], a[13], a[14], a[15]});
    }
    if (a.length == 4) {
      return 1L << 48 | (a[0] & 0xFFL) << 16 | (a[1] & 0xFFL) << 8 | (a[2] & 0xFFL);
    }
    long prefix = 0;
    for (int i = 0; i < 6; i++) {
      prefix = prefix << 8 | (a[i] & 0xFFL);
    }
    return 2L << 48 | prefix;
  }

  /** Whether {@code a} (16 bytes) is an IPv4-mapped IPv6 address, {@code ::ffff:a.b.c.d}. */
  public static boolean isIpv4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
  }
}
