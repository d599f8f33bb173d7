package io.codex.dht.discv5.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.codex.dht.discv5.NodeSnapshot;
import io.codex.dht.spr.Multiaddr;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The status page stays readable with 1,000 table entries: buckets start folded (a line each), the
 * filter finds one entry among them, and a phone-sized screen does not scroll sideways. A fake
 * backend serves the table; headless Chromium shows it (skipped without Chromium).
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
class LargeTablePageTest {
  static final int ENTRIES = 1_000;

  /** 1,000 entries spread as a real table fills: 16 per bucket from distance 256 down. */
  static NodeSnapshot bigTable(NodeId local) {
    Random random = new Random(18);
    TreeMap<Integer, List<NodeSnapshot.Entry>> buckets = new TreeMap<>();
    for (int i = 0; i < ENTRIES; i++) {
      PrivateKey key = PrivateKey.generate(random);
      int port = 20_000 + i;
      SignedPeerRecord r =
          SignedPeerRecord.builder(key)
              .seq(1)
              .address(Multiaddr.udp(InetAddress.getLoopbackAddress(), port))
              .build();
      int distance = 256 - i / 16;
      buckets
          .computeIfAbsent(distance, d -> new ArrayList<>())
          .add(
              new NodeSnapshot.Entry(
                  r, "127.0.0.1:" + port, 0.9, 1_000L * (i % 300), false, i % 3 == 0));
    }
    List<NodeSnapshot.Bucket> out = new ArrayList<>();
    buckets.forEach((d, entries) -> out.add(new NodeSnapshot.Bucket(d, entries, 3)));
    return new NodeSnapshot(
        local, out, ENTRIES, 3 * out.size(), Map.of(), 1, 1, 1, 1, 1, Map.of(), 0, 0);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not seen within 60 s: " + what);
      }
      Thread.sleep(100);
    }
  }

  private static long number(ChromeDriver browser, String script) {
    return ((Number) ((JavascriptExecutor) browser).executeScript(script)).longValue();
  }

  @Test
  void aThousandEntriesFoldIntoBucketsAndTheFilterFindsOne(@TempDir Path dir) throws Exception {
    assumeTrue(Chromium.available(), "no Chromium: install chromium and chromium-driver");
    FakeBackend backend = new FakeBackend(18);
    backend.joined = true;
    NodeSnapshot table = bigTable(backend.record.nodeId());
    backend.snapshot = table;
    String needle = table.buckets().get(10).entries().get(7).record().nodeId().toHex();
    try (ApiServer server =
        ApiServer.sidecar(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            backend,
            Duration.ofSeconds(5))) {
      ChromeDriver browser = Chromium.start(dir);
      try {
        browser.get("http://127.0.0.1:" + server.address().getPort() + "/ui");
        await(
            () -> browser.findElement(By.id("table-summary")).getText().contains("1000 entries"),
            "the table summary");
        long buckets =
            number(browser, "return document.querySelectorAll('details.bucket').length;");
        assertEquals(table.buckets().size(), buckets);
        assertEquals(
            0L,
            number(browser, "return document.querySelectorAll('details.bucket[open]').length;"),
            "with 1,000 entries every bucket starts folded");
        long height = number(browser, "return document.getElementById('buckets').offsetHeight;");
        assertTrue(height < 40 * buckets, "one line per folded bucket: " + height + " px");
        Chromium.screenshot(browser, "status-page-1000.png");

        browser.findElement(By.id("table-filter")).sendKeys(needle.substring(0, 12));
        await(
            () ->
                number(
                        browser,
                        "return [...document.querySelectorAll('#buckets tr[data-node-id]')]"
                            + ".filter(r => r.offsetParent !== null).length;")
                    == 1,
            "the filter shows exactly the one matching entry");
        assertEquals(
            1L,
            number(
                browser,
                "return document.querySelectorAll(\"#buckets tr[data-node-id='"
                    + needle
                    + "']\").length;"));

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.findElement(By.id("table-filter")).clear();
        Thread.sleep(500);
        long overflow =
            number(browser, "return document.documentElement.scrollWidth - window.innerWidth;");
        assertTrue(overflow <= 0, "no sideways scrolling at phone width: " + overflow);
      } finally {
        browser.quit();
      }
    }
  }
}
