package io.codex.dht.discv5.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium through chromium-driver, for the status page's browser tests: flags fit
 * for root on a machine without outside network, a fresh profile per browser.
 */
public final class Chromium {
  /** The browser; {@code CHROMIUM_BIN} overrides. */
  public static final Path BROWSER =
      Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));

  /** The driver; {@code CHROMEDRIVER_BIN} overrides. */
  public static final Path DRIVER =
      Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));

  private Chromium() {}

  /** Whether both are installed. */
  public static boolean available() {
    return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
  }

  /** Starts a browser with a fresh profile under {@code dir}. */
  public static ChromeDriver start(Path dir) throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,1600",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    ChromeDriver browser = new ChromeDriver(service, options);
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return browser;
  }

  /** Saves a screenshot as {@code target/name}. */
  public static void screenshot(ChromeDriver browser, String name) throws IOException {
    Path target = Path.of("target");
    Files.createDirectories(target);
    Files.write(target.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
  }
}
