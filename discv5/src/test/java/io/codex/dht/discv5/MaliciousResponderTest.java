package io.codex.dht.discv5;

import static io.codex.dht.discv5.LoopbackCluster.join;
import static io.codex.dht.discv5.LoopbackCluster.onNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.discv5.store.NodeStore;
import io.codex.dht.session.Message;
import io.codex.dht.spr.Multiaddr;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security tests E3, E5 and F2 (security.md 4.2) against a hand-driven responder: malformed NODES
 * never enter the table and get the responder penalised; unverified nodes are never relayed;
 * replayed older records never replace newer ones, also after a restart (the data dir keeps the
 * highest seq seen per peer).
 */
class MaliciousResponderTest {
  private final Random random = new Random(31);

  private SignedPeerRecord recordAt(int port, long seq) throws Exception {
    return SignedPeerRecord.builder(PrivateKey.generate(random))
        .seq(seq)
        .address(Multiaddr.udp(InetAddress.getLoopbackAddress(), port))
        .build();
  }

  /** Records at log distance {@code d} from {@code from} (ground by trying keys). */
  private List<SignedPeerRecord> atDistance(NodeId from, int d, int n) throws Exception {
    List<SignedPeerRecord> out = new ArrayList<>();
    while (out.size() < n) {
      SignedPeerRecord r = recordAt(20_000 + out.size(), 1);
      if (r.nodeId().logDistance(from) == d) {
        out.add(r);
      }
    }
    return out;
  }

  private static Message.Nodes nodes(Bytes rid, int total, List<SignedPeerRecord> records) {
    return new Message.Nodes(
        rid, total, records.stream().map(r -> Bytes.wrap(r.encoded())).toList());
  }

  private static Throwable failure(CompletableFuture<?> f) throws Exception {
    try {
      f.get(30, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException | CompletionException e) {
      return e.getCause();
    }
  }

  @Test
  void malformedNodesAreRefusedAndTheResponderPenalised() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (LoopbackCluster c = new LoopbackCluster(8);
        RawPeer attacker = new RawPeer(PrivateKey.generate(random), 1)) {
      Discv5Node victim = c.start(b -> b.meterRegistry(registry));
      int d = 256;
      List<SignedPeerRecord> wrongDistance = atDistance(attacker.record.nodeId(), 255, 2);
      List<SignedPeerRecord> right = atDistance(attacker.record.nodeId(), d, 1);
      List<SignedPeerRecord> mixed = new ArrayList<>(right);
      mixed.add(right.get(0)); // duplicate
      mixed.addAll(wrongDistance);
      attacker.respondWith((from, request) -> List.of(nodes(request.requestId(), 1, mixed)));

      Throwable first = failure(victim.findNode(attacker.record, List.of(d)));
      assertEquals(null, first, "the answer itself is delivered");
      List<SignedPeerRecord> table = join(victim.tableEntries());
      for (SignedPeerRecord bad : wrongDistance) {
        assertFalse(table.contains(bad), "a record at a distance not asked for is refused");
      }
      // Penalised: the next query to it fails at once, without a packet.
      int before = attacker.received.size();
      Throwable second = failure(victim.findNode(attacker.record, List.of(d)));
      assertTrue(
          second instanceof RequestException r && r.kind() == RequestException.Kind.PENALISED,
          "penalised: " + second);
      assertEquals(before, attacker.received.size());
      assertTrue(
          registry.find("discv5.records.rejected").tag("reason", "WRONG_DISTANCE").counter().count()
              >= 2);
    }
  }

  @Test
  void withoutPenaltiesTheMisbehavingResponderIsQueriedAgain() throws Exception {
    try (LoopbackCluster c = new LoopbackCluster(8);
        RawPeer attacker = new RawPeer(PrivateKey.generate(random), 1)) {
      Discv5Node victim = c.start(b -> {});
      onNode(victim, () -> victim.core().penaltiesEnabled = false);
      List<SignedPeerRecord> wrong = atDistance(attacker.record.nodeId(), 255, 2);
      attacker.respondWith((from, request) -> List.of(nodes(request.requestId(), 1, wrong)));
      join(victim.findNode(attacker.record, List.of(256)));
      int before = attacker.received.size();
      assertEquals(null, failure(victim.findNode(attacker.record, List.of(256))));
      assertTrue(attacker.received.size() > before, "negative control: queried again");
    }
  }

