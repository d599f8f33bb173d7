package io.codex.dht.discv5;

import static io.codex.dht.discv5.LoopbackCluster.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Security test A4: a handler that throws RuntimeException, StackOverflowError or OutOfMemoryError
 * now and then does not stop the node; failures are counted and logged at most once a second,
 * without the attacker's bytes.
 */
class ContainmentTest {
  private static final String SECRET = "attacker-bytes-7f3a";

  @Test
  void throwingHandlerDoesNotStopTheReceivePath() throws Exception {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    long started = System.nanoTime();
    try (LoopbackCluster c = new LoopbackCluster(13)) {
      Discv5Node target = c.start(b -> b.meterRegistry(registry));
      Discv5Node sender = c.start(b -> b.bootstrap(target.localRecord()));
      AtomicInteger calls = new AtomicInteger();
      join(
          target.registerTalkHandler(
              "boom",
              (from, address, request) -> {
                int n = calls.incrementAndGet();
                if (n % 100 == 0) {
                  switch (n / 100 % 3) {
                    case 0 -> throw new IllegalStateException("handler bug " + SECRET);
                    case 1 -> throw new StackOverflowError(SECRET);
                    default -> throw new OutOfMemoryError(SECRET);
                  }
                }
                return request;
              }));
      join(sender.ping(target.localRecord())); // a session first: bursts queue behind handshakes
      byte[] payload = SECRET.getBytes(StandardCharsets.US_ASCII);
      int answered = 0;
      for (int batch = 0; batch < 10; batch++) {
        List<CompletableFuture<byte[]>> fs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          fs.add(sender.talkRequest(target.localRecord(), "boom", payload));
        }
        for (CompletableFuture<byte[]> f : fs) {
          try {
            f.join();
            answered++;
          } catch (RuntimeException timedOut) {
            // The OutOfMemoryError calls get no answer; they are counted below.
          }
        }
      }
      assertTrue(answered >= 990, "answered " + answered);
      // The next 10,000 valid packets are all processed.
      int pongs = 0;
      for (int batch = 0; batch < 20; batch++) {
        List<CompletableFuture<PingResult>> fs = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
          fs.add(sender.ping(target.localRecord()));
        }
        for (CompletableFuture<PingResult> f : fs) {
          f.join();
          pongs++;
        }
      }
      assertEquals(10_000, pongs);
      double handlerFailures =
          registry.get("discv5.talk.requests").tag("result", "handler_failed").counter().count();
      double contained =
          registry.get("discv5.receive.failures").tag("type", "OutOfMemoryError").counter().count();
      assertTrue(handlerFailures >= 6 && contained >= 3, handlerFailures + " / " + contained);
    } finally {
      root.detachAppender(logs);
    }
    long seconds = (System.nanoTime() - started) / 1_000_000_000L + 1;
    List<ILoggingEvent> warnings =
        logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    assertTrue(warnings.size() <= 2 * seconds, warnings.size() + " warnings in " + seconds + " s");
    for (ILoggingEvent e : logs.list) {
      if (e.getLevel().isGreaterOrEqual(Level.INFO)) {
        assertTrue(!e.getFormattedMessage().contains(SECRET), "attacker bytes in a log line");
      }
    }
  }

  @Test
  void negativeControlWithoutContainmentErrorsEscapeToTheScheduler() {
    try (LoopbackCluster c = new LoopbackCluster(14)) {
      Discv5Node target = c.start(b -> {});
      Discv5Node sender = c.start(b -> b.bootstrap(target.localRecord()));
      CompletableFuture<Void> off = new CompletableFuture<>();
      target
          .scheduler()
          .execute(
              () -> {
                target.core().containFailures = false;
                off.complete(null);
              });
      join(off);
      join(
          target.registerTalkHandler(
              "oom",
              (from, address, request) -> {
                throw new OutOfMemoryError("simulated");
              }));
      CompletableFuture<byte[]> f = sender.talkRequest(target.localRecord(), "oom", new byte[1]);
      boolean failed;
      try {
        f.join();
        failed = false;
      } catch (RuntimeException e) {
        failed = true;
      }
      assertTrue(failed, "the request dies with the error");
      // The error escaped the node's code: nothing counted it as contained.
      double contained =
          target.core().metrics.registry().find("discv5.receive.failures").counters().stream()
              .mapToDouble(io.micrometer.core.instrument.Counter::count)
              .sum();
      assertEquals(0.0, contained);
    }
  }
}
