package io.codex.dht.spr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.codex.dht.spr.DecodeException.Reason;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Multiaddr text and binary codecs. */
class MultiaddrTest {

  @Test
  void textAndBinaryFormsRoundTrip() throws Exception {
    List<String[]> cases =
        List.of(
            new String[] {"/ip4/127.0.0.1/tcp/4001", "047f000001060fa1"},
            new String[] {"/ip4/0.0.0.0/udp/1", "040000000091020001"},
            new String[] {"/ip4/1.2.3.4/tcp/0", "0401020304060000"},
            new String[] {"/ip6/::1/udp/9000", "2900000000000000000000000000000001" + "91022328"},
            new String[] {"/dns4/example.com/tcp/443/wss", "360b6578616d706c652e636f6d0601bbde03"},
            new String[] {"/ip4/1.2.3.4/udp/4001/quic-v1", "040102030491020fa1cd03"});
    for (String[] c : cases) {
      Multiaddr fromText = Multiaddr.fromString(c[0]);
      assertEquals(c[1], HexFormat.of().formatHex(fromText.toBytes()), c[0]);
      Multiaddr fromBytes = Multiaddr.fromBytes(HexFormat.of().parseHex(c[1]));
      assertEquals(fromText, fromBytes);
      assertEquals(c[0], fromBytes.toString());
    }
  }

  @Test
  void ip6TextFollowsRfc5952() throws Exception {
    for (String text :
        List.of(
            "::",
            "::1",
            "1::",
            "2001:db8::1",
            "2001:db8:0:1:1:1:1:1",
            "fe80::1:0:0:1",
            "2001:0:0:1::1",
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")) {
      Multiaddr a = Multiaddr.fromString("/ip6/" + text + "/udp/1");
      assertEquals("/ip6/" + text + "/udp/1", a.toString());
    }
    assertEquals(
        "/ip6/2001:db8::1/udp/1",
        Multiaddr.fromString("/ip6/2001:0DB8:0:0:0:0:0:1/udp/1").toString());
  }

  @Test
  void p2pComponentCarriesAPeerId() throws Exception {
    PeerId id = PeerId.of(PrivateKey.generate(new Random(1)).publicKey());
    Multiaddr a = Multiaddr.fromString("/ip4/10.1.2.3/tcp/4001/p2p/" + id.toBase58());
    assertArrayEquals(id.toBytes(), a.components().get(2).value());
    assertEquals(a, Multiaddr.fromBytes(a.toBytes()));
    assertEquals("/ip4/10.1.2.3/tcp/4001/p2p/" + id.toBase58(), a.toString());
  }

  @Test
  void udpEndpointNeedsIpThenUdp() throws Exception {
    assertEquals(
        new InetSocketAddress("10.0.0.2", 30303),
        Multiaddr.fromString("/ip4/10.0.0.2/udp/30303").udpEndpoint().orElseThrow());
    assertTrue(Multiaddr.fromString("/ip4/10.0.0.2/tcp/30303").udpEndpoint().isEmpty());
    assertTrue(Multiaddr.fromString("/dns4/a.b/udp/30303").udpEndpoint().isEmpty());
    assertTrue(Multiaddr.fromString("/ip4/10.0.0.2").udpEndpoint().isEmpty());
  }

  @Test
  void badInputsFailWithReasons() {
    Object[][] cases = {
      {"ip4/1.2.3.4", Reason.BAD_MULTIADDR},
      {"/ip4/1.2.3", Reason.BAD_MULTIADDR},
      {"/ip4/01.2.3.4", Reason.BAD_MULTIADDR},
      {"/ip4/1.2.3.256", Reason.BAD_MULTIADDR},
      {"/ip4/1.2.3.4/udp/65536", Reason.BAD_MULTIADDR},
      {"/ip4/1.2.3.4/udp", Reason.BAD_MULTIADDR},
      {"/ip6/not-an-address", Reason.BAD_MULTIADDR},
      {"/ip6/example.com", Reason.BAD_MULTIADDR},
      {"/foo/1", Reason.UNKNOWN_MULTIADDR_PROTOCOL},
      {"/memory/99999999999999999999", Reason.BAD_MULTIADDR},
      {"/onion3/abc", Reason.BAD_MULTIADDR},
    };
    for (Object[] c : cases) {
      DecodeException e =
          assertThrows(
              DecodeException.class, () -> Multiaddr.fromString((String) c[0]), (String) c[0]);
      assertEquals(c[1], e.reason(), (String) c[0]);
    }
    byte[][] binary = {
      {}, {0x04, 1, 2}, {(byte) 0xff, (byte) 0xff, 0x03}, {0x35, 0x05, 'a'}, {0x35, 0x00},
    };
    Reason[] reasons = {
      Reason.BAD_MULTIADDR,
      Reason.TRUNCATED,
      Reason.UNKNOWN_MULTIADDR_PROTOCOL,
      Reason.TRUNCATED,
      Reason.BAD_MULTIADDR
    };
    for (int i = 0; i < binary.length; i++) {
      byte[] b = binary[i];
      DecodeException e = assertThrows(DecodeException.class, () -> Multiaddr.fromBytes(b));
      assertEquals(reasons[i], e.reason(), "case " + i);
    }
  }

  @Test
  void randomBytesOnlyRaiseTheTypedError() {
    Random random = new Random(8);
    for (int i = 0; i < 50_000; i++) {
      byte[] b = new byte[random.nextInt(40)];
      random.nextBytes(b);
      try {
        Multiaddr a = Multiaddr.fromBytes(b);
        assertEquals(a, Multiaddr.fromBytes(a.toBytes()));
        a.toString();
      } catch (DecodeException expected) {
        // The only acceptable failure.
      } catch (RuntimeException e) {
        fail("input " + HexFormat.of().formatHex(b) + " raised " + e, e);
      }
    }
  }
}
