package io.codex.dht.routing;

import io.codex.dht.spr.IpScope;
import java.net.InetAddress;

/**
 * Maps an IP address to the subnet the diversity limits count: its IPv4 /24 or IPv6 /48.
 *
 * <p>Implementation notes: a key is {@link IpScope#subnetKey}, a non-negative long, so the two
 * families never collide and no object is allocated. {@link #NONE} means "not counted": limits are
 * off, or the address is loopback or private and {@link TableConfig#limitPrivateAddresses} is off.
 * IPv4-mapped IPv6 addresses count as their IPv4 address.
 */
final class SubnetKeys {
  /** The key of an address the limits do not count. */
  static final long NONE = -1;

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
    if (a.length == 16 && IpScope.isIpv4Mapped(a)) {
      a = new byte[] {a[12], a[13], a[14], a[15]};
    }
    if (!limitPrivate && IpScope.isLocal(a)) {
      return NONE;
    }
    return IpScope.subnetKey(a);
  }
}
