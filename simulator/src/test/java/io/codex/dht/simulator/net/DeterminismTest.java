package io.codex.dht.simulator.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.simulator.EventLoop;
import io.codex.dht.simulator.VirtualScheduler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The same seed gives the same run, event for event; another seed gives another run. */
class DeterminismTest {
  private static final int NODES = 60;

  /** Runs a small gossiping network for a virtual minute and returns its packet trace. */
  private static List<String> trace(long seed) {
    EventLoop loop = new EventLoop();
    SimNetwork net = new SimNetwork(loop, seed);
    net.setLatency(
        LatencyModel.perLink(
            Duration.ofMillis(5), Duration.ofMillis(150), Duration.ofMillis(20), seed));
    net.setLossRate(0.05);
    List<String> trace = new ArrayList<>();
    net.setObserver(
        (t, from, to, bytes, drop) ->
            trace.add(t + " " + from + " " + to + " " + bytes + " " + drop));

    SplittableRandom random = new SplittableRandom(seed ^ 0x5EED);
    List<SimTransport> transports = new ArrayList<>();
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (int i = 0; i < NODES; i++) {
      VirtualScheduler s = loop.newScheduler();
      SimTransport t = net.transport(s);
      transports.add(t);
      addresses.add(t.address());
    }
    for (int i = 0; i < NODES; i++) {
      SimTransport t = transports.get(i);
      VirtualScheduler s = t.owner();
      // Echo every datagram once (shorter), and chat to random peers on a timer.
      t.start(
          (data, from) -> {
            if (data.length > 1) {
              t.send(from, new byte[data.length - 1]);
            }
          });
      Runnable[] chat = new Runnable[1];
      chat[0] =
          () -> {
            t.send(addresses.get(random.nextInt(NODES)), new byte[1 + random.nextInt(4)]);
            s.schedule(chat[0], 100 + random.nextInt(900));
          };
      s.schedule(chat[0], random.nextInt(1000));
    }
    // Partition half the network for a while in the middle of the run.
    loop.schedule(
        () -> net.partition(List.of(addresses.subList(0, NODES / 2))), Duration.ofSeconds(20));
    loop.schedule(net::heal, Duration.ofSeconds(40));

    loop.runFor(Duration.ofMinutes(1));
    assertEquals(0, loop.failedEvents());
    trace.add("sent=" + net.packetsSent() + " delivered=" + net.packetsDelivered());
    return trace;
  }

  @Test
  void sameSeedSameTrace() {
    List<String> first = trace(1234);
    List<String> second = trace(1234);
    assertTrue(first.size() > 5_000, "trace size " + first.size());
    assertTrue(first.stream().anyMatch(s -> s.endsWith("LOSS")));
    assertTrue(first.stream().anyMatch(s -> s.endsWith("PARTITION")));
    assertEquals(first, second);
  }

  @Test
  void differentSeedDifferentTrace() {
    assertNotEquals(trace(1234), trace(1235));
  }
}
