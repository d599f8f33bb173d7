package io.codex.dht.discv5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.session.Message;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Acceptance test H1 (security.md §4.2), short form, slow tier ({@code mvn -Pslow verify}): 12
 * nodes on loopback run honest lookups, provider announcements and provider queries for {@code
 * -Dh1.seconds} (default 180) while low-intensity attacks go on: random datagrams, a responder
 * answering FINDNODE with records at wrong distances and duplicates, replayed ADD_PROVIDERs of
 * other nodes' records, PONGs claiming a fake address, and sybil sessions from one /24. Pass: no
 * throwable reaches a receive loop or a thread, lookups for existing nodes find them in at least
 * 99.5 % of cases, the heap after GC does not grow (last sample within 32 MiB of the first, taken
 * after warm-up), and the thread count and open file descriptors stay where they started. The
 * nightly form of security.md is the same test with {@code -Dh1.seconds=3600}.
 */
@Tag("slow")
class H1SoakTest {
  private static final long SEED = Long.getLong("h1.seed", 0x41L);
  private static final int NODES = 12;
  private static final long MIB = 1024 * 1024;

  private final Random random = new Random(SEED);

  /** Open file descriptors of this JVM (sockets included), or 0 where the JVM cannot tell. */
  private static long openFileDescriptors() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.UnixOperatingSystemMXBean unix
        ? unix.getOpenFileDescriptorCount()
        : 0;
  }

  private static long heapAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  @Test
  void honestTrafficSurvivesLowIntensityAttacks() throws Exception {
    long seconds = Long.getLong("h1.seconds", 180);
    List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(
        (t, e) -> {
          if (!t.getName().equals("raw-peer")) { // the attackers' own threads are not under test
            uncaught.add(e);
          }
        });
    List<SimpleMeterRegistry> registries = new ArrayList<>();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    try (LoopbackCluster c = new LoopbackCluster(SEED);
        DatagramSocket garbage = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        RawPeer liar = new RawPeer(PrivateKey.generate(random), 1);
        RawPeer replayer = new RawPeer(PrivateKey.generate(random), 1)) {
      for (int i = 0; i < NODES; i++) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registries.add(registry);
        SignedPeerRecord boot = i == 0 ? null : c.nodes.get(0).localRecord();
        c.start(b -> b.meterRegistry(registry).bootstrap(boot == null ? List.of() : List.of(boot)));
      }
      List<Discv5Node> nodes = List.copyOf(c.nodes);
      for (Discv5Node n : nodes) {
        LoopbackCluster.join(n.lookup(n.nodeId()));
      }
      // The liar answers every FINDNODE with records at wrong distances, duplicated.
      List<Bytes> junk = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Bytes r = Bytes.wrap(nodes.get(i).localRecord().encoded());
        junk.add(r);
        junk.add(r);
      }
      liar.respondWith((from, request) -> List.of(new Message.Nodes(request.requestId(), 1, junk)));
      liar.pongObserved = new InetSocketAddress("198.51.100.9", 4000);
      for (int i = 0; i < 3; i++) {
        LoopbackCluster.join(nodes.get(i).addSeed(liar.record));
      }
      List<RawPeer> sybils = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        InetAddress bind = InetAddress.getByAddress(new byte[] {127, 0, 9, (byte) (10 + i)});
        sybils.add(new RawPeer(PrivateKey.generate(random), 1, bind, null));
      }
      long threadsAtStart = Thread.activeCount();
      long fdsAtStart = openFileDescriptors();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      long nextSample = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds / 5);
      List<Long> heap = new ArrayList<>();
      int lookups = 0;
      List<String> failed = new ArrayList<>();
      int providerRounds = 0;
      int providerHits = 0;
      for (int tick = 0; System.nanoTime() < end; tick++) {
        Discv5Node from = nodes.get(random.nextInt(NODES));
        Discv5Node target = nodes.get(random.nextInt(NODES));
        List<Discv5Node[]> pairs = new ArrayList<>();
        List<CompletableFuture<LookupResult>> batch = new ArrayList<>();
        for (int k = 0; k < 4; k++) { // four lookups at once, for existing nodes' ids
          Discv5Node a = k == 0 ? from : nodes.get(random.nextInt(NODES));
          Discv5Node b = k == 0 ? target : nodes.get(random.nextInt(NODES));
          pairs.add(new Discv5Node[] {a, b});
          batch.add(a.lookup(b.nodeId()));
        }
        for (int k = 0; k < batch.size(); k++) {
          Discv5Node a = pairs.get(k)[0];
          Discv5Node b = pairs.get(k)[1];
          try {
            LookupResult r = batch.get(k).get(60, TimeUnit.SECONDS);
            if (r.targetRecord().isEmpty() && a != b) {
              failed.add(a.nodeId().toShortString() + "->" + b.nodeId().toShortString());
            }
          } catch (Exception e) {
            failed.add("lookup threw " + e);
          }
          lookups++;
        }
        for (int g = 0; g < 5; g++) { // random datagrams, 0..1400 bytes
          byte[] d = new byte[random.nextInt(1401)];
          random.nextBytes(d);
          InetSocketAddress to = nodes.get(random.nextInt(NODES)).localRecord().udpEndpoint().get();
          garbage.send(new DatagramPacket(d, d.length, to));
        }
        if (tick % 4 == 0) { // a replayed provider record and a sybil session
          SignedPeerRecord victim = nodes.get(random.nextInt(NODES)).localRecord();
          replayer.send(
              nodes.get(random.nextInt(NODES)).localRecord(),
              new Message.AddProvider(
                  Bytes.ofUnsignedInt(tick), NodeId.random(random), Bytes.wrap(victim.encoded())));
          sybils
              .get(tick / 4 % sybils.size())
              .send(target.localRecord(), new Message.Ping(Bytes.ofUnsignedInt(tick), 1));
        }
        if (tick % 20 == 0) {
          NodeId key = NodeId.random(random);
          from.addProvider(key).get(30, TimeUnit.SECONDS);
          providerRounds++;
          providerHits += target.getProviders(key, 20).get(30, TimeUnit.SECONDS).isEmpty() ? 0 : 1;
        }
        if (System.nanoTime() > nextSample) {
          heap.add(heapAfterGc(memory));
          nextSample = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        }
      }
      heap.add(heapAfterGc(memory));
      sybils.forEach(RawPeer::close);
      double receiveFailures = 0;
      double replaysRefused = 0;
      for (SimpleMeterRegistry r : registries) {
        for (Counter counter :
            r.find("discv5.providers.refused").tag("reason", "not_sender").counters()) {
          replaysRefused += counter.count();
        }
        for (Counter counter : r.find("discv5.receive.failures").counters()) {
          receiveFailures += counter.count();
        }
      }
      String seen =
          "seed "
              + SEED
              + ": lookups "
              + lookups
              + ", failed "
              + failed.size()
              + " "
              + failed
              + ", replays refused "
              + replaysRefused
              + ", providers "
              + providerHits
              + "/"
              + providerRounds
              + ", heap MiB "
              + heap.stream().map(h -> h / MIB).toList()
              + ", threads "
              + threadsAtStart
              + "->"
              + Thread.activeCount()
              + ", file descriptors "
              + fdsAtStart
              + " -> "
              + openFileDescriptors();
      System.out.println("H1 " + seen);
      assertEquals(List.of(), uncaught, seen);
      assertTrue(replaysRefused > 0, "the replay attack ran: " + seen);
      assertEquals(0.0, receiveFailures, "throwables caught in receive loops: " + seen);
      assertTrue(failed.size() * 1000 <= lookups * 5, "lookup success below 99.5 %: " + seen);
      assertTrue(providerHits * 10 >= providerRounds * 9, "providers found: " + seen);
      assertTrue(heap.get(heap.size() - 1) <= heap.get(0) + 32 * MIB, "heap grew: " + seen);
      assertTrue(Thread.activeCount() <= threadsAtStart + 4, "threads: " + seen);
      assertTrue(openFileDescriptors() <= fdsAtStart + 8, "file descriptors: " + seen);
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
  }
}
