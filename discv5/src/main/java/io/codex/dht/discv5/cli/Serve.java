package io.codex.dht.discv5.cli;

import io.codex.dht.discv5.http.ApiServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The common life of the long-running commands: start the node and its HTTP listener, print the
 * node's {@code spr:} line as the first line on stdout, run until SIGTERM, stop in order.
 */
final class Serve {
  private static final Logger LOG = LoggerFactory.getLogger(Serve.class);

  /** Starts an HTTP listener for a started node. */
  @FunctionalInterface
  interface Listener {
    ApiServer start(NodeHost host) throws IOException;
  }

  private Serve() {}

  /** Runs the node until a stop is requested; {@code listener} may be null (no HTTP). */
  static int run(
      NodeHost.Settings settings,
      MetricsSetup metrics,
      Listener listener,
      InetSocketAddress listenerAddress,
      PrintWriter out)
      throws InterruptedException {
    ShutdownSignal signal = ShutdownSignal.install();
    try (NodeHost host = NodeHost.start(settings, metrics.registry());
        ApiServer api = listener == null ? null : startListener(listener, host, listenerAddress)) {
      if (api != null) {
        LOG.info("HTTP listening on http://{}", hostPort(api.address()));
      }
      out.println(host.node().plainRecord().toText()); // readable by Codex nodes too
      out.flush();
      signal.await();
      LOG.info("stop requested");
    } finally {
      signal.finished();
    }
    return 0;
  }

  private static ApiServer startListener(
      Listener listener, NodeHost host, InetSocketAddress address) {
    try {
      return listener.start(host);
    } catch (IOException e) {
      throw new StartException(
          "cannot listen for HTTP on " + hostPort(address) + ": " + e.getMessage(), e);
    }
  }

  static String hostPort(InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }
}
