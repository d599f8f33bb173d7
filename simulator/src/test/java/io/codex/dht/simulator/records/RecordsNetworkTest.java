package io.codex.dht.simulator.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.discv5.Discv5Node;
import io.codex.dht.discv5.NodeConfig;
import io.codex.dht.discv5.records.GetResult;
import io.codex.dht.discv5.records.PutResult;
import io.codex.dht.discv5.records.RecordKey;
import io.codex.dht.discv5.records.RecordsConfig;
import io.codex.dht.discv5.records.Validators;
import io.codex.dht.discv5.records.ValueRecord;
import io.codex.dht.discv5.records.ValuesProtocol;
import io.codex.dht.simulator.EventLoop;
import io.codex.dht.simulator.VirtualScheduler;
import io.codex.dht.simulator.net.SimNetwork;
import io.codex.dht.spr.PeerId;
import io.codex.dht.spr.PrivateKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Records among nodes on the in-memory network (virtual time): a put is got from every node, a
 * newer record wins and stale holders are corrected, lying nodes do not change the result, and
 * nodes without the protocol (as Codex nodes, which answer an unknown TALKREQ protocol with an
 * empty TALKRESP) take part in the network unchanged.
 */
class RecordsNetworkTest {
  private static final int HONEST = 24;
  private static final int WITHOUT_PROTOCOL = 3;
  private static final Duration WAIT = Duration.ofMinutes(2);

  private final Random random = new Random(2222);
  private final EventLoop loop = new EventLoop();
  private final SimNetwork network = new SimNetwork(loop, 2222);
  private final List<Discv5Node> nodes = new ArrayList<>();
  private final List<PrivateKey> keys = new ArrayList<>();
  private final List<Discv5Node> plain = new ArrayList<>();

  private Discv5Node start(Consumer<NodeConfig.Builder> tweak) {
    PrivateKey key = PrivateKey.generate(random);
    NodeConfig.Builder b =
        NodeConfig.builder(key)
            .bind(network.allocateAddress())
            .random(new Random(random.nextLong()));
    if (!nodes.isEmpty()) {
      b.bootstrap(nodes.get(0).localRecord());
    }
    tweak.accept(b);
    NodeConfig config = b.build();
    VirtualScheduler scheduler = loop.newScheduler();
    Discv5Node n =
        Discv5Node.create(
            config, network.transport(config.bindAddresses().get(0), scheduler), scheduler);
    loop.await(n.start(), Duration.ofSeconds(5));
    nodes.add(n);
    keys.add(key);
    return n;
  }

  /** Honest nodes, a few without the protocol, and {@code extra} more made by {@code tweak}. */
  private void network(int extra, Consumer<NodeConfig.Builder> tweak) {
    for (int i = 0; i < HONEST; i++) {
      start(b -> {});
    }
    for (int i = 0; i < WITHOUT_PROTOCOL; i++) {
      plain.add(start(b -> b.records(RecordsConfig.defaults().withValidators(Validators.none()))));
    }
    for (int i = 0; i < extra; i++) {
      start(tweak);
    }
    for (int round = 0; round < 2; round++) {
      for (Discv5Node n : nodes) {
        loop.await(n.lookup(n.nodeId()), WAIT);
      }
    }
  }

  private static String signedKey(PrivateKey k, String name) {
    return "/signed/" + PeerId.of(k.publicKey()).toBase58() + "/" + name;
  }

  private List<Discv5Node> holders(String key, ValueRecord record) throws Exception {
    RecordKey k = RecordKey.parse(key);
    List<Discv5Node> out = new ArrayList<>();
    for (Discv5Node n : nodes) {
      if (n.records().store().get(k, n.scheduler().nowMillis()).contains(record)) {
        out.add(n);
      }
    }
    return out;
  }

  @Test
  void aRecordPutFromOneNodeIsGotFromEveryOther() {
    network(0, b -> {});
    Discv5Node publisher = nodes.get(5);
    String key = signedKey(keys.get(5), "manifest");
    byte[] payload = "bafy-manifest-cid".getBytes(StandardCharsets.UTF_8);
    PutResult put = loop.await(publisher.putRecord(key, payload, Duration.ofHours(1)), WAIT);
    assertEquals(16, put.asked());
    // Every node with the protocol among the 16 closest accepts; the plain ones cannot.
    assertTrue(put.storedAt() >= 16 - WITHOUT_PROTOCOL, "stored at " + put.storedAt());
    for (Discv5Node n : nodes) {
      if (n == publisher || plain.contains(n)) {
        continue; // a node without the namespace refuses the key at its API
      }
      GetResult got = loop.await(n.getRecord(key), WAIT);
      assertTrue(got.record().isPresent(), "got at node " + nodes.indexOf(n));
      assertArrayEquals(payload, got.record().get().payload());
      assertEquals(0, got.invalid());
    }
    assertEquals(0, loop.failedEvents());
  }

