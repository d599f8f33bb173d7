package io.codex.dht.discv5;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Classifies IP addresses for the relay rules of received records: a loopback address may only be
 * relayed by a loopback sender, a private (LAN) address only by a private or loopback sender, and
 * unspecified or multicast addresses never.
 */
final class AddressRules {
  private AddressRules() {}

  /** Whether {@code sender} may tell us about a node at {@code address}. */
  static boolean mayRelay(InetAddress sender, InetAddress address) {
    if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
      return false;
    }
    if (address.isLoopbackAddress()) {
      return sender.isLoopbackAddress();
    }
    if (isPrivate(address)) {
      return sender.isLoopbackAddress() || isPrivate(sender);
    }
    return true;
  }

  /** RFC 1918, IPv4 link-local, IPv6 unique-local (fc00::/7) and link-local (fe80::/10). */
  static boolean isPrivate(InetAddress address) {
    if (address.isSiteLocalAddress() || address.isLinkLocalAddress()) {
      return true;
    }
    byte[] a = address.getAddress();
    return a.length == 16 && (a[0] & 0xFE) == 0xFC;
  }

  /** Whether a socket address can be announced: not unspecified or multicast, port not 0. */
  static boolean isRoutable(InetSocketAddress address) {
    InetAddress a = address.getAddress();
    return a != null && !a.isAnyLocalAddress() && !a.isMulticastAddress() && address.getPort() != 0;
  }

  /** Whether the address is neither loopback nor private: a routable public address. */
  static boolean isPublic(InetAddress address) {
    return !address.isLoopbackAddress()
        && !isPrivate(address)
        && !address.isAnyLocalAddress()
        && !address.isMulticastAddress();
  }

  /**
   * The subnet an address belongs to for counting distinct voters: its IPv4 /24 or IPv6 /48, as a
   * tagged long.
   */
  static long subnet(InetAddress address) {
    byte[] a = address.getAddress();
    if (address instanceof Inet4Address) {
      return 1L << 48 | (a[0] & 0xFFL) << 16 | (a[1] & 0xFFL) << 8 | (a[2] & 0xFFL);
    }
    long prefix = 0;
    for (int i = 0; i < 6; i++) {
      prefix = prefix << 8 | (a[i] & 0xFFL);
    }
    return 2L << 48 | prefix;
  }
}
