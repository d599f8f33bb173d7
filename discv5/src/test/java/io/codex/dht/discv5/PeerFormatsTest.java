package io.codex.dht.discv5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.session.Features;
import io.codex.dht.spr.NodeId;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Per-peer features: learned from messages, bounded, and one full-record fetch per seq. */
class PeerFormatsTest {
  private final Random random = new Random(4);

  @Test
  void unknownPeersAreTakenAsCodexNodesAndLearnedOnesAreCounted() {
    PeerFormats f = new PeerFormats(8);
    NodeId ours = NodeId.random(random);
    NodeId codex = NodeId.random(random);
    assertFalse(f.readsLogos(ours), "nothing heard yet: PeerRecords only");
    f.heard(ours, Features.READS_LOGOS);
    f.heard(codex, 0);
    assertTrue(f.readsLogos(ours));
    assertFalse(f.readsLogos(codex));
    assertEquals(1, f.legacyCount());
    f.heard(codex, Features.READS_LOGOS);
    assertEquals(0, f.legacyCount(), "the same peer now announces support");
  }

  @Test
  void boundedWithTheLeastRecentlyHeardForgotten() {
    PeerFormats f = new PeerFormats(4);
    NodeId first = NodeId.random(random);
    f.heard(first, 0);
    for (int i = 0; i < 10; i++) {
      f.heard(NodeId.random(random), i % 2 == 0 ? 0 : Features.READS_LOGOS);
    }
    assertEquals(4, f.size());
    assertFalse(f.readsLogos(first));
    assertEquals(2, f.legacyCount(), "the count follows evictions");
  }

  @Test
  void theFullRecordIsAskedForOncePerSeq() {
    PeerFormats f = new PeerFormats(4);
    NodeId peer = NodeId.random(random);
    assertFalse(f.shouldAskFull(peer, 5), "never heard");
    f.heard(peer, Features.READS_LOGOS);
    assertFalse(f.shouldAskFull(peer, 5), "no full record announced");
    f.heard(peer, Features.READS_LOGOS | Features.FULL_RECORD);
    assertTrue(f.shouldAskFull(peer, 5));
    assertFalse(f.shouldAskFull(peer, 5), "asked at this seq already");
    assertTrue(f.shouldAskFull(peer, 6), "a new seq is asked again");
  }
}
