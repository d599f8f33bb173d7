package io.codex.dht.spr;

import static io.codex.dht.spr.Vectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Seed inputs of the spr fuzz tests, taken from the test vectors and from records built here: in
 * regression mode each seed runs as a test case, in fuzzing mode Jazzer starts from them.
 */
final class FuzzSeeds {
  private static final List<String> ADDRESSES =
      List.of(
          "/ip4/127.0.0.1/udp/9000",
          "/ip4/0.0.0.0/tcp/4001",
          "/ip6/::1/udp/30303",
          "/ip6/2001:db8::8a2e:370:7334/tcp/443/tls/sni/example.org/ws",
          "/ip6zone/eth0/ip6/fe80::1/udp/1/quic-v1",
          "/dns4/node.example/tcp/8080/http",
          "/dns6/node.example/udp/1/webrtc-direct",
          "/dnsaddr/bootstrap.example",
          "/dns/a.example/tcp/1/wss/p2p-websocket-star",
          "/ip4/1.2.3.4/tcp/1/p2p/16Uiu2HAmLhLvBoYaoZfaMUKuibM6ac163GwKY74c5kiSLg5KvLpY",
          "/ip4/1.2.3.4/udp/2/quic/webtransport/p2p-circuit",
          "/ip4/10.0.0.1/ipcidr/8/sctp/5/dccp/6/udt/utp/noise/https/webrtc",
          "/memory/12345",
          "/unix/tmp/socket");

  private FuzzSeeds() {}

  /** Signed envelopes: the libp2p and Codex vectors (valid and negative), and built records. */
  static List<byte[]> envelopes() {
    List<byte[]> out = new ArrayList<>();
    for (JsonNode v : Vectors.json("libp2p-records.json").get("vectors").get("signed_envelopes")) {
      out.add(hex(v.get("envelope")));
      if (v.has("negative_case") && v.get("negative_case").has("envelope")) {
        out.add(hex(v.get("negative_case").get("envelope")));
      }
    }
    for (JsonNode r :
        Vectors.json("discv5-wire.json").get("codex_dht_variant").get("spr_records")) {
      out.add(hex(r.get("envelope")));
    }
    for (SignedPeerRecord r : builtRecords()) {
      out.add(r.encoded());
    }
    return out;
  }

  /** Peer record payloads: the payload of every seed envelope that has one. */
  static List<byte[]> payloads() {
    List<byte[]> out = new ArrayList<>();
    for (byte[] e : envelopes()) {
      try {
        out.add(SignedEnvelope.decode(e, Integer.MAX_VALUE).payload());
      } catch (DecodeException notAnEnvelope) {
        // Only well-formed envelopes contribute a payload.
      }
    }
    return out;
  }

  /** Binary multiaddrs of every protocol with a text form. */
  static List<byte[]> multiaddrs() {
    List<byte[]> out = new ArrayList<>();
    for (String text : ADDRESSES) {
      out.add(parse(text).toBytes());
    }
    return out;
  }

  /** The seeds as JUnit arguments, one {@code byte[]} each. */
  static Stream<Arguments> arguments(List<byte[]> seeds) {
    return seeds.stream().map(s -> Arguments.of((Object) s));
  }

  private static List<SignedPeerRecord> builtRecords() {
    Random random = new Random(9);
    PrivateKey key = PrivateKey.generate(random);
    List<Multiaddr> all = ADDRESSES.stream().map(FuzzSeeds::parse).toList();
    List<SignedPeerRecord> out = new ArrayList<>();
    out.add(SignedPeerRecord.builder(key).seq(1).address(Multiaddr.udp(loopback(), 9000)).build());
    out.add(
        SignedPeerRecord.builder(key)
            .seq(-1L)
            .format(RecordFormat.LOGOS)
            .addresses(all.subList(0, 4))
            .service(ServiceInfo.of("/mix/1.0.0", new byte[33]))
            .service(ServiceInfo.of("/codex/dht"))
            .build());
    out.add(SignedPeerRecord.builder(key).seq(0).addresses(all).build());
    return out;
  }

  private static Multiaddr parse(String text) {
    try {
      return Multiaddr.fromString(text);
    } catch (DecodeException e) {
      throw new IllegalStateException("seed address " + text, e);
    }
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
