package io.codex.dht.discv5;

import static io.codex.dht.discv5.LoopbackCluster.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random and malformed datagrams do not stop a node from answering, and are counted. */
class FloodTest {

  @Test
  void nodeKeepsAnsweringPingsUnderGarbage() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (LoopbackCluster c = new LoopbackCluster(3);
        DatagramSocket attacker = new DatagramSocket()) {
      Discv5Node target = c.start(b -> b.meterRegistry(registry));
      Discv5Node honest = c.start(b -> b.bootstrap(target.localRecord()));
      InetSocketAddress to = target.localRecord().udpEndpoint().orElseThrow();
      Random random = new Random(99);
      int pongs = 0;
      for (int i = 0; i < 10_000; i++) {
        byte[] garbage = new byte[random.nextInt(1400)];
        random.nextBytes(garbage);
        if (i % 3 == 0 && garbage.length > 40) {
          // A valid-looking start: masking IV then bytes that unmask to junk headers.
          System.arraycopy(
              "discv5".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, garbage, 16, 6);
        }
        attacker.send(new DatagramPacket(garbage, garbage.length, to));
        if (i % 1000 == 999) {
          join(honest.ping(target.localRecord()));
          pongs++;
          Thread.sleep(20); // let the target drain its queue; the flood itself never waits
        }
      }
      assertEquals(10, pongs);
      join(honest.ping(target.localRecord()));
      double drops =
          registry.find("discv5.drops").counters().stream().mapToDouble(Counter::count).sum();
      double decodeFailures =
          registry.find("discv5.decode.failures").counters().stream()
              .mapToDouble(Counter::count)
              .sum();
      double overload =
          registry.find("discv5.datagrams.dropped").counters().stream()
              .mapToDouble(Counter::count)
              .sum();
      assertTrue(drops + overload > 9_000, "drops " + drops + " overload " + overload);
      assertTrue(decodeFailures > 1_000, "decode failures counted by reason: " + decodeFailures);
      assertTrue(
          registry.find("discv5.decode.failures").counters().size() >= 2,
          "several reasons are told apart");
    }
  }
}