  @Test
  void aNewerRecordWinsAndStaleHoldersAreCorrected() throws Exception {
    network(0, b -> {});
    PrivateKey owner = keys.get(7);
    String key = signedKey(owner, "price");
    PutResult first =
        loop.await(nodes.get(7).putRecord(key, new byte[] {1}, Duration.ofHours(1)), WAIT);
    ValueRecord v1 = first.record();
    List<Discv5Node> stale = holders(key, v1);
    assertTrue(stale.size() >= 10, "holders " + stale.size());

    // The owner's newer record reached only three of the holders (the others missed the put).
    ValueRecord v2 =
        ValueRecord.sign(owner, key, v1.seq() + 1, v1.expiresAtMillis(), new byte[] {2});
    RecordKey k = RecordKey.parse(key);
    for (Discv5Node n : stale.subList(0, 3)) {
      n.records().store().put(k, v2, n.scheduler().nowMillis(), n.scheduler().currentTimeMillis());
    }
    int staleBefore = holders(key, v1).size();

    Discv5Node reader = nodes.get(1) == nodes.get(7) ? nodes.get(2) : nodes.get(1);
    GetResult got = loop.await(reader.getRecord(key), WAIT);
    assertEquals(v2, got.record().orElseThrow());
    assertTrue(got.corrected() > 0 && got.corrected() <= 9, "corrected " + got.corrected());
    loop.runFor(Duration.ofSeconds(5));
    int staleAfter = holders(key, v1).size();
    assertTrue(staleAfter < staleBefore, staleBefore + " -> " + staleAfter);
    assertTrue(
        staleBefore - staleAfter <= got.corrected(),
        "at most the corrected: " + staleBefore + " -> " + staleAfter);

    // Gets go on correcting until no holder the reader asks is stale (a holder outside the
    // reader's 16 closest, such as the 17th when the reader is itself among the closest, is
    // corrected by a get from a reader that asks it, or by the owner's republish).
    java.util.Set<io.codex.dht.spr.NodeId> asked = new java.util.HashSet<>();
    loop.await(reader.lookup(k.dhtKey()), WAIT).closest().forEach(r -> asked.add(r.nodeId()));
    asked.add(reader.nodeId());
    for (int i = 0; i < 3; i++) {
      loop.await(reader.getRecord(key), WAIT);
      loop.runFor(Duration.ofSeconds(5));
    }
    List<Discv5Node> left = holders(key, v1);
    left.removeIf(h -> !asked.contains(h.nodeId()));
    assertEquals(List.of(), left, "no stale holder left among those asked");
    assertTrue(holders(key, v2).size() >= staleBefore, "the newer record is held");
  }

  @Test
  void lyingNodesDoNotChangeTheResult() throws Exception {
    PrivateKey mallory = PrivateKey.generate(new Random(5));
    int[] lies = {0};
    List<byte[]> answers = new ArrayList<>();
    network(4, b -> b.records(RecordsConfig.defaults().withValidators(Validators.none())));
    List<Discv5Node> liars = nodes.subList(nodes.size() - 4, nodes.size());
    PrivateKey owner = keys.get(3);
    String key = signedKey(owner, "mix-key");
    ValueRecord real =
        loop.await(nodes.get(3).putRecord(key, new byte[] {7, 7}, Duration.ofHours(1)), WAIT)
            .record();

    // What the liars return: a higher seq signed by someone else, the owner's record with its
    // payload changed after signing, and a stale (older, validly signed) record.
    ValueRecord impostor =
        ValueRecord.sign(mallory, key, real.seq() + 100, real.expiresAtMillis(), new byte[] {6});
    ValueRecord older =
        ValueRecord.sign(owner, key, real.seq() - 1, real.expiresAtMillis(), new byte[] {5});
    ValueRecord forgedSource =
        ValueRecord.sign(owner, key, real.seq() + 50, real.expiresAtMillis(), new byte[] {4, 4});
    byte[] forged = forgedSource.encoded();
    for (int i = 0; i < forged.length - 1; i++) {
      if (forged[i] == 4 && forged[i + 1] == 4) {
        forged[i] = 3;
        break;
      }
    }
    answers.add(ValuesProtocol.getAnswer(impostor));
    answers.add(ValuesProtocol.getAnswer(older));
    answers.add(forgedAnswer(forged));
    answers.add(ValuesProtocol.getAnswer(older));
    for (int i = 0; i < liars.size(); i++) {
      byte[] answer = answers.get(i);
      loop.await(
          liars
              .get(i)
              .registerTalkHandler(
                  ValuesProtocol.ID,
                  (from, address, request) -> {
                    lies[0]++;
                    return answer;
                  }),
          WAIT);
    }
    int invalid = 0;
    for (Discv5Node reader : nodes.subList(0, 12)) {
      if (reader == nodes.get(3)) {
        continue;
      }
      GetResult got = loop.await(reader.getRecord(key), WAIT);
      assertEquals(real, got.record().orElseThrow(), "at node " + nodes.indexOf(reader));
      invalid += got.invalid();
    }
    assertTrue(lies[0] > 0, "the liars were asked");
    assertTrue(invalid > 0, "forged answers were refused: " + invalid);
    assertEquals(0, loop.failedEvents());
  }

  /** A GET answer carrying raw record bytes (a forged record no encoder would make). */
  private static byte[] forgedAnswer(byte[] record) {
    // ValueResponse{2: GetAnswer{1: record}}
    byte[] inner = new byte[2 + record.length + 1];
    int n = 0;
    inner[n++] = 0x0a;
    inner[n++] = (byte) (0x80 | (record.length & 0x7f));
    inner[n++] = (byte) (record.length >> 7);
    System.arraycopy(record, 0, inner, n, record.length);
    n += record.length;
    byte[] out = new byte[3 + n];
    out[0] = 0x12;
    out[1] = (byte) (0x80 | (n & 0x7f));
    out[2] = (byte) (n >> 7);
    System.arraycopy(inner, 0, out, 3, n);
    return out;
  }
}
