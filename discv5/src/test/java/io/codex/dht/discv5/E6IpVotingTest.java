package io.codex.dht.discv5;

import static io.codex.dht.discv5.LoopbackCluster.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.codex.dht.session.Message;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/**
 * Acceptance test E6 (security.md §4.2): attacker ids in a few /24s (loopback aliases 127.0.s.h,
 * each its own /24 for the vote count) answer the node's PINGs with a fake {@code recipient-ip} and
 * also send it unsolicited PONGs claiming the same. Pass: 9 ids in 4 /24s, solicited or not, leave
 * the advertised address unchanged. Negative control: the same solicited attack from 10 ids in 5
 * /24s (the vote threshold) does move it, so the PONGs do reach the vote; unsolicited PONGs never
 * count, even from 10 ids in 5 /24s.
 */
class E6IpVotingTest {
  private static final InetSocketAddress FAKE = new InetSocketAddress("198.51.100.66", 9999);
  private final Random random = new Random(0xE6);

  private List<RawPeer> attackers(int count, int subnets) throws Exception {
    List<RawPeer> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      InetAddress bind =
          InetAddress.getByAddress(new byte[] {127, 0, (byte) (1 + i % subnets), (byte) (10 + i)});
      RawPeer p = new RawPeer(PrivateKey.generate(random), 1, bind, null);
      p.pongObserved = FAKE;
      out.add(p);
    }
    return out;
  }

  /** Each attacker sends 5 unsolicited PONGs, then PINGs the node and waits for its PONG. */
  private static void unsolicited(List<RawPeer> attackers, Discv5Node node) throws Exception {
    for (RawPeer a : attackers) {
      for (int k = 0; k < 5; k++) {
        a.send(node.localRecord(), new Message.Pong(Bytes.ofUnsignedInt(0xE600 + k), 1, FAKE));
      }
      Bytes rid = Bytes.ofUnsignedInt(0xE6FF);
      a.send(node.localRecord(), new Message.Ping(rid, 1));
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (a.received.stream().noneMatch(m -> m.requestId().equals(rid))) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no PONG from the node");
        }
        Thread.sleep(5);
      }
    }
  }

  private static void solicited(List<RawPeer> attackers, Discv5Node node) {
    for (int round = 0; round < 2; round++) {
      for (RawPeer a : attackers) {
        join(node.ping(a.record));
      }
    }
  }

  private static void closeAll(List<RawPeer> peers) {
    peers.forEach(RawPeer::close);
  }

  @Test
  void nineIdsInFourSubnetsDoNotMoveTheAdvertisedAddress() throws Exception {
    try (LoopbackCluster c = new LoopbackCluster(61)) {
      Discv5Node node = c.start(b -> {});
      SignedPeerRecord before = node.localRecord();
      List<RawPeer> attackers = attackers(9, 4);
      try {
        unsolicited(attackers, node);
        solicited(attackers, node);
        unsolicited(attackers, node);
      } finally {
        closeAll(attackers);
      }
      assertEquals(before.udpEndpoint(), node.localRecord().udpEndpoint());
      assertEquals(before.seq(), node.localRecord().seq(), "the record was not re-signed");
    }
  }

  @Test
  void unsolicitedPongsNeverCountEvenFromTenIdsInFiveSubnets() throws Exception {
    try (LoopbackCluster c = new LoopbackCluster(62)) {
      Discv5Node node = c.start(b -> {});
      SignedPeerRecord before = node.localRecord();
      List<RawPeer> attackers = attackers(10, 5);
      try {
        unsolicited(attackers, node);
      } finally {
        closeAll(attackers);
      }
      assertEquals(before.udpEndpoint(), node.localRecord().udpEndpoint());
    }
  }

  @Test
  void controlTenSolicitedVotesFromFiveSubnetsMoveIt() throws Exception {
    try (LoopbackCluster c = new LoopbackCluster(63)) {
      Discv5Node node = c.start(b -> {});
      SignedPeerRecord before = node.localRecord();
      List<RawPeer> attackers = attackers(10, 5);
      try {
        solicited(attackers, node);
      } finally {
        closeAll(attackers);
      }
      assertNotEquals(before.udpEndpoint(), node.localRecord().udpEndpoint());
      assertEquals(FAKE, node.localRecord().udpEndpoint().orElseThrow());
    }
  }
}
