package io.codex.dht.simulator.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AddressAllocatorTest {
  private static int subnet(InetSocketAddress a) {
    byte[] b = a.getAddress().getAddress();
    return (b[0] & 0xFF) << 16 | (b[1] & 0xFF) << 8 | (b[2] & 0xFF);
  }

  private static boolean looksPublic(InetAddress a) {
    byte[] b = a.getAddress();
    int host = b[3] & 0xFF;
    return a instanceof Inet4Address
        && !a.isLoopbackAddress()
        && !a.isSiteLocalAddress()
        && !a.isLinkLocalAddress()
        && !a.isMulticastAddress()
        && !a.isAnyLocalAddress()
        && host != 0
        && host != 255;
  }

  @Test
  void addressesArePublicAndEachInItsOwnSubnet() {
    AddressAllocator alloc = new AddressAllocator(1);
    Set<Integer> subnets = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      InetSocketAddress a = alloc.next();
      assertTrue(looksPublic(a.getAddress()), a.toString());
      assertTrue(AddressAllocator.isPublicSubnet(subnet(a)), a.toString());
      assertEquals(AddressAllocator.DEFAULT_PORT, a.getPort());
      assertTrue(subnets.add(subnet(a)), "subnet reused: " + a);
    }
    assertEquals(20_000, alloc.allocated());
  }

  @Test
  void sameSeedSameAddresses() {
    AddressAllocator a = new AddressAllocator(5);
    AddressAllocator b = new AddressAllocator(5);
    AddressAllocator c = new AddressAllocator(6);
    List<InetSocketAddress> la = new ArrayList<>();
    List<InetSocketAddress> lb = new ArrayList<>();
    List<InetSocketAddress> lc = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      la.add(a.next());
      lb.add(b.next());
      lc.add(c.next());
    }
    assertEquals(la, lb);
    assertNotEquals(la, lc);
  }

  @Test
  void manyAddressesInOneSubnet() {
    AddressAllocator alloc = new AddressAllocator(2);
    InetSocketAddress first = alloc.next();
    List<InetSocketAddress> group = alloc.nextInOneSubnet(254);
    assertEquals(254, new HashSet<>(group).size());
    Set<Integer> subnets = new HashSet<>();
    for (InetSocketAddress a : group) {
      subnets.add(subnet(a));
      assertTrue(looksPublic(a.getAddress()), a.toString());
    }
    assertEquals(1, subnets.size());
    assertNotEquals(subnet(first), subnets.iterator().next());
    assertThrows(IllegalStateException.class, () -> alloc.nextInSubnetOf(group.get(0)));
    assertThrows(IllegalArgumentException.class, () -> alloc.nextInOneSubnet(255));

    InetSocketAddress neighbour = alloc.nextInSubnetOf(first);
    assertEquals(subnet(first), subnet(neighbour));
    assertNotEquals(first.getAddress(), neighbour.getAddress());
    // The /24 of an earlier address is never handed out as a fresh one.
    for (int i = 0; i < 1000; i++) {
      assertNotEquals(subnet(first), subnet(alloc.next()));
    }
  }

  @Test
  void manyPortsOnOneHost() {
    AddressAllocator alloc = new AddressAllocator(3);
    InetSocketAddress host = alloc.next();
    InetSocketAddress second = alloc.nextOnHostOf(host);
    InetSocketAddress third = alloc.nextOnHostOf(host);
    assertEquals(host.getAddress(), second.getAddress());
    assertEquals(host.getAddress(), third.getAddress());
    assertEquals(host.getPort() + 1, second.getPort());
    assertEquals(host.getPort() + 2, third.getPort());
  }

  @Test
  void specialRangesAreExcluded() {
    int[][] reserved = {
      {0, 1, 2}, {10, 0, 0}, {100, 64, 0}, {100, 127, 255}, {127, 0, 0}, {169, 254, 1},
      {172, 16, 0}, {172, 31, 255}, {192, 0, 0}, {192, 0, 2}, {192, 168, 1}, {198, 18, 0},
      {198, 19, 255}, {198, 51, 100}, {203, 0, 113}, {224, 0, 0}, {255, 255, 255}
    };
    for (int[] r : reserved) {
      assertFalse(
          AddressAllocator.isPublicSubnet(r[0] << 16 | r[1] << 8 | r[2]), r[0] + "." + r[1]);
    }
    int[][] fine = {{1, 1, 1}, {100, 63, 0}, {100, 128, 0}, {172, 32, 0}, {192, 0, 1}, {223, 1, 1}};
    for (int[] r : fine) {
      assertTrue(AddressAllocator.isPublicSubnet(r[0] << 16 | r[1] << 8 | r[2]), r[0] + "." + r[1]);
    }
  }
}
