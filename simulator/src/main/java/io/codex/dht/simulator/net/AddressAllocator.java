package io.codex.dht.simulator.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Hands out distinct public-looking IPv4 socket addresses from a seeded generator: by default each
 * in a /24 of its own, so the routing table's subnet limits treat simulated nodes like nodes spread
 * over the Internet; attack scenarios can ask for many addresses in one /24 or on one host.
 *
 * <p>Addresses avoid the special-purpose ranges (0/8, 10/8, 100.64/10, 127/8, 169.254/16,
 * 172.16/12, 192.0.0/24, 192.0.2/24, 192.168/16, 198.18/15, 198.51.100/24, 203.0.113/24, 224/3 and
 * the host octets 0 and 255).
 */
public final class AddressAllocator {
  /** The UDP port of addresses that do not share a host. */
  public static final int DEFAULT_PORT = 9000;

  private final SplittableRandom random;
  private final Set<Integer> usedSubnets = new HashSet<>();
  private final Set<Integer> usedHosts = new HashSet<>();
  private final Set<InetSocketAddress> used = new HashSet<>();

  /** An allocator whose sequence of addresses is a function of {@code seed}. */
  public AddressAllocator(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A new address on a new host in a /24 no other allocated address is in. */
  public InetSocketAddress next() {
    int subnet = freshSubnet();
    return take(subnet << 8 | (1 + random.nextInt(254)), DEFAULT_PORT);
  }

  /** {@code n} (1 to 254) new addresses on distinct hosts of one fresh /24. */
  public List<InetSocketAddress> nextInOneSubnet(int n) {
    if (n < 1 || n > 254) {
      throw new IllegalArgumentException("a /24 holds 1 to 254 hosts: " + n);
    }
    int subnet = freshSubnet();
    List<InetSocketAddress> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(take(freeHost(subnet), DEFAULT_PORT));
    }
    return out;
  }

  /** A new address on a new host in the /24 of {@code near}. */
  public InetSocketAddress nextInSubnetOf(InetSocketAddress near) {
    return take(freeHost(ipv4(near) >>> 8), DEFAULT_PORT);
  }

  /** A new address on the host of {@code near} (same IP, next free port). */
  public InetSocketAddress nextOnHostOf(InetSocketAddress near) {
    int ip = ipv4(near);
    for (int port = near.getPort() + 1; port <= 65_535; port++) {
      InetSocketAddress a = socket(ip, port);
      if (used.add(a)) {
        usedHosts.add(ip);
        usedSubnets.add(ip >>> 8);
        return a;
      }
    }
    throw new IllegalStateException("no free port above " + near);
  }

  /** How many addresses were handed out. */
  public int allocated() {
    return used.size();
  }

  /** Whether the /24 with 24-bit prefix {@code subnet} is ordinary public unicast space. */
  static boolean isPublicSubnet(int subnet) {
    int a = subnet >>> 16;
    int b = subnet >>> 8 & 0xFF;
    int c = subnet & 0xFF;
    return a != 0
        && a != 10
        && a != 127
        && a < 224
        && !(a == 100 && (b & 0xC0) == 64)
        && !(a == 169 && b == 254)
        && !(a == 172 && (b & 0xF0) == 16)
        && !(a == 192 && b == 168)
        && !(a == 192 && b == 0 && (c == 0 || c == 2))
        && !(a == 198 && (b & 0xFE) == 18)
        && !(a == 198 && b == 51 && c == 100)
        && !(a == 203 && b == 0 && c == 113);
  }

  private int freshSubnet() {
    while (true) {
      int subnet = random.nextInt(1 << 24);
      if (isPublicSubnet(subnet) && usedSubnets.add(subnet)) {
        return subnet;
      }
    }
  }

  private int freeHost(int subnet) {
    int start = random.nextInt(254);
    for (int i = 0; i < 254; i++) {
      int ip = subnet << 8 | (1 + (start + i) % 254);
      if (!usedHosts.contains(ip)) {
        return ip;
      }
    }
    throw new IllegalStateException("no free host in the /24 " + socket(subnet << 8, 0));
  }

  private InetSocketAddress take(int ip, int port) {
    usedSubnets.add(ip >>> 8);
    usedHosts.add(ip);
    InetSocketAddress a = socket(ip, port);
    used.add(a);
    return a;
  }

  private static int ipv4(InetSocketAddress a) {
    byte[] b = a.getAddress().getAddress();
    if (b.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + a);
    }
    return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
  }

  private static InetSocketAddress socket(int ip, int port) {
    byte[] b = {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip};
    try {
      // No name lookup happens: getByAddress only wraps the bytes.
      return new InetSocketAddress(InetAddress.getByAddress(b), port);
    } catch (UnknownHostException e) {
      throw new AssertionError("four bytes are always a valid address", e);
    }
  }
}
