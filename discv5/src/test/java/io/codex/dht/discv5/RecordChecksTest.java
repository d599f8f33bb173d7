package io.codex.dht.discv5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.Multiaddr;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/** Checks on records received in NODES. */
class RecordChecksTest {
  private final Random random = new Random(12);
  private final NodeId local = NodeId.random(random);
  private final NodeId responder = NodeId.random(random);
  private final InetSocketAddress publicSender = new InetSocketAddress("198.51.100.20", 9000);
  private final Map<NodeId, SignedPeerRecord> held = new HashMap<>();
  private final RecordChecks checks = new RecordChecks(local, true, false, held::get);
  private final Map<RecordChecks.Rejection, Integer> rejected =
      new EnumMap<>(RecordChecks.Rejection.class);
  private final List<DecodeException.Reason> details = new ArrayList<>();

  private SignedPeerRecord record(String ip, int port) throws Exception {
    return SignedPeerRecord.builder(PrivateKey.generate(random))
        .address(Multiaddr.udp(InetAddress.getByName(ip), port))
        .build();
  }

  private List<Peer> check(List<SignedPeerRecord> records, List<Integer> distances, int max) {
    List<Bytes> raw = records.stream().map(r -> Bytes.wrap(r.encoded())).toList();
    return checks.check(
        raw,
        responder,
        publicSender,
        distances,
        max,
        (r, d) -> {
          rejected.merge(r, 1, Integer::sum);
          if (d != null) {
            details.add(d);
          }
        });
  }

  @Test
  void goodRecordsPassAndEachRuleRejects() throws Exception {
    SignedPeerRecord good = record("203.0.113.5", 9000);
    SignedPeerRecord loopback = record("127.0.0.1", 9000);
    SignedPeerRecord lan = record("192.168.1.5", 9000);
    SignedPeerRecord unspecified = record("0.0.0.0", 9000);
    SignedPeerRecord noUdp =
        SignedPeerRecord.builder(PrivateKey.generate(random))
            .address(Multiaddr.fromString("/ip4/203.0.113.6/tcp/4001"))
            .build();
    byte[] forged = good.encoded();
    forged[forged.length - 5] ^= 1;
    List<Bytes> raw = new ArrayList<>();
    for (SignedPeerRecord r : List.of(good, good, loopback, lan, unspecified, noUdp)) {
      raw.add(Bytes.wrap(r.encoded()));
    }
    raw.add(Bytes.wrap(forged));
    List<Peer> out =
        checks.check(
            raw,
            responder,
            publicSender,
            null,
            16,
            (r, d) -> {
              rejected.merge(r, 1, Integer::sum);
              if (d != null) {
                details.add(d);
              }
            });
    assertEquals(List.of(good.nodeId()), out.stream().map(Peer::nodeId).toList());
    assertEquals(1, rejected.get(RecordChecks.Rejection.DUPLICATE));
    assertEquals(2, rejected.get(RecordChecks.Rejection.RELAY_NOT_ALLOWED)); // loopback, LAN
    assertEquals(2, rejected.get(RecordChecks.Rejection.NO_ENDPOINT)); // 0.0.0.0, no udp
    assertEquals(1, rejected.get(RecordChecks.Rejection.INVALID));
    assertEquals(1, details.size());
  }

  @Test
  void distanceMustBeOneAskedFor() throws Exception {
    List<SignedPeerRecord> records = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      records.add(record("203.0.113." + (i + 1), 9000));
    }
    int d = records.get(0).nodeId().logDistance(responder);
    List<Peer> out = check(records, List.of(d), 16);
    for (Peer p : out) {
      assertEquals(d, p.nodeId().logDistance(responder));
    }
    int expectedMatches =
        (int) records.stream().filter(r -> r.nodeId().logDistance(responder) == d).count();
    assertEquals(expectedMatches, out.size());
    assertEquals(30 - expectedMatches, rejected.get(RecordChecks.Rejection.WRONG_DISTANCE));
  }

  @Test
  void atMostMaxRecordsAreTaken() throws Exception {
    List<SignedPeerRecord> records = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      records.add(record("203.0.113." + (i + 1), 9000));
    }
    assertEquals(6, check(records, null, 6).size());
    assertEquals(14, rejected.get(RecordChecks.Rejection.OVER_LIMIT));
  }

  @Test
  void aRecordAlreadyHeldIsReusedWithoutVerification() throws Exception {
    SignedPeerRecord r = record("203.0.113.77", 9000);
    held.put(r.nodeId(), r);
    Peer peer = check(List.of(r), null, 16).get(0);
    assertSame(r, peer.record());
    SignedPeerRecord newer =
        SignedPeerRecord.builder(PrivateKey.generate(random))
            .address(Multiaddr.udp(InetAddress.getByName("203.0.113.78"), 1))
            .build();
    held.put(newer.nodeId(), r); // held record of another node: bytes differ, so it is verified
    assertEquals(newer, check(List.of(newer), null, 16).get(0).record());
  }

  @Test
  void recordsOlderThanTheSeqSeenBeforeAreRefusedEqualOrNewerPass() throws Exception {
    PrivateKey key = PrivateKey.generate(random);
    List<SignedPeerRecord> versions = new ArrayList<>();
    for (long seq : new long[] {4, 5, 6}) {
      versions.add(
          SignedPeerRecord.builder(key)
              .seq(seq)
              .address(Multiaddr.udp(InetAddress.getByName("203.0.113.9"), 9000))
              .build());
    }
    NodeId subject = versions.get(0).nodeId();
    RecordChecks remembering =
        new RecordChecks(
            local,
            true,
            false,
            held::get,
            new VerifiedRecords(0),
            id -> id.equals(subject) ? OptionalLong.of(5) : OptionalLong.empty());
    List<Long> passed = new ArrayList<>();
    for (SignedPeerRecord r : versions) {
      remembering
          .check(
              List.of(Bytes.wrap(r.encoded())),
              responder,
              publicSender,
              null,
              16,
              (rejection, d) -> rejected.merge(rejection, 1, Integer::sum))
          .forEach(p -> passed.add(p.record().seq()));
    }
    assertEquals(List.of(5L, 6L), passed);
    assertEquals(Map.of(RecordChecks.Rejection.OLDER_THAN_SEEN, 1), rejected);
    // Without remembered seqs (the plain checks) the old one passes.
    assertEquals(1, check(List.of(versions.get(0)), null, 16).size());
  }
}
