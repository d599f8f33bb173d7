package io.codex.dht.spr;

import java.net.InetAddress;

/**
 * Address scopes shared by the per-IP limits of the session cache and the routing table: loopback
 * and private (LAN) addresses are "local" and exempt from those limits by default, so local
 * networks and tests work.
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
}
