package io.codex.dht.discv5;

import static io.codex.dht.discv5.LoopbackCluster.join;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.SignedPeerRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Three real nodes on loopback UDP: ping, crossed handshakes, TALKREQ echo, FINDNODE [0]. */
class ThreeNodeTest {

  @Test
  void pingBothWaysTalkAndFindNodeZero() {
    try (LoopbackCluster c = new LoopbackCluster(1)) {
      Discv5Node a = c.start(b -> {});
      Discv5Node b = c.start(x -> {});
      Discv5Node d = c.start(x -> {});

      PingResult ab = join(a.ping(b.localRecord()));
      assertEquals(b.localRecord().seq(), ab.recordSeq());
      assertEquals(a.localRecord().udpEndpoint().orElseThrow(), ab.observedAddress());
      PingResult ba = join(b.ping(a.localRecord()));
      assertEquals(a.localRecord().seq(), ba.recordSeq());

      // Crossed handshake: d and b ping each other at the same moment, both succeed.
      var db = d.ping(b.localRecord());
      var bd = b.ping(d.localRecord());
      join(db);
      join(bd);

      join(b.registerTalkHandler("echo", (from, address, request) -> request));
      byte[] reply =
          join(a.talkRequest(b.localRecord(), "echo", "hi".getBytes(StandardCharsets.UTF_8)));
      assertEquals("hi", new String(reply, StandardCharsets.UTF_8));
      assertArrayEquals(new byte[0], join(a.talkRequest(b.localRecord(), "nope", new byte[] {1})));

      List<SignedPeerRecord> own = join(a.findNode(d.localRecord(), List.of(0)));
      assertEquals(List.of(d.localRecord()), own);
      assertTrue(join(a.findNode(d.localRecord(), List.of(300))).isEmpty());
    }
  }
}