  @Test
  void floodOfPartsAndDistanceZeroWithExtraRecordsAreBounded() throws Exception {
    try (LoopbackCluster c = new LoopbackCluster(9);
        RawPeer attacker = new RawPeer(PrivateKey.generate(random), 1)) {
      Discv5Node victim = c.start(b -> {});
      List<SignedPeerRecord> right = atDistance(attacker.record.nodeId(), 256, 40);
      // total = 255 in 100 parts of 3 records each: at most 6 parts and 16 records are read.
      attacker.respondWith(
          (from, request) -> {
            List<Message> parts = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
              parts.add(nodes(request.requestId(), 255, right.subList(i % 13 * 3, i % 13 * 3 + 3)));
            }
            return parts;
          });
      List<SignedPeerRecord> got = join(victim.findNode(attacker.record, List.of(256)));
      assertTrue(got.size() <= 16, "at most 16 records: " + got.size());

      // Distance 0 answered with the responder's record plus another one.
      RawPeer second = new RawPeer(PrivateKey.generate(random), 1);
      try (second) {
        SignedPeerRecord extra = right.get(39);
        second.respondWith(
            (from, request) ->
                List.of(nodes(request.requestId(), 1, List.of(second.record, extra))));
        List<SignedPeerRecord> zero = join(victim.findNode(second.record, List.of(0)));
        assertEquals(List.of(second.record), zero);
      }
    }
  }

  @Test
  void unsolicitedNodesInsertNothing() throws Exception {
    try (LoopbackCluster c = new LoopbackCluster(10);
        RawPeer attacker = new RawPeer(PrivateKey.generate(random), 1)) {
      Discv5Node victim = c.start(b -> {});
      join(victim.ping(attacker.record)); // a session exists
      List<SignedPeerRecord> junk = atDistance(victim.nodeId(), 256, 4);
      attacker.send(victim.localRecord(), nodes(Bytes.random(8), 1, junk));
      Thread.sleep(300);
      List<SignedPeerRecord> table = join(victim.tableEntries());
      for (SignedPeerRecord r : junk) {
        assertFalse(table.contains(r));
      }
    }
  }

  @Test
  void unverifiedNodesAreNeverRelayed() throws Exception {
    assertEquals(0, relayedUnverified(true));
    assertTrue(relayedUnverified(false) > 0, "negative control: relayed without the seen rule");
  }

  private int relayedUnverified(boolean defence) throws Exception {
    try (LoopbackCluster c = new LoopbackCluster(11);
        RawPeer teacher = new RawPeer(PrivateKey.generate(random), 1)) {
      Discv5Node victim = c.start(b -> {});
      if (!defence) {
        onNode(victim, () -> victim.core().relayMinSeen = 0.0);
      }
      Discv5Node asker = c.start(b -> b.bootstrap(victim.localRecord()));
      List<SignedPeerRecord> taught = new ArrayList<>();
      for (int round = 0; round < 8; round++) {
        List<SignedPeerRecord> batch = atDistance(teacher.record.nodeId(), 256, 16);
        taught.addAll(batch);
        teacher.respondWith(
            (from, request) ->
                List.of(
                    nodes(request.requestId(), 4, batch.subList(0, 4)),
                    nodes(request.requestId(), 4, batch.subList(4, 8)),
                    nodes(request.requestId(), 4, batch.subList(8, 12)),
                    nodes(request.requestId(), 4, batch.subList(12, 16))));
        // Learned as a lookup learns what it is told.
        for (SignedPeerRecord r : join(victim.findNode(teacher.record, List.of(256)))) {
          onNode(victim, () -> victim.core().learn(Peer.of(r, true, false).orElseThrow()));
        }
      }
      // The victim now knows these nodes but none ever answered it: ask it for every distance.
      List<SignedPeerRecord> relayed = new ArrayList<>();
      for (int d = 250; d <= 256; d += 3) {
        relayed.addAll(join(asker.findNode(victim.localRecord(), List.of(d, d - 1, d - 2))));
      }
      return (int) taught.stream().filter(relayed::contains).count();
    }
  }

  @Test
  void replayedOlderRecordsNeverReplaceNewerOnes() throws Exception {
    try (LoopbackCluster c = new LoopbackCluster(12)) {
      Discv5Node victim = c.start(b -> {});
      PrivateKey subjectKey = PrivateKey.generate(random);
      RawPeer subjectOld = new RawPeer(subjectKey, 10);
      SignedPeerRecord old = subjectOld.record;
      subjectOld.close();
      try (RawPeer subject = new RawPeer(subjectKey, 20);
          RawPeer relay = new RawPeer(PrivateKey.generate(random), 1)) {
        subject.respondWith(
            (from, request) -> List.of(nodes(request.requestId(), 1, List.of(subject.record))));
        join(victim.ping(subject.record));
        join(victim.findNode(subject.record, List.of(0))); // now known with seq 20
        onNode(
            victim, () -> victim.core().learn(Peer.of(subject.record, true, false).orElseThrow()));
        // A third party replays seq 10 in NODES, and the subject's own old record arrives as
        // ADD_PROVIDER: neither replaces what is held.
        relay.respondWith((from, request) -> List.of(nodes(request.requestId(), 1, List.of(old))));
        int d = old.nodeId().logDistance(relay.record.nodeId());
        join(victim.findNode(relay.record, List.of(d)));
        NodeId key = NodeId.random(random);
        subject.send(
            victim.localRecord(),
            new Message.AddProvider(Bytes.of(9), key, Bytes.wrap(subject.record.encoded())));
        subject.send(
            victim.localRecord(),
            new Message.AddProvider(Bytes.of(10), key, Bytes.wrap(old.encoded())));
        Thread.sleep(300);
        SignedPeerRecord held =
            join(victim.tableEntries()).stream()
                .filter(r -> r.nodeId().equals(old.nodeId()))
                .findFirst()
                .orElseThrow();
        assertEquals(20, held.seq());
        assertEquals(20, onNode(victim, () -> victim.core().knownRecord(old.nodeId()).seq()));
        List<SignedPeerRecord> providers = join(victim.getProviders(key, 5));
        assertEquals(List.of(20L), providers.stream().map(SignedPeerRecord::seq).toList());
      }
    }
  }

  /** The victim after a restart: a node whose data dir saw {@code subject} at seq 20. */
  private List<SignedPeerRecord> relayedAfterRestart(Path dir, boolean useSeenSeqs)
      throws Exception {
    PrivateKey subjectKey = PrivateKey.generate(random);
    SignedPeerRecord old;
    try (RawPeer subjectOld = new RawPeer(subjectKey, 10)) {
      old = subjectOld.record;
    }
    try (NodeStore before = NodeStore.open(dir)) {
      before.noteSeq(old.nodeId(), 20);
    }
    try (NodeStore store = NodeStore.open(dir);
        LoopbackCluster c = new LoopbackCluster(8);
        RawPeer relay = new RawPeer(PrivateKey.generate(random), 1)) {
      Discv5Node victim =
          c.start(b -> b.seenSeqs(useSeenSeqs ? store::highestSeq : id -> OptionalLong.empty()));
      relay.respondWith((from, request) -> List.of(nodes(request.requestId(), 1, List.of(old))));
      int d = old.nodeId().logDistance(relay.record.nodeId());
      return join(victim.findNode(relay.record, List.of(d)));
    }
  }

  @Test
  void theHighestSeqSeenSurvivesARestartAndOlderRelayedRecordsStayRefused(@TempDir Path dir)
      throws Exception {
    assertEquals(List.of(), relayedAfterRestart(dir, true));
  }

  @Test
  void withoutTheSavedSeqsARestartedNodeTakesTheReplay(@TempDir Path dir) throws Exception {
    List<SignedPeerRecord> taken = relayedAfterRestart(dir, false); // the negative control
    assertEquals(List.of(10L), taken.stream().map(SignedPeerRecord::seq).toList());
  }
}
