package io.codex.dht.discv5.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.codex.dht.discv5.http.Chromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The status page in a real browser, as a person sees it: a bootstrap node (with {@code --metrics})
 * and two sidecars, one of which advertises a service whose id is markup; headless Chromium opens
 * the other sidecar's page and finds both peers in the table view, the joined state, drawn charts,
 * a lookup from the form that returns the other sidecar with its trace, and the markup shown as
 * text. Screenshots (desktop and phone width) go to {@code target/}.
 *
 * <p>Runs wherever Debian's {@code chromium} and {@code chromium-driver} are installed ({@code
 * .ci/run} installs them); skipped, by assumption, only when they are not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang guard only
class StatusPageBrowserTest {
  static final String MARKUP =
      "<script>document.body.classList.add('pwned')</script><b>x</b>"; // no '=': ID=HEX
  static final Duration HEALTHY = Duration.ofSeconds(90);

  private final List<DhtProcess> processes = new ArrayList<>();
  private Path dir;
  private Api apiA;
  private Api apiB;
  private Api bootMetrics;
  private String bootId;
  private String idA;
  private ChromeDriver browser;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    assumeTrue(
        Chromium.available(),
        "no Chromium: install Debian's chromium and chromium-driver to run this test");
    dir = tmp;
    int metricsPort = DhtProcess.freePort();
    DhtProcess boot =
        keep(
            DhtProcess.start(
                dir,
                "bootstrap",
                "bootstrap",
                "--data-dir",
                dir.resolve("boot").toString(),
                "--listen",
                "127.0.0.1:0",
                "--metrics",
                "127.0.0.1:" + metricsPort));
    String bootSpr = boot.firstLine();
    bootMetrics = new Api(metricsPort);
    int portA = DhtProcess.freePort();
    int portB = DhtProcess.freePort();
    DhtProcess a = keep(sidecar("a", portA, bootSpr, "--service", MARKUP));
    apiA = new Api(portA);
    apiA.awaitHealthy(a, HEALTHY);
    DhtProcess b = keep(sidecar("b", portB, bootSpr));
    apiB = new Api(portB);
    apiB.awaitHealthy(b, HEALTHY);
    bootId = bootMetrics.get("/api/v1/node").json().get("nodeId").asText();
    idA = apiA.get("/api/v1/node").json().get("nodeId").asText();
    await(() -> tableHolds(apiB, idA) && tableHolds(apiB, bootId), "B's table holds A and boot");

