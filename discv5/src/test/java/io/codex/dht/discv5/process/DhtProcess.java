package io.codex.dht.discv5.process;

import io.codex.dht.discv5.cli.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@code discv5} command run as a user runs it: a child JVM on this test's class path with the
 * CLI's main class, stdout read line by line (its first line is the node's {@code spr:} text),
 * stderr written to a file for the failure message.
 */
final class DhtProcess implements AutoCloseable {
  /** How long a child may take to print its first line on a loaded machine. */
  static final long START_TIMEOUT_SECONDS = 90;

  private final String name;
  private final Process process;
  private final Path stderr;
  private final List<String> lines = new ArrayList<>();
  private final CompletableFuture<String> firstLine = new CompletableFuture<>();
  private final CompletableFuture<Void> stdoutClosed = new CompletableFuture<>();

  private DhtProcess(String name, Process process, Path stderr) {
    this.name = name;
    this.process = process;
    this.stderr = stderr;
    Thread reader = new Thread(this::readStdout, "stdout-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code discv5 args...}; stderr goes to {@code logDir/name.err}. */
  static DhtProcess start(Path logDir, String name, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("DISCV5_"));
    pb.environment().putAll(env);
    Path err = logDir.resolve(name + ".err");
    pb.redirectError(err.toFile());
    try {
      Files.createDirectories(logDir);
      return new DhtProcess(name, pb.start(), err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static DhtProcess start(Path logDir, String name, String... args) {
    return start(logDir, name, Map.of(), args);
  }

  private void readStdout() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (lines) {
          lines.add(line);
        }
        firstLine.complete(line);
      }
      firstLine.completeExceptionally(new IOException(name + " closed stdout"));
    } catch (IOException e) {
      firstLine.completeExceptionally(e);
    } finally {
      stdoutClosed.complete(null);
    }
  }

  /** The first stdout line (the node's {@code spr:} text), waiting for it. */
  String firstLine() {
    try {
      return firstLine.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(name + " printed no first line: " + e + "\n" + stderr(), e);
    }
  }

  /** Everything printed on stdout so far. */
  String stdout() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  /** What the process wrote on stderr so far. */
  String stderr() {
    try {
      return Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(stderr unreadable: " + e + ")";
    }
  }

  /** Waits for the process to exit and its stdout to be read; its exit code. */
  int waitForExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError(name + " did not exit within " + seconds + " s\n" + stderr());
    }
    try {
      stdoutClosed.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError(name + ": stdout was not closed after exit", e);
    }
    return process.exitValue();
  }

  /** SIGTERM, then the exit code. */
  int terminate() throws InterruptedException {
    process.destroy();
    return waitForExit(60);
  }

  /** SIGKILL: no shutdown hook, no final commit. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    waitForExit(60);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A TCP port on 127.0.0.1 that was free a moment ago. */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
