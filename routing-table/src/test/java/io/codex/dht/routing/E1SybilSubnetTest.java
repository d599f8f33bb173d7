package io.codex.dht.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.NodeId;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Acceptance test E1 (security.md §4.2): 10,000 sybil ids from one IPv4 /24, then from one IPv6
 * /48, ground into the 16 fullest buckets (log distances 241..256) and the 16 nearest ones (1..16),
 * offered as inbound contacts ({@code add(record, true)}, what a completed handshake does) and as
 * learned records ({@code add(record, false)}, what a NODES answer does); a further 200 ids first
 * join from other subnets and then move into the attacker's subnet with a newer record. Pass: at
 * most 2 per bucket (live plus cached) and at most 10 in the table. Negative control: with the IP
 * limits off the same offers put at least 100 of them in the table.
 *
 * <p>The node adds both kinds through this method ({@code SessionEvents.onHandshake} and {@code
 * NodeCore.learn}), so the table is where the limit is measured.
 */
class E1SybilSubnetTest {
  private static final long SEED = 0xE1L;
  private static final int SYBILS = 10_000;
  private static final int MOVERS = 200;

  private static InetAddress v4(int host) {
    return TestRecord.ip(203, 0, 113, 1 + host % 254);
  }

  /** 2001:db8:77::/48 with varying lower 80 bits. */
  private static InetAddress v6(int host) {
    byte[] a = new byte[16];
    a[0] = 0x20;
    a[1] = 0x01;
    a[2] = 0x0d;
    a[3] = (byte) 0xb8;
    a[5] = 0x77;
    a[6] = (byte) (host >>> 8);
    a[7] = (byte) host;
    a[13] = (byte) (host >>> 16);
    a[15] = (byte) (host * 13);
    return TestRecord.address(a);
  }

  private static boolean inSubnet(InetAddress ip, InetAddress sample) {
    byte[] a = ip.getAddress();
    byte[] b = sample.getAddress();
    int prefix = a.length == 4 ? 3 : 6;
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < prefix; i++) {
      if (a[i] != b[i]) {
        return false;
      }
    }
    return true;
  }

  /** Runs the attack; returns the table. */
  private static RoutingTable<TestRecord> attack(TableConfig config, IntFunction<InetAddress> ips) {
    SplittableRandom random = new SplittableRandom(SEED);
    NodeId local = NodeId.random(random);
    RoutingTable<TestRecord> table = new RoutingTable<>(local, TestRecord.VIEW, config, random);
    List<TestRecord> movers = new ArrayList<>();
    for (int i = 0; i < MOVERS; i++) {
      TestRecord r = TestRecord.atDistance(local, 256 - i % 16, i, random);
      table.add(r, i % 2 == 0);
      movers.add(r);
    }
    for (int i = 0; i < SYBILS; i++) {
      int slot = i % 32;
      int d = slot < 16 ? 256 - slot : slot - 15;
      NodeId id = local.randomAtDistance(d, random);
      table.add(new TestRecord(id, 1, ips.apply(i)), (i / 32) % 2 == 0);
    }
    for (int i = 0; i < MOVERS; i++) {
      table.add(movers.get(i).withSeq(2).withIp(ips.apply(SYBILS + i)), i % 2 == 1);
    }
    TableInvariants.check(table, "after the attack");
    return table;
  }

  private static int[] count(RoutingTable<TestRecord> table, Predicate<InetAddress> attacker) {
    int live = 0;
    int cached = 0;
    int worstBucket = 0;
    for (int d = 1; d <= 256; d++) {
      Bucket<TestRecord> b = table.bucket(d);
      int inBucket = 0;
      for (Entry<TestRecord> e : b.live) {
        if (attacker.test(e.record.ip())) {
          live++;
          inBucket++;
        }
      }
      for (Entry<TestRecord> e : b.replacements) {
        if (attacker.test(e.record.ip())) {
          cached++;
          inBucket++;
        }
      }
      worstBucket = Math.max(worstBucket, inBucket);
    }
    return new int[] {live, cached, worstBucket};
  }

  private static void assertContained(IntFunction<InetAddress> ips, String family) {
    RoutingTable<TestRecord> table = attack(TableConfig.DEFAULT, ips);
    int[] c = count(table, ip -> inSubnet(ip, ips.apply(0)));
    String seen = family + " seed " + SEED + ": live " + c[0] + ", cached " + c[1];
    assertTrue(c[2] <= 2, seen + ", worst bucket " + c[2]);
    assertTrue(c[0] <= 10 && c[0] + c[1] <= 10, seen);
    assertEquals(10, c[0], seen + " (the limit is reached, not undershot)");
    TableInvariants.checkIpLimits(table, family);
  }

  private static void assertControlFloods(IntFunction<InetAddress> ips, String family) {
    RoutingTable<TestRecord> table = attack(TableConfig.DEFAULT.withIpLimitsEnabled(false), ips);
    int[] c = count(table, ip -> inSubnet(ip, ips.apply(0)));
    assertTrue(c[0] >= 100, family + " control seed " + SEED + ": live " + c[0]);
  }

  @Test
  void oneIpv4Slash24HoldsAtMostTwoPerBucketAndTenInTheTable() {
    assertContained(E1SybilSubnetTest::v4, "IPv4 /24");
  }

  @Test
  void oneIpv6Slash48HoldsAtMostTwoPerBucketAndTenInTheTable() {
    assertContained(E1SybilSubnetTest::v6, "IPv6 /48");
  }

  @Test
  void controlWithoutIpLimitsTheSybilsFillTheTable() {
    assertControlFloods(E1SybilSubnetTest::v4, "IPv4 /24");
    assertControlFloods(E1SybilSubnetTest::v6, "IPv6 /48");
  }
}
