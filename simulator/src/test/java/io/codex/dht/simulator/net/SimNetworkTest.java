package io.codex.dht.simulator.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.simulator.EventLoop;
import io.codex.dht.simulator.VirtualScheduler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class SimNetworkTest {
  private static final long MS = 1_000_000L;

  private final EventLoop loop = new EventLoop();
  private final SimNetwork net = new SimNetwork(loop, 7);

  /** A started transport that records what it receives. */
  private static final class Node {
    final VirtualScheduler scheduler;
    final SimTransport transport;
    final List<byte[]> received = new ArrayList<>();
    final List<InetSocketAddress> senders = new ArrayList<>();
    final List<Long> times = new ArrayList<>();
    boolean onOwnThread = true;

    Node(SimNetwork net) {
      scheduler = net.loop().newScheduler();
      transport = net.transport(scheduler);
      transport
          .start(
              (data, from) -> {
                received.add(data);
                senders.add(from);
                times.add(net.loop().now());
                onOwnThread &= scheduler.inNodeThread();
              })
          .join();
    }

    InetSocketAddress address() {
      return transport.address();
    }
  }

  @Test
  void deliversAfterTheLatencyToTheOwnersThread() {
    net.setLatency(LatencyModel.constant(Duration.ofMillis(40)));
    Node a = new Node(net);
    Node b = new Node(net);
    byte[] datagram = {1, 2, 3};

    a.transport.send(b.address(), datagram);
    loop.runFor(Duration.ofMillis(39));
    assertTrue(b.received.isEmpty());
    assertEquals(1, net.packetsInFlight());
    loop.runFor(Duration.ofMillis(1));

    assertEquals(1, b.received.size());
    assertSame(datagram, b.received.get(0)); // passed through, not copied
    assertEquals(List.of(a.address()), b.senders);
    assertEquals(List.of(40 * MS), b.times);
    assertTrue(b.onOwnThread);
    assertEquals(1, a.transport.packetsSent());
    assertEquals(3, a.transport.bytesSent());
    assertEquals(1, b.transport.packetsReceived());
    assertEquals(3, b.transport.bytesReceived());
    assertEquals(1, net.packetsDelivered());
    assertEquals(3, net.bytesDelivered());
    assertEquals(0, net.packetsInFlight());
  }

  @Test
  void copiesWhenAsked() {
    net.setCopyDatagrams(true);
    Node a = new Node(net);
    Node b = new Node(net);
    byte[] datagram = {9, 8, 7};
    a.transport.send(b.address(), datagram);
    datagram[0] = 0;
    loop.runUntilIdle();
    assertNotSame(datagram, b.received.get(0));
    assertArrayEquals(new byte[] {9, 8, 7}, b.received.get(0));
  }

  @Test
  void latencyAndJitterStayWithinBoundsAndVary() {
    net.setLatency(LatencyModel.uniform(Duration.ofMillis(20), Duration.ofMillis(10)));
    Node a = new Node(net);
    Node b = new Node(net);
    // One datagram per second, so arrival time minus send time is the latency.
    for (int i = 0; i < 2000; i++) {
      long sentAt = i * 1_000 * MS;
      loop.scheduleAt(sentAt, () -> a.transport.send(b.address(), new byte[1]));
    }
    loop.runUntilIdle();

    assertEquals(2000, b.times.size());
    Set<Long> distinct = new java.util.HashSet<>();
    for (int i = 0; i < b.times.size(); i++) {
      long latency = b.times.get(i) - i * 1_000 * MS;
      assertTrue(latency >= 20 * MS && latency <= 30 * MS, "latency " + latency);
      distinct.add(latency);
    }
    assertTrue(distinct.size() > 1000, "jitter varies: " + distinct.size());
  }

  @Test
  void lossZeroDeliversAllAndLossOneNone() {
    Node a = new Node(net);
    Node b = new Node(net);
    net.setLossRate(0.0);
    for (int i = 0; i < 1000; i++) {
      a.transport.send(b.address(), new byte[10]);
    }
    loop.runUntilIdle();
    assertEquals(1000, b.received.size());

    net.setLossRate(1.0);
    for (int i = 0; i < 1000; i++) {
      a.transport.send(b.address(), new byte[10]);
    }
    loop.runUntilIdle();
    assertEquals(1000, b.received.size());
    assertEquals(1000, net.packetsDropped(DropReason.LOSS));
    assertEquals(1000, a.transport.packetsDroppedAtSend());
    assertEquals(2000, net.packetsSent());
    assertEquals(20_000, net.bytesSent());
  }

  @Test
  void partialLossIsRoughlyTheRate() {
    Node a = new Node(net);
    Node b = new Node(net);
    net.setLossRate(0.3);
    for (int i = 0; i < 10_000; i++) {
      a.transport.send(b.address(), new byte[1]);
    }
    loop.runUntilIdle();
    long lost = net.packetsDropped(DropReason.LOSS);
    assertTrue(lost > 2_700 && lost < 3_300, "lost " + lost);
    assertEquals(10_000, lost + b.received.size());
  }

  @Test
  void linkLossOverridesTheGlobalRateInOneDirection() {
    Node a = new Node(net);
    Node b = new Node(net);
    net.setLinkLoss(a.address(), b.address(), 1.0);
    a.transport.send(b.address(), new byte[1]);
    b.transport.send(a.address(), new byte[1]);
    loop.runUntilIdle();
    assertTrue(b.received.isEmpty());
    assertEquals(1, a.received.size());

    net.setLossRate(1.0);
    net.setLinkLoss(a.address(), b.address(), 0.0);
    a.transport.send(b.address(), new byte[1]);
    b.transport.send(a.address(), new byte[1]);
    loop.runUntilIdle();
    assertEquals(1, b.received.size());
    assertEquals(1, a.received.size());

    net.clearLinkLoss();
    net.setLossRate(0);
    a.transport.send(b.address(), new byte[1]);
    loop.runUntilIdle();
    assertEquals(2, b.received.size());
  }

  @Test
  void partitionsBlockAndHealingRestores() {
    Node a = new Node(net);
    Node b = new Node(net);
    Node c = new Node(net);
    Node d = new Node(net);
    net.partition(List.of(List.of(a.address(), b.address()), List.of(c.address())));
    // d is in no group: it is on a side of its own with every other unlisted address.
    assertTrue(net.connected(a.address(), b.address()));
    assertFalse(net.connected(a.address(), c.address()));
    assertFalse(net.connected(d.address(), c.address()));

    for (Node from : List.of(a, b, c, d)) {
      for (Node to : List.of(a, b, c, d)) {
        if (from != to) {
          from.transport.send(to.address(), new byte[] {1});
        }
      }
    }
    loop.runUntilIdle();
    assertEquals(List.of(b.address()), a.senders);
    assertEquals(List.of(a.address()), b.senders);
    assertTrue(c.senders.isEmpty());
    assertTrue(d.senders.isEmpty());
    assertEquals(10, net.packetsDropped(DropReason.PARTITION));

    net.heal();
    c.transport.send(a.address(), new byte[] {1});
    d.transport.send(c.address(), new byte[] {1});
    loop.runUntilIdle();
    assertEquals(List.of(b.address(), c.address()), a.senders);
    assertEquals(List.of(d.address()), c.senders);

    net.isolate(b.address());
    a.transport.send(b.address(), new byte[] {1});
    a.transport.send(c.address(), new byte[] {1});
    loop.runUntilIdle();
    assertEquals(List.of(a.address()), b.senders);
    assertEquals(List.of(d.address(), a.address()), c.senders);
  }

  @Test
  void datagramsInFlightWhenAPartitionStartsStillArrive() {
    net.setLatency(LatencyModel.constant(Duration.ofMillis(50)));
    Node a = new Node(net);
    Node b = new Node(net);
    a.transport.send(b.address(), new byte[1]);
    loop.runFor(Duration.ofMillis(10));
    net.isolate(b.address());
    loop.runUntilIdle();
    assertEquals(1, b.received.size());
  }

  @Test
  void unknownDestinationsAreDroppedAndCounted() {
    Node a = new Node(net);
    a.transport.send(net.allocateAddress(), new byte[5]);
    loop.runUntilIdle();
    assertEquals(1, net.packetsDropped(DropReason.UNREACHABLE));
    assertEquals(1, net.packetsDropped());
    assertEquals(0, net.packetsInFlight());
  }

  @Test
  void oversizeDatagramsAreDropped() {
    Node a = new Node(net);
    Node b = new Node(net);
    a.transport.send(b.address(), new byte[SimNetwork.MAX_DATAGRAM + 1]);
    a.transport.send(b.address(), new byte[SimNetwork.MAX_DATAGRAM]);
    loop.runUntilIdle();
    assertEquals(1, b.received.size());
    assertEquals(SimNetwork.MAX_DATAGRAM, b.received.get(0).length);
    assertEquals(1, net.packetsDropped(DropReason.OVERSIZE));
    assertEquals(1, a.transport.packetsDroppedAtSend());
  }

  @Test
  void stoppedAndHaltedReceiversGetNothing() {
    net.setLatency(LatencyModel.constant(Duration.ofMillis(10)));
    Node a = new Node(net);
    Node b = new Node(net);
    Node c = new Node(net);
    a.transport.send(b.address(), new byte[1]);
    a.transport.send(c.address(), new byte[1]);
    b.transport.stop().join();
    c.scheduler.halt();
    loop.runUntilIdle();
    assertTrue(b.received.isEmpty());
    assertTrue(c.received.isEmpty());
    assertEquals(2, net.packetsDropped(DropReason.RECEIVER_CLOSED));
    assertEquals(List.of(), b.transport.localAddresses());

    // b's address is free again; datagrams to it are now unreachable.
    a.transport.send(b.address(), new byte[1]);
    loop.runUntilIdle();
    assertEquals(1, net.packetsDropped(DropReason.UNREACHABLE));
    assertEquals(0, net.packetsInFlight());
  }

  @Test
  void aStoppedOrUnstartedSenderSendsNothing() {
    Node b = new Node(net);
    SimTransport idle = net.transport(null);
    idle.send(b.address(), new byte[1]);
    loop.runUntilIdle();
    assertTrue(b.received.isEmpty());
    assertEquals(1, net.packetsDropped(DropReason.SENDER_CLOSED));
    assertEquals(List.of(), idle.localAddresses());
  }

  @Test
  void startBindsOnceAndAddressesAreExclusive() throws Exception {
    Node a = new Node(net);
    assertEquals(List.of(a.address()), a.transport.localAddresses());
    assertSame(a.transport, net.endpoint(a.address()));
    assertEquals(1, net.endpointCount());

    SimTransport twin = net.transport(a.address(), null);
    ExecutionException inUse =
        assertThrows(ExecutionException.class, () -> twin.start((d, f) -> {}).get());
    assertTrue(inUse.getCause() instanceof IllegalStateException);
    assertThrows(
        ExecutionException.class, () -> a.transport.start((d, f) -> {}).get()); // started twice

    a.transport.stop().get();
    twin.start((d, f) -> {}).get(); // the address is free again
    assertSame(twin, net.endpoint(a.address()));
    assertThrows(ExecutionException.class, () -> a.transport.start((d, f) -> {}).get());
  }

  @Test
  void aThrowingReceiverIsCountedAgainstItsNode() {
    Node a = new Node(net);
    VirtualScheduler s = loop.newScheduler();
    SimTransport bad = net.transport(s);
    bad.start(
        (d, f) -> {
          throw new IllegalStateException("receiver bug");
        });
    a.transport.send(bad.address(), new byte[1]);
    a.transport.send(a.address(), new byte[1]);
    loop.runUntilIdle();
    assertEquals(1, s.failedTasks());
    assertEquals(1, a.received.size());
  }

  @Test
  void theObserverSeesEveryFate() {
    List<String> seen = new ArrayList<>();
    net.setObserver(
        (t, from, to, bytes, drop) -> seen.add((drop == null ? "delivered" : drop) + ":" + bytes));
    net.setLatency(LatencyModel.constant(Duration.ZERO));
    Node a = new Node(net);
    Node b = new Node(net);
    a.transport.send(b.address(), new byte[3]);
    a.transport.send(net.allocateAddress(), new byte[4]);
    loop.runUntilIdle();
    assertEquals(List.of("UNREACHABLE:4", "delivered:3"), seen);
  }

  @Test
  void settingsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> net.setLossRate(1.5));
    assertThrows(IllegalArgumentException.class, () -> net.setLossRate(Double.NaN));
    assertThrows(
        IllegalArgumentException.class,
        () -> LatencyModel.uniform(Duration.ofMillis(-1), Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () -> net.transport(net.allocateAddress(), new EventLoop().newScheduler()));
  }
}
