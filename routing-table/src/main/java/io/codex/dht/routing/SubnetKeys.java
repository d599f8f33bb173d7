package io.codex.dht.routing;

import io.codex.dht.spr.IpScope;
import java.net.InetAddress;

/**
 * Maps an IP address to the subnet the diversity limits count: its IPv4 /24 or IPv6 /48.
 *
 * <p>Implementation notes: a key is a non-negative long, the prefix bits tagged with the family
 * (bit 48 for IPv4, bit 49 for IPv6), so the two families never collide and no object is allocated.
 * {@link #NONE} means "not counted": limits are off, or the address is loopback or private and
 * {@link TableConfig#limitPrivateAddresses} is off. IPv4-mapped IPv6 addresses count as their IPv4
 * address.
 */
final class SubnetKeys {
  /** The key of an address the limits do not count. */
  static final long NONE = -1;

  private static final long IPV4_TAG = 1L << 48;
  private static final long IPV6_TAG = 2L << 48;

  private final boolean enabled;
  private final boolean limitPrivate;

  SubnetKeys(TableConfig config) {
    this(config.ipLimitsEnabled(), config.limitPrivateAddresses());
  }

  SubnetKeys(boolean enabled, boolean limitPrivate) {
    this.enabled = enabled;
    this.limitPrivate = limitPrivate;
  }

  /** The subnet key of {@code ip}, or {@link #NONE} if the limits do not apply to it. */
  long keyOf(InetAddress ip) {
    if (!enabled) {
      return NONE;
    }
    byte[] a = ip.getAddress();
    if (a.length == 16 && isIpv4Mapped(a)) {
      a = new byte[] {a[12], a[13], a[14], a[15]};
    }
    if (!limitPrivate && isPrivate(a)) {
      return NONE;
    }
    if (a.length == 4) {
      return IPV4_TAG | (a[0] & 0xFFL) << 16 | (a[1] & 0xFFL) << 8 | (a[2] & 0xFFL);
    }
    long prefix = 0;
    for (int i = 0; i < 6; i++) {
      prefix = prefix << 8 | (a[i] & 0xFFL);
    }
    return IPV6_TAG | prefix;
  }

  /** Loopback or private (see {@link IpScope#isLocal(byte[])}). */
  static boolean isPrivate(byte[] a) {
    return IpScope.isLocal(a);
  }

  private static boolean isIpv4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
  }
}
