package io.codex.dht.spr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Address scopes and the subnet keys of the diversity and rate limits. */
class IpScopeTest {
  private static long key(String ip) throws Exception {
    return IpScope.subnetKey(InetAddress.getByName(ip).getAddress());
  }

  @Test
  void ipv4KeysAreTheSlash24() throws Exception {
    assertEquals(key("45.33.12.1"), key("45.33.12.254"));
    assertNotEquals(key("45.33.12.1"), key("45.33.13.1"));
    assertEquals(1L << 48 | 45L << 16 | 33L << 8 | 12L, key("45.33.12.9"));
  }

  @Test
  void ipv6KeysAreTheSlash48AndNeverAnIpv4Key() throws Exception {
    assertEquals(key("2001:470:7:1::1"), key("2001:470:7:ffff::9"));
    assertNotEquals(key("2001:470:7::1"), key("2001:470:8::1"));
    assertNotEquals(key("0.0.0.1"), key("::1"));
    assertTrue(key("ffff:ffff:ffff::") > 0, "keys are non-negative");
  }

  @Test
  void anIpv4MappedAddressCountsAsItsIpv4Address() {
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xFF;
    mapped[11] = (byte) 0xFF;
    mapped[12] = 45;
    mapped[13] = 33;
    mapped[14] = 12;
    mapped[15] = 7;
    assertTrue(IpScope.isIpv4Mapped(mapped));
    assertEquals(IpScope.subnetKey(new byte[] {45, 33, 12, 1}), IpScope.subnetKey(mapped));
  }

  @Test
  void loopbackAndPrivateAreLocal() throws Exception {
    for (String ip : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.9.9", "::1"}) {
      assertTrue(IpScope.isLocal(InetAddress.getByName(ip)), ip);
    }
    assertFalse(IpScope.isLocal(InetAddress.getByName("45.33.12.1")));
  }
}
