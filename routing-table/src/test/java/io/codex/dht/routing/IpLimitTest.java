package io.codex.dht.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.NodeId;
import java.net.InetAddress;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The IP-diversity limits: 2 per bucket and 10 per table from one /24 (IPv4) or /48 (IPv6). */
class IpLimitTest {
  private final SplittableRandom random = new SplittableRandom(99);
  private final NodeId local = NodeId.random(random);

  private static InetAddress v4(int host) {
    return TestRecord.ip(81, 2, 3, 1 + host % 254);
  }

  /** 2001:db8:1234::/48 with varying lower 80 bits. */
  private static InetAddress v6(int host) {
    byte[] a = new byte[16];
    a[0] = 0x20;
    a[1] = 0x01;
    a[2] = 0x0d;
    a[3] = (byte) 0xb8;
    a[4] = 0x12;
    a[5] = 0x34;
    a[6] = (byte) (host >>> 8);
    a[7] = (byte) host;
    a[15] = (byte) (host * 7);
    return TestRecord.address(a);
  }

  /**
   * Offers 1,000 ids from one subnet, ground so that they fill the 16 nearest-to-full buckets (log
   * distances 241..256), half inbound and half outbound. Returns the table.
   */
  private RoutingTable<TestRecord> offer(TableConfig config, IntFunction<InetAddress> ips) {
    RoutingTable<TestRecord> table = new RoutingTable<>(local, TestRecord.VIEW, config, random);
    for (int i = 0; i < 1_000; i++) {
      NodeId id = local.randomAtDistance(256 - i % 16, random);
      table.add(new TestRecord(id, 1, ips.apply(i)), (i / 16) % 2 == 0);
    }
    TableInvariants.check(table, "after 1,000 offers");
    return table;
  }

  private static int stored(RoutingTable<TestRecord> table) {
    return table.size() + table.replacementsSize();
  }

  private static void assertLimited(RoutingTable<TestRecord> table) {
    for (int d = 1; d <= 256; d++) {
      assertTrue(table.bucketSize(d) + table.replacementCount(d) <= 2, "bucket " + d);
    }
    assertEquals(10, table.size(), "live entries from the subnet");
    assertEquals(10, stored(table), "live plus cached entries from the subnet");
    TableInvariants.checkIpLimits(table, "limited");
  }

  @Test
  void oneIpv4Slash24GetsTwoPerBucketAndTenPerTable() {
    assertLimited(offer(TableConfig.DEFAULT, IpLimitTest::v4));
  }

  @Test
  void oneIpv6Slash48GetsTwoPerBucketAndTenPerTable() {
    assertLimited(offer(TableConfig.DEFAULT, IpLimitTest::v6));
  }

  @Test
  void withTheSwitchOffTheSameIdsFillTheBuckets() {
    RoutingTable<TestRecord> v4 =
        offer(TableConfig.DEFAULT.withIpLimitsEnabled(false), IpLimitTest::v4);
    assertEquals(16 * 16, v4.size());
    assertTrue(stored(v4) > 100);
    RoutingTable<TestRecord> v6 =
        offer(TableConfig.DEFAULT.withIpLimitsEnabled(false), IpLimitTest::v6);
    assertEquals(16 * 16, v6.size());
  }

  @Test
  void neighbouringSubnetsAreCountedApart() {
    RoutingTable<TestRecord> table =
        new RoutingTable<>(local, TestRecord.VIEW, TableConfig.DEFAULT, random);
    for (int i = 0; i < 1_000; i++) {
      NodeId id = local.randomAtDistance(256 - i % 16, random);
      // 50 /24s: 81.2.0/24 .. 81.2.49/24
      table.add(new TestRecord(id, 1, TestRecord.ip(81, 2, i % 50, 9)), false);
    }
    assertEquals(16 * 16, table.size());
    TableInvariants.checkIpLimits(table, "50 subnets");
  }

  @Test
  void privateAndLoopbackRangesAreExemptUnlessConfigured() {
    int[][] privateRanges = {{127, 0, 0}, {10, 1, 2}, {172, 16, 5}, {172, 31, 5}, {192, 168, 1}};
    for (int[] p : privateRanges) {
      RoutingTable<TestRecord> open =
          offer(TableConfig.DEFAULT, i -> TestRecord.ip(p[0], p[1], p[2], 1 + i % 254));
      assertEquals(16 * 16, open.size(), "exempt: " + p[0] + "." + p[1]);
      RoutingTable<TestRecord> limited =
          offer(
              TableConfig.DEFAULT.withLimitPrivateAddresses(true),
              i -> TestRecord.ip(p[0], p[1], p[2], 1 + i % 254));
      assertEquals(10, limited.size(), "limited: " + p[0] + "." + p[1]);
    }
    // 172.32/16 is public: limited by default
    assertEquals(
        10, offer(TableConfig.DEFAULT, i -> TestRecord.ip(172, 32, 0, 1 + i % 254)).size());
  }

  @Test
  void ipv6LoopbackAndUniqueLocalAreExemptUnlessConfigured() {
    IntFunction<InetAddress> uniqueLocal =
        i -> {
          byte[] a = new byte[16];
          a[0] = (byte) 0xfd;
          a[1] = 0x12;
          a[15] = (byte) i;
          return TestRecord.address(a);
        };
    assertEquals(16 * 16, offer(TableConfig.DEFAULT, uniqueLocal).size());
    assertEquals(
        10, offer(TableConfig.DEFAULT.withLimitPrivateAddresses(true), uniqueLocal).size());
    byte[] loop = new byte[16];
    loop[15] = 1;
    InetAddress v6Loopback = TestRecord.address(loop);
    assertEquals(16 * 16, offer(TableConfig.DEFAULT, i -> v6Loopback).size());
    assertEquals(
        10, offer(TableConfig.DEFAULT.withLimitPrivateAddresses(true), i -> v6Loopback).size());
  }

  @Test
  void subnetKeysGroupBySlash24AndSlash48AndMapIpv4InIpv6() throws Exception {
    SubnetKeys keys = new SubnetKeys(TableConfig.DEFAULT);
    assertEquals(keys.keyOf(TestRecord.ip(81, 2, 3, 4)), keys.keyOf(TestRecord.ip(81, 2, 3, 200)));
    assertTrue(keys.keyOf(TestRecord.ip(81, 2, 3, 4)) != keys.keyOf(TestRecord.ip(81, 2, 4, 4)));
    assertEquals(keys.keyOf(v6(1)), keys.keyOf(v6(60_000)));
    byte[] other = v6(1).getAddress();
    other[5] ^= 1;
    assertTrue(keys.keyOf(v6(1)) != keys.keyOf(TestRecord.address(other)));
    // an IPv4-mapped IPv6 address built as Inet6Address counts as its IPv4 address
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    mapped[12] = 81;
    mapped[13] = 2;
    mapped[14] = 3;
    mapped[15] = 9;
    InetAddress m = java.net.Inet6Address.getByAddress(null, mapped, -1);
    assertEquals(keys.keyOf(TestRecord.ip(81, 2, 3, 4)), keys.keyOf(m));
    assertEquals(SubnetKeys.NONE, keys.keyOf(TestRecord.ip(192, 168, 0, 1)));
    assertEquals(
        SubnetKeys.NONE,
        new SubnetKeys(TableConfig.DEFAULT.withIpLimitsEnabled(false))
            .keyOf(TestRecord.ip(81, 2, 3, 4)));
  }
}
