package io.codex.dht.discv5;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * Chooses the address to put in the node's record for a bound socket: the bound address itself, or
 * for a wildcard bind the first non-loopback address of an interface that is up (replaced later by
 * the address other nodes observe).
 */
final class LocalAddresses {
  private LocalAddresses() {}

  /** The endpoint to announce for {@code bound}, or null if none can be found. */
  static InetSocketAddress announceable(InetSocketAddress bound) {
    InetAddress a = bound.getAddress();
    if (!a.isAnyLocalAddress()) {
      return bound;
    }
    boolean v4 = a instanceof Inet4Address;
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nif.isUp() || nif.isLoopback()) {
          continue;
        }
        for (InetAddress candidate : Collections.list(nif.getInetAddresses())) {
          if ((candidate instanceof Inet4Address) == v4
              && !candidate.isLinkLocalAddress()
              && !candidate.isLoopbackAddress()) {
            return new InetSocketAddress(candidate, bound.getPort());
          }
        }
      }
    } catch (SocketException e) {
      // No interface list: fall through to loopback.
    }
    return new InetSocketAddress(
        v4 ? InetAddress.getLoopbackAddress() : loopback6(), bound.getPort());
  }

  private static InetAddress loopback6() {
    byte[] one = new byte[16];
    one[15] = 1;
    try {
      return InetAddress.getByAddress(one);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("16 bytes are always an address", e);
    }
  }
}
