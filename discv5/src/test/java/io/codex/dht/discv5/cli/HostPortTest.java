package io.codex.dht.discv5.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** {@code HOST:PORT} arguments. */
class HostPortTest {
  @Test
  void parsesIpv4Ipv6AndNames() throws Exception {
    assertEquals(
        new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8090),
        HostPort.parse("127.0.0.1:8090", "--listen"));
    assertEquals(
        new InetSocketAddress(InetAddress.getByName("::1"), 0), HostPort.parse("[::1]:0", "--x"));
    assertTrue(HostPort.parse("0.0.0.0:1", "--x").getAddress().isAnyLocalAddress());
    assertTrue(HostPort.parse("localhost:80", "--x").getAddress().isLoopbackAddress());
  }

  @Test
  void refusesMalformedAddressesNamingTheOption() {
    for (String bad :
        new String[] {
          "8090", ":8090", "host:", "1.2.3.4:65536", "1.2.3.4:-1", "::1:80", "[::1]80"
        }) {
      Main.UserException e =
          assertThrows(Main.UserException.class, () -> HostPort.parse(bad, "--listen"), bad);
      assertTrue(e.getMessage().startsWith("--listen"), e.getMessage());
    }
  }

  @Test
  void anAnnouncedAddressIsSpecific() {
    assertThrows(
        Main.UserException.class, () -> HostPort.parseAnnounced("0.0.0.0:8090", "--announce"));
    assertThrows(
        Main.UserException.class, () -> HostPort.parseAnnounced("203.0.113.5:0", "--announce"));
    assertEquals(8090, HostPort.parseAnnounced("203.0.113.5:8090", "--announce").getPort());
  }
}