    browser = Chromium.start(dir);
  }

  private DhtProcess sidecar(String name, int apiPort, String bootSpr, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "node",
                "--data-dir",
                dir.resolve(name).toString(),
                "--listen",
                "127.0.0.1:0",
                "--api",
                "127.0.0.1:" + apiPort,
                "--bootstrap-node",
                bootSpr));
    args.addAll(List.of(extra));
    return DhtProcess.start(dir, name, args.toArray(String[]::new));
  }

  private DhtProcess keep(DhtProcess p) {
    processes.add(p);
    return p;
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    processes.forEach(DhtProcess::close);
  }

  private static boolean tableHolds(Api api, String nodeId) {
    try {
      for (JsonNode bucket : api.get("/api/v1/table").json().get("buckets")) {
        for (JsonNode e : bucket.get("entries")) {
          if (e.get("nodeId").asText().equals(nodeId)) {
            return true;
          }
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Polls {@code condition} for up to 60 s (a wait for the page, not a timing assertion). */
  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not seen within 60 s: " + what);
      }
      Thread.sleep(100);
    }
  }

  private Object js(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  private boolean rowShown(String nodeId) {
    return !browser
        .findElements(By.cssSelector("#buckets tr[data-node-id='" + nodeId + "']"))
        .isEmpty();
  }

  /** Coloured pixels (a series' line, not the grey axis or background) on a chart's canvas. */
  private long linePixels(String canvasId) {
    Object n =
        js(
            "const c = document.getElementById('"
                + canvasId
                + "'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + " let n = 0; for (let i = 0; i < d.length; i += 4) {"
                + " const hi = Math.max(d[i], d[i + 1], d[i + 2]);"
                + " const lo = Math.min(d[i], d[i + 1], d[i + 2]); if (hi - lo > 100) n++; }"
                + " return n;");
    return ((Number) n).longValue();
  }

  private void screenshot(String name) throws IOException {
    Chromium.screenshot(browser, name);
  }

  @Test
  void aPersonSeesThePeersTheJoinedStateChartsAndALookupWithItsTrace() throws Exception {
    browser.get("http://127.0.0.1:" + apiB.port() + "/#refresh=1");
    await(() -> browser.getCurrentUrl().contains("/ui"), "/ redirects to /ui");
    // The redirect drops the fragment: load the page with a 1 s refresh for the charts.
    browser.get("http://127.0.0.1:" + apiB.port() + "/ui#refresh=1");
    await(
        () -> browser.findElement(By.id("joined")).getText().equals("joined"), "the joined badge");
    String idB = apiB.get("/api/v1/node").json().get("nodeId").asText();
    assertEquals(idB, browser.findElement(By.id("node-id")).getText());
    assertTrue(browser.findElement(By.id("spr")).getText().startsWith("spr:"));
    await(() -> rowShown(idA) && rowShown(bootId), "both peers in the table view");

    await(
        () ->
            Integer.parseInt(
                    browser.findElement(By.id("chart-packets")).getDomAttribute("data-points"))
                >= 4,
        "four packet-rate samples");
    assertTrue(linePixels("chart-packets") > 20, "the packet chart has a line");
    assertTrue(linePixels("chart-sessions") > 20, "the sessions chart has a line");

    // The peer whose service id is markup: shown as that text, nothing injected or run.
    // One script call: the table is re-rendered every second, so elements go stale.
    String rowA =
        (String)
            js(
                "return document.querySelector(\"#buckets tr[data-node-id='"
                    + idA
                    + "']\").innerText;");
    assertTrue(rowA.contains(MARKUP), rowA);
    assertEquals(0L, js("return document.querySelectorAll('#buckets script, #buckets b').length;"));
    assertEquals(
        false,
        js("return document.body.classList.contains('pwned');"),
        "no script of the peer ran");

    js("document.getElementById('lookup-kind').value = 'node';");
    browser.findElement(By.id("lookup-target")).sendKeys(idA);
    browser.findElement(By.id("lookup-run")).click();
    await(() -> !browser.findElements(By.cssSelector("#trace-table tbody tr")).isEmpty(), "trace");
    String found = browser.findElement(By.id("lookup-found")).getText();
    assertTrue(found.contains(idA), "the lookup returned the other sidecar: " + found);
    List<WebElement> answered =
        browser.findElements(By.cssSelector("#trace-table tr.outcome-answered"));
    assertFalse(answered.isEmpty(), "the trace lists the peers that answered");
    assertTrue(
        browser.findElement(By.cssSelector("ol.final")).getText().contains(idA)
            || browser.findElement(By.cssSelector("ol.final")).getText().contains(bootId),
        "the final set");
    screenshot("status-page.png");

    browser.manage().window().setSize(new Dimension(390, 844));
    Thread.sleep(1_500); // one refresh at the new width
    long overflow =
        ((Number) js("return document.documentElement.scrollWidth - window.innerWidth;"))
            .longValue();
    assertTrue(overflow <= 0, "no sideways scrolling of the page at phone width: " + overflow);
    screenshot("status-page-phone.png");
    js("document.getElementById('lookup-trace').scrollIntoView();");
    screenshot("status-page-phone-trace.png");
  }

  @Test
  void theBootstrapNodeServesThePageOnItsMetricsListener() throws Exception {
    browser.get("http://127.0.0.1:" + bootMetrics.port() + "/ui");
    await(
        () -> browser.findElement(By.id("node-id")).getText().equals(bootId), "the boot node's id");
    await(() -> rowShown(idA), "sidecar A in the bootstrap node's table");
  }
}
