package io.codex.dht.discv5.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.discv5.records.pb.ValueResponse;
import io.codex.dht.session.SessionLayer;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PeerId;
import io.codex.dht.spr.PrivateKey;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * PUT floods and GET amplification against one node's records handler, each with its negative
 * control: sybils in one /24 (as security test G2 for providers) are held to the subnet rate, one
 * sender to its own rate, everything to the store's caps; a GET is answered with one record in one
 * packet whatever the key holds (as B3).
 */
class RecordsAbuseTest {
  private static final int SYBILS = 200;
  private static final int PUTS_EACH = 10;

  private final ManualScheduler clock = new ManualScheduler();
  private final Random random = new Random(99);

  private ValuesServer server(ValueStore store, RecordStoreConfig config, Validators v) {
    RecordMetrics m = new RecordMetrics(new SimpleMeterRegistry(), Tags.of("node", "t"), store);
    return new ValuesServer(v, store, config, clock, m);
  }

  /** Signed PUT requests: {@code each} records from each of {@code keys}. */
  private static List<byte[]> puts(List<PrivateKey> keys, int each) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < each; i++) {
      for (PrivateKey k : keys) {
        String key = "/signed/" + PeerId.of(k.publicKey()).toBase58() + "/spam" + i;
        out.add(
            ValuesProtocol.put(
                ValueRecord.sign(k, key, 1, ValidatorsTest.NOW + 3_600_000, new byte[600])));
      }
    }
    return out;
  }

  /** Sends every request within one simulated second; the records stored. */
  private int flood(ValuesServer server, ValueStore store, List<PrivateKey> keys, List<byte[]> puts)
      throws Exception {
    long step = 1_000_000_000L / puts.size();
    for (int i = 0; i < puts.size(); i++) {
      PrivateKey sender = keys.get(i % keys.size());
      InetAddress ip =
          InetAddress.getByAddress(new byte[] {(byte) 203, 0, 113, (byte) (i % keys.size())});
      server.handle(
          NodeId.of(PeerId.of(sender.publicKey())), new InetSocketAddress(ip, 9000), puts.get(i));
      clock.nanos += step;
    }
    return store.size();
  }

  private List<PrivateKey> keys(int n) {
    List<PrivateKey> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(PrivateKey.generate(random));
    }
    return out;
  }

  @Test
  void sybilsInOneSubnetAreHeldToTheSubnetRateAndTheControlIsFlooded() throws Exception {
    List<PrivateKey> sybils = keys(SYBILS);
    List<byte[]> requests = puts(sybils, PUTS_EACH);
    RecordStoreConfig defaults = RecordStoreConfig.defaults();
    Validators v = Validators.defaults();

    ValueStore defended = new ValueStore(defaults, v);
    int stored = flood(server(defended, defaults, v), defended, sybils, requests);
    // Burst 100, then 50/s over the one second of the flood.
    double bound = defaults.subnetPutBurst() + defaults.putsPerSubnetPerSecond() * 1.0 + 1;
    assertTrue(stored <= bound, "stored " + stored + " <= " + bound);
    assertTrue(stored >= defaults.subnetPutBurst(), "the burst is stored: " + stored);
    assertTrue(defended.bytes() <= (long) bound * ValueRecord.MAX_SIZE);

    // Negative control: the rates off, every PUT of the flood is stored.
    RecordStoreConfig open =
        defaults.withPutRates(Double.POSITIVE_INFINITY, 1, Double.POSITIVE_INFINITY, 1);
    ValueStore flooded = new ValueStore(open, v);
    int control = flood(server(flooded, open, v), flooded, sybils, requests);
    assertEquals(SYBILS * PUTS_EACH, control, "negative control: the flood is stored");
    assertTrue(flooded.bytes() > 10 * defended.bytes(), "control bytes " + flooded.bytes());

    // With the rates off, the store's own caps still bound it (records and bytes).
    RecordStoreConfig capped = open.withCapacity(500, 400L * 1024);
    ValueStore full = new ValueStore(capped, v);
    flood(server(full, capped, v), full, sybils, requests);
    assertTrue(full.size() <= 500 && full.bytes() <= 400L * 1024, full.size() + " " + full.bytes());
    assertTrue(full.size() >= 400, "the cap is reached, not undershot: " + full.size());
  }

  @Test
  void oneSenderIsHeldToItsOwnRate() throws Exception {
    PrivateKey one = keys(1).get(0);
    List<byte[]> requests = puts(List.of(one), 200);
    RecordStoreConfig defaults = RecordStoreConfig.defaults().withMaxPerPublisher(10_000);
    Validators v = Validators.defaults();
    // A private address is exempt from the subnet rate: the sender rate alone applies.
    InetSocketAddress from = new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 9000);
    NodeId id = NodeId.of(PeerId.of(one.publicKey()));
    ValueStore s = new ValueStore(defaults, v);
    ValuesServer server = server(s, defaults, v);
    ValueStore c = new ValueStore(defaults.withPutRates(Double.POSITIVE_INFINITY, 1, 50, 100), v);
    ValuesServer control =
        server(c, defaults.withPutRates(Double.POSITIVE_INFINITY, 1, 50, 100), v);
    for (byte[] r : requests) {
      server.handle(id, from, r);
      control.handle(id, from, r);
      clock.nanos += 5_000_000L; // 200 PUTs in one second
    }
    assertTrue(s.size() <= 50 + 10 + 1, "burst 50 then 10/s: " + s.size());
    assertEquals(200, c.size(), "negative control: no sender rate");
  }

  @Test
  void aGetIsAnsweredWithOneRecordInOnePacket() throws Exception {
    Validators v = Validators.builder().register("multi", ValueStoreTest.MULTI).build();
    RecordStoreConfig config = RecordStoreConfig.defaults();
    ValueStore store = new ValueStore(config, v);
    RecordKey k = RecordKey.parse("/multi/x");
    for (PrivateKey p : keys(config.maxPerKey())) {
      ValueRecord r =
          ValueRecord.sign(
              p, k.text(), 1, ValidatorsTest.NOW + 3_600_000, new byte[ValueRecord.MAX_PAYLOAD]);
      assertEquals(PutOutcome.STORED, store.put(k, r, clock.nanos / 1_000_000, clock.wallMillis));
    }
    byte[] get = ValuesProtocol.get(k);
    InetSocketAddress from = new InetSocketAddress(InetAddress.getByName("198.51.100.7"), 9000);
    NodeId id = NodeId.of(PeerId.of(keys(1).get(0).publicKey()));
    int allowance = SessionLayer.MAX_MESSAGE_SIZE - 32; // one TALKRESP in one packet

    ValuesServer server = server(store, config, v);
    byte[] reply = server.handle(id, from, get);
    assertTrue(
        reply.length <= ValuesProtocol.MAX_RESPONSE && reply.length <= allowance,
        "" + reply.length);
    ValueRecord one =
        ValueRecord.decode(ValueResponse.parseFrom(reply).getGet().getRecord().toByteArray());
    assertTrue(store.get(k, 0).contains(one));

    // Negative control: answering with everything the key holds would not fit one packet.
    server.answerAll = true;
    byte[] all = server.handle(id, from, get);
    assertTrue(all.length > allowance, "control reply " + all.length);
    assertTrue(all.length > 3 * reply.length, "control " + all.length + " vs " + reply.length);
  }
}
