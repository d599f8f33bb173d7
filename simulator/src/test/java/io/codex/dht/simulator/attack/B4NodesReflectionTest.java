package io.codex.dht.simulator.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.discv5.Discv5Node;
import io.codex.dht.discv5.NodeConfig;
import io.codex.dht.discv5.NodeListener;
import io.codex.dht.discv5.SimDefenceSwitches;
import io.codex.dht.routing.LookupConfig;
import io.codex.dht.routing.TableConfig;
import io.codex.dht.session.Message;
import io.codex.dht.simulator.EventLoop;
import io.codex.dht.simulator.VirtualScheduler;
import io.codex.dht.simulator.net.SimNetwork;
import io.codex.dht.spr.Multiaddr;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Acceptance test B4 (security.md 4.2, reflection through NODES): 50 attacker peers answer the
 * victim's FINDNODE queries with 1,000 validly signed records of distinct ids whose UDP endpoints
 * all lie on one victim IP V (one port each), so that the victim sends its handshakes, pings and
 * queries to V. A production {@link Discv5Node} runs 5 minutes of virtual time on the in-memory
 * network, next to 12 honest nodes, with its normal maintenance (revalidation, the verification
 * pings of learned entries, table refresh) plus a random lookup every 10 s. Nothing listens at V,
 * so no record at V can ever answer.
 *
 * <p>Measured: at the network, every packet from the victim to V's IP (the distinct records, that
 * is ports, that ever got one, and the packets per second over the 5 minutes); through the victim's
 * {@link NodeListener}, the records at V that became live table entries (the entries that are
 * pinged and revalidated); and through a FINDNODE for every distance 256..1 sent to the victim by
 * an honest node every minute and at the end, the records at V the victim relays.
 *
 * <p>Negative controls: with the subnet limits off (the table's IP limits and the lookup's
 * per-subnet candidate limit, the existing {@link TableConfig} and {@link LookupConfig} switches)
 * far more than 10 records at V are contacted and V gets more than 1 packet/s; with the hold of
 * silent entries' subnet slots off ({@link TableConfig#withSilentHoldMillis}) more than 10 records
 * at V become table entries over the 5 minutes, each failed one freeing its slot for the next; with
 * the seen rule off (the node's test-only switch, reached through {@link SimDefenceSwitches}) the
 * scan finds records at V in the victim's answers, so it would see them if they were relayed.
 *
 * <p>Measured (seed 0xB4), all three clauses met: 10 records at V ever became table entries (the
 * ping and revalidation targets), 0.28 packets/s to V over the 5 minutes, 0 relayed. Lookups also
 * send FINDNODE to records at V they were given (at most 2 per lookup: the lookup counts a subnet's
 * failed candidates against its limit), which is why 58 distinct records at V got some packet.
 * Without the hold: 29 entered the table; before the lookup rule, 1.26 packets/s.
 */
class B4NodesReflectionTest {
  private static final long SEED = 0xB4L;
  private static final int ATTACKERS = 50;
  private static final int RECORDS = 1_000;
  private static final int HONEST = 12;
  private static final Duration ATTACK = Duration.ofMinutes(5);
  private static final Duration LOOKUP_EVERY = Duration.ofSeconds(10);
  private static final Duration SCAN_EVERY = Duration.ofMinutes(1);
  private static final int FIRST_PORT = 20_000;
  private static final int RECORDS_PER_MESSAGE = 3;
  private static final int MAX_NODES = 16;
  private static final int MAX_NODES_FAST = 6;

  /** The victim's buckets (log distances 256 down) the attackers are spread over. */
  private static final int ATTACKER_BUCKETS = 5;

  /** The log distances from its attacker (255 down) at which each record at V is ground. */
  private static final int SERVED_DISTANCES = 3;

  /** The table's limit per /24, the bound of B4's first clause. */
  private static final int TABLE_IP_LIMIT = TableConfig.DEFAULT.tableIpLimit();

  /** B4's second clause: packets to V per second, averaged over the 5 minutes. */
  private static final double MAX_PACKETS_PER_SECOND = 1.0;

  /** V: in a documentation /24 the address allocator never hands out; the limits count it. */
  private static final InetAddress V = address(198, 51, 100, 7);

  private static PrivateKey victimKey;
  private static List<PrivateKey> attackerKeys;
  private static List<List<SignedPeerRecord>> served;
  private static Set<NodeId> pointerIds;

  /** Keys and the 1,000 records at V, made once for all runs: signatures cost real time. */
  @BeforeAll
  static void records() {
    Random random = new Random(SEED);
    victimKey = PrivateKey.generate(random);
    // The attackers are spread over the victim's buckets at distances 256 to 252, 10 per bucket,
    // so that all 50 fit in its table (ground keys).
    NodeId victimId = Sybil.idOf(victimKey);
    int[] perBucket = new int[ATTACKER_BUCKETS];
    attackerKeys = new ArrayList<>();
    while (attackerKeys.size() < ATTACKERS) {
      PrivateKey key = PrivateKey.generate(random);
      int bucket = NodeId.BITS - Sybil.idOf(key).logDistance(victimId);
      if (bucket < ATTACKER_BUCKETS && perBucket[bucket] < ATTACKERS / ATTACKER_BUCKETS) {
        perBucket[bucket]++;
        attackerKeys.add(key);
      }
    }
    // Lookups ask an attacker for the distances around the target's distance from it, mostly 253
    // to 255 in a network this small, so each attacker serves its 20 records at those distances,
    // about 7 each (keys ground until every slot is filled; only kept keys are signed).
    List<NodeId> attackerIds = attackerKeys.stream().map(Sybil::idOf).toList();
    int share = RECORDS / ATTACKERS;
    int perDistance = (share + SERVED_DISTANCES - 1) / SERVED_DISTANCES;
    int[][] filled = new int[ATTACKERS][SERVED_DISTANCES];
    served = new ArrayList<>();
    attackerKeys.forEach(k -> served.add(new ArrayList<>()));
    pointerIds = new HashSet<>();
    for (int i = 0; pointerIds.size() < RECORDS; i++) {
      PrivateKey key = PrivateKey.generate(random);
      NodeId id = Sybil.idOf(key);
      for (int k = 0; k < ATTACKERS; k++) {
        int a = (i + k) % ATTACKERS;
        int slot = NodeId.BITS - 1 - id.logDistance(attackerIds.get(a));
        if (slot >= 0
            && slot < SERVED_DISTANCES
            && filled[a][slot] < perDistance
            && served.get(a).size() < share) {
          filled[a][slot]++;
          served
              .get(a)
              .add(
                  SignedPeerRecord.builder(key)
                      .seq(1)
                      .address(Multiaddr.udp(V, FIRST_PORT + pointerIds.size()))
                      .build());
          pointerIds.add(id);
          break;
        }
      }
    }
    assertEquals(RECORDS, pointerIds.size(), "distinct ids");
  }

  /** What one run measured; records "at V" are the attack's 1,000. */
  private record Outcome(
      String label,
      int taught,
      int contacted,
      long packets,
      long peakPerSecond,
      int everInTable,
      int peakInTable,
      int relayed,
      int relayedOthers,
      long seconds,
      long failedEvents) {
    double packetsPerSecond() {
      return packets / (double) seconds;
    }

    @Override
    public String toString() {
      return String.format(
          "B4 %s (seed 0x%X): taught %d records at V; %d of them got a packet; %d packets to V"
              + " in %d s (%.2f/s, peak %d in 1 s); %d became live table entries (at most %d at"
              + " once); %d relayed in FINDNODE answers (other records relayed: %d)",
          label,
          SEED,
          taught,
          contacted,
          packets,
          seconds,
          packetsPerSecond(),
          peakPerSecond,
          everInTable,
          peakInTable,
          relayed,
          relayedOthers);
    }
  }

  @Test
  void subnetLimitsBoundTheReflectionAndNothingAtVIsRelayed() {
    Outcome defended = run("defended", TableConfig.DEFAULT, LookupConfig.DEFAULT, true, ATTACK);
    Outcome control =
        run(
            "control, subnet limits off",
            TableConfig.DEFAULT.withIpLimitsEnabled(false),
            LookupConfig.DEFAULT.withMaxPerSubnet(0),
            true,
            ATTACK);
    System.out.println(defended);
    System.out.println(control);

    assertEquals(0, defended.failedEvents(), "no node task threw; " + defended);
    assertTrue(defended.taught() >= RECORDS * 9 / 10, "the attack taught its records; " + defended);
    // Third clause: none of them relayed (none can answer a PING). The scan does see entries.
    assertTrue(defended.relayedOthers() > 0, "the scan sees the victim's entries; " + defended);
    assertEquals(0, defended.relayed(), "no record at V relayed; " + defended);
    // Second clause: at most 1 packet/s to V, averaged over the 5 minutes.
    assertTrue(
        defended.packetsPerSecond() <= MAX_PACKETS_PER_SECOND,
        "at most 1 packet/s to V; " + defended);
    // First clause: at most 10 records at V ever become table entries (ping and revalidation
    // targets) over the 5 minutes.
    assertTrue(
        defended.everInTable() <= TABLE_IP_LIMIT,
        "at most 10 records at V ever in the table; " + defended);
    assertTrue(
        defended.contacted() * 3 < control.contacted(),
        "the subnet limits cut the records at V contacted; " + defended + " / " + control);
    assertTrue(
        defended.packets() * 5 < control.packets(),
        "the subnet limits cut the packets to V; " + defended + " / " + control);

    // Negative control: without the subnet limits the attack reaches its aim.
    assertEquals(0, control.failedEvents(), "no node task threw; " + control);
    assertTrue(
        control.contacted() > TABLE_IP_LIMIT && control.everInTable() > TABLE_IP_LIMIT,
        "negative control: more than 10 records at V are pinged; " + control);
    assertTrue(
        control.peakInTable() > TABLE_IP_LIMIT,
        "negative control: more than 10 records at V at once in the table; " + control);
    assertTrue(
        control.packetsPerSecond() > MAX_PACKETS_PER_SECOND,
        "negative control: V gets more than 1 packet/s; " + control);
  }

  @Test
  void withoutTheHoldFailedRecordsAtVFreeTheirSlotsForMore() {
    Outcome control =
        run(
            "control, silent hold off",
            TableConfig.DEFAULT.withSilentHoldMillis(0),
            LookupConfig.DEFAULT,
            true,
            ATTACK);
    System.out.println(control);
    assertEquals(0, control.failedEvents(), "no node task threw; " + control);
    assertTrue(
        control.peakInTable() <= TABLE_IP_LIMIT,
        "the /24 limit still holds at any moment; " + control);
    assertTrue(
        control.everInTable() > TABLE_IP_LIMIT,
        "negative control: without the hold more than 10 records at V enter the table; " + control);
  }

  @Test
  void aOneMinuteHoldLetsMoreInButAtMostTenPerWindow() {
    // The hold ends: with 1 minute instead of 10, slots free up within the 5-minute attack, and at
    // most 10 records at V can enter per hold window (5 windows, and the first fill).
    Outcome shortHold =
        run(
            "hold of 1 minute",
            TableConfig.DEFAULT.withSilentHoldMillis(60_000),
            LookupConfig.DEFAULT,
            true,
            ATTACK);
    System.out.println(shortHold);
    assertEquals(0, shortHold.failedEvents(), "no node task threw; " + shortHold);
    assertTrue(
        shortHold.peakInTable() <= TABLE_IP_LIMIT,
        "the /24 limit holds at any moment; " + shortHold);
    long windows = ATTACK.toMinutes() + 1;
    assertTrue(
        shortHold.everInTable() > TABLE_IP_LIMIT
            && shortHold.everInTable() <= TABLE_IP_LIMIT * windows,
        "more than 10 and at most 10 per minute; " + shortHold);
  }

  @Test
  void withoutTheSeenRuleRecordsAtVAreRelayed() {
    Outcome control =
        run(
            "control, seen rule off",
            TableConfig.DEFAULT,
            LookupConfig.DEFAULT,
            false,
            Duration.ofMinutes(2));
    System.out.println(control);
    assertEquals(0, control.failedEvents(), "no node task threw; " + control);
    assertTrue(
        control.relayed() > 0,
        "negative control: without the seen rule records at V are relayed; " + control);
  }

  /**
   * One victim with {@code table} and {@code lookup} settings under attack for {@code duration};
   * {@code seenRule} switches the rule that only entries that answered us are relayed.
   */
  private static Outcome run(
      String label, TableConfig table, LookupConfig lookup, boolean seenRule, Duration duration) {
    Random random = new Random(SEED ^ 0x5EED);
    EventLoop loop = new EventLoop();
    SimNetwork network = new SimNetwork(loop, SEED);

    List<Discv5Node> honest = new ArrayList<>();
    for (int i = 0; i < HONEST; i++) {
      NodeConfig.Builder b = config(PrivateKey.generate(random), network, random);
      if (i > 0) {
        b.bootstrap(honest.get(0).localRecord());
      }
      Discv5Node n = node(loop, network, b.build());
      loop.await(n.start(), Duration.ofSeconds(5));
      honest.add(n);
    }
    loop.runFor(Duration.ofSeconds(20));

    Set<NodeId> taught = new HashSet<>();
    VirtualScheduler attackerThread = loop.newScheduler();
    List<Sybil> attackers = new ArrayList<>();
    for (int i = 0; i < ATTACKERS; i++) {
      List<SignedPeerRecord> mine = served.get(i);
      int[] cursor = {0};
      attackers.add(
          new Sybil(
              attackerKeys.get(i),
              network.allocateAddress(),
              network,
              attackerThread,
              random.nextLong(),
              (self, from, request) -> answer(self, request, mine, cursor, taught)));
    }

    // The attackers reach the victim's table as bootstrap records, as if it had met them before.
    NodeConfig.Builder b = config(victimKey, network, random).table(table).lookup(lookup);
    attackers.forEach(a -> b.bootstrap(a.record()));
    b.bootstrap(honest.get(0).localRecord());
    b.bootstrap(honest.get(HONEST / 2).localRecord());
    NodeConfig victimConfig = b.build();
    InetSocketAddress victimAddress = victimConfig.bindAddresses().get(0);

    long start = loop.now();
    long end = start + duration.toNanos();
    long[] packets = {0};
    Set<Integer> ports = new HashSet<>();
    Map<Long, Long> perSecond = new HashMap<>();
    network.setObserver(
        (t, from, to, bytes, drop) -> {
          if (from.equals(victimAddress) && to.getAddress().equals(V) && t < end) {
            packets[0]++;
            ports.add(to.getPort());
            perSecond.merge((t - start) / 1_000_000_000L, 1L, Long::sum);
          }
        });

    Discv5Node victim = node(loop, network, victimConfig);
    TableWatch watch = new TableWatch();
    victim.addListener(watch);
    loop.await(victim.start(), Duration.ofSeconds(5));
    if (!seenRule) {
      SimDefenceSwitches.relayUnverified(victim);
    }
    for (long at = start + LOOKUP_EVERY.toNanos() / 2; at < end; at += LOOKUP_EVERY.toNanos()) {
      loop.scheduleAt(at, () -> victim.lookup(NodeId.random(random)));
    }
    Discv5Node asker = honest.get(1);
    Set<NodeId> relayed = new HashSet<>();
    for (long at = start + SCAN_EVERY.toNanos(); at < end; at += SCAN_EVERY.toNanos()) {
      loop.scheduleAt(at, () -> ask(asker, victim.localRecord(), NodeId.BITS, relayed));
    }
    loop.runUntil(end);
    loop.await(ask(asker, victim.localRecord(), NodeId.BITS, relayed), Duration.ofMinutes(1));

    int relayedAtV = (int) relayed.stream().filter(pointerIds::contains).count();
    return new Outcome(
        label,
        taught.size(),
        ports.size(),
        packets[0],
        perSecond.values().stream().mapToLong(Long::longValue).max().orElse(0),
        watch.ever.size(),
        watch.peak,
        relayedAtV,
        relayed.size() - relayedAtV,
        duration.toSeconds(),
        loop.failedEvents());
  }

  /** Counts the records at V that become live table entries (the ones pinged and revalidated). */
  private static final class TableWatch implements NodeListener {
    final Set<NodeId> ever = new HashSet<>();
    int now;
    int peak;

    @Override
    public void nodeAdded(SignedPeerRecord record) {
      if (pointerIds.contains(record.nodeId())) {
        ever.add(record.nodeId());
        peak = Math.max(peak, ++now);
      }
    }

    @Override
    public void nodeRemoved(SignedPeerRecord record) {
      if (pointerIds.contains(record.nodeId())) {
        now--;
      }
    }
  }

  private static NodeConfig.Builder config(PrivateKey key, SimNetwork network, Random random) {
    return NodeConfig.builder(key)
        .bind(network.allocateAddress())
        .random(new Random(random.nextLong()));
  }

  private static Discv5Node node(EventLoop loop, SimNetwork network, NodeConfig config) {
    VirtualScheduler scheduler = loop.newScheduler();
    return Discv5Node.create(
        config, network.transport(config.bindAddresses().get(0), scheduler), scheduler);
  }

  /**
   * Asks the victim, from {@code asker}, for each distance from {@code distance} down to 1, one
   * distance per FINDNODE (so a full bucket fits in one answer), and notes every record relayed.
   */
  private static CompletableFuture<Void> ask(
      Discv5Node asker, SignedPeerRecord victim, int distance, Set<NodeId> relayed) {
    if (distance == 0) {
      return CompletableFuture.completedFuture(null);
    }
    return asker
        .findNode(victim, List.of(distance))
        .handle(
            (records, error) -> {
              if (records != null) {
                records.forEach(r -> relayed.add(r.nodeId()));
              }
              return null;
            })
        .thenCompose(ignored -> ask(asker, victim, distance - 1, relayed));
  }

  /**
   * An attacker's answer: FINDNODE gets its records at V lying at the distances asked (so the
   * answer passes the distance checks), the next ones after those of its previous answer, so that
   * every record is taught; FINDNODE_FAST gets up to 6 of them; distance 0 gets the attacker's own
   * record. {@link Sybil} answers PING itself, so the attackers stay in the victim's table.
   */
  private static List<Message> answer(
      Sybil self, Message request, List<SignedPeerRecord> mine, int[] cursor, Set<NodeId> taught) {
    if (request instanceof Message.FindNode f) {
      if (f.distances().contains(0)) {
        return List.of(new Message.Nodes(f.requestId(), 1, List.of(self.encodedRecord())));
      }
      return nodes(f.requestId(), pick(self, mine, cursor, f.distances(), MAX_NODES), taught);
    }
    if (request instanceof Message.FindNodeFast f) {
      return nodes(f.requestId(), pick(self, mine, cursor, null, MAX_NODES_FAST), taught);
    }
    if (request instanceof Message.TalkReq t) {
      return List.of(new Message.TalkResp(t.requestId(), Bytes.EMPTY));
    }
    return List.of();
  }

  /** Up to {@code max} of {@code mine} at {@code distances} (null: any), from the cursor on. */
  private static List<SignedPeerRecord> pick(
      Sybil self, List<SignedPeerRecord> mine, int[] cursor, List<Integer> distances, int max) {
    List<SignedPeerRecord> out = new ArrayList<>();
    int next = cursor[0];
    for (int k = 0; k < mine.size() && out.size() < max; k++) {
      int i = (cursor[0] + k) % mine.size();
      SignedPeerRecord r = mine.get(i);
      if (distances == null || distances.contains(r.nodeId().logDistance(self.id()))) {
        out.add(r);
        next = i + 1;
      }
    }
    cursor[0] = next % mine.size();
    return out;
  }

  private static List<Message> nodes(
      Bytes rid, List<SignedPeerRecord> records, Set<NodeId> taught) {
    int total = Math.max(1, (records.size() + RECORDS_PER_MESSAGE - 1) / RECORDS_PER_MESSAGE);
    List<Message> out = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      List<Bytes> part = new ArrayList<>(RECORDS_PER_MESSAGE);
      for (int j = i * RECORDS_PER_MESSAGE;
          j < Math.min(records.size(), (i + 1) * RECORDS_PER_MESSAGE);
          j++) {
        part.add(Bytes.wrap(records.get(j).encoded()));
        taught.add(records.get(j).nodeId());
      }
      out.add(new Message.Nodes(rid, total, part));
    }
    return out;
  }

  private static InetAddress address(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
