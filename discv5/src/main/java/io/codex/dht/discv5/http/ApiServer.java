package io.codex.dht.discv5.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sidecar's HTTP API (JSON under {@code /api/v1}, plus {@code /health} and {@code /metrics});
 * described by {@code openapi.yaml}. Every answer is JSON or text, errors as {@code
 * {"error":..,"message":..}}, never a stack trace.
 *
 * <p>Implementation notes: the JDK's {@code com.sun.net.httpserver} rather than netty's HTTP codec.
 * The API is a local, low-rate control channel for one storage node, not a public server; the JDK
 * server needs no dependency and no pipeline code, and its blocking handlers may simply wait (with
 * a timeout) on the node's futures. A fixed pool of {@link #THREADS} daemon threads runs the
 * handlers, so a few slow lookups cannot starve the node thread, which never waits for HTTP.
 */
public final class ApiServer implements AutoCloseable {
  /** Handler threads. */
  static final int THREADS = 8;

  /** How long a request waits for the node by default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** How long {@link #close} waits for requests in progress. */
  static final long CLOSE_WAIT_MILLIS = 2_000;

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final HttpServer server;
  private final ExecutorService executor;
  private final Router router;
  private final Backend backend;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean closing;

  private ApiServer(HttpServer server, ExecutorService executor, Router router, Backend backend) {
    this.server = server;
    this.executor = executor;
    this.router = router;
    this.backend = backend;
  }

  /** The full sidecar API on {@code address}; {@code timeout} bounds each wait for the node. */
  public static ApiServer sidecar(InetSocketAddress address, Backend backend, Duration timeout)
      throws IOException {
    Router router = new Router();
    new NodeEndpoints(backend, timeout).register(router);
    new ProviderEndpoints(backend, timeout).register(router);
    new RecordEndpoints(backend, timeout).register(router);
    new OpsEndpoints(backend).registerAll(router);
    new StatusEndpoints(backend, timeout).register(router);
    new UiEndpoints().register(router);
    return start(address, backend, router);
  }

  /**
   * A bootstrap node's listener: {@code GET /health}, {@code GET /metrics}, the status page and the
   * endpoints that read the node's own state. Nothing here changes the node or starts a lookup, so
   * a request to this port never makes the node send packets to third parties (operators often open
   * it to a metrics scraper).
   */
  public static ApiServer probes(InetSocketAddress address, Backend backend) throws IOException {
    Router router = new Router();
    Duration timeout = DEFAULT_TIMEOUT;
    new OpsEndpoints(backend).registerAll(router);
    new NodeEndpoints(backend, timeout).registerLocal(router);
    new StatusEndpoints(backend, timeout).register(router);
    new UiEndpoints().register(router);
    return start(address, backend, router);
  }

  private static ApiServer start(InetSocketAddress address, Backend backend, Router router)
      throws IOException {
    HttpServer server = HttpServer.create(address, 64);
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            THREADS,
            r -> {
              Thread t = new Thread(r, "discv5-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    ApiServer api = new ApiServer(server, executor, router, backend);
    server.setExecutor(executor);
    server.createContext("/", api::handle);
    server.start();
    return api;
  }

  /** The address the server listens on (with the real port when 0 was asked for). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The routes served, for tests that compare them with the OpenAPI description. */
  List<Router.Route> routes() {
    return router.routes();
  }

  /**
   * Answers new requests with 503, lets those in progress finish for up to {@link
   * #CLOSE_WAIT_MILLIS}, then stops listening and frees the threads.
   */
  @Override
  public void close() {
    closing = true;
    long deadline = System.nanoTime() + CLOSE_WAIT_MILLIS * 1_000_000L;
    try {
      while (inFlight.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.stop(0);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) {
    inFlight.incrementAndGet();
    try {
      handleCounted(exchange);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void handleCounted(HttpExchange exchange) {
    long start = System.nanoTime();
    String method = exchange.getRequestMethod();
    ApiResponse response;
    Map<String, String> extraHeaders = new HashMap<>();
    try {
      if (closing) {
        throw new ApiException(503, "shutting_down", "the node is shutting down");
      }
      response = answer(exchange, method, extraHeaders);
    } catch (ApiException e) {
      response = ApiResponse.error(e);
    } catch (RuntimeException e) {
      LOG.warn("{} {} failed", method, exchange.getRequestURI().getRawPath(), e);
      response =
          ApiResponse.error(
              new ApiException(500, "internal", "the request failed; the node's log has details"));
    }
    send(exchange, response, extraHeaders);
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "{} {} -> {} in {} ms",
          method,
          Params.shorten(exchange.getRequestURI().getRawPath()),
          response.status(),
          (System.nanoTime() - start) / 1_000_000);
    }
  }

  private ApiResponse answer(HttpExchange exchange, String method, Map<String, String> headers) {
    List<String> segments = ApiRequest.segments(exchange.getRequestURI().getRawPath());
    Router.Match match = router.match(method, segments);
    if (match instanceof Router.NotFound) {
      throw new ApiException(
          404, "no_route", "no endpoint at this path; GET /api/v1/openapi.yaml lists them");
    }
    if (match instanceof Router.WrongMethod wrong) {
      headers.put("Allow", String.join(", ", wrong.allowed()));
      throw new ApiException(
          405, "method_not_allowed", "this path takes " + String.join(", ", wrong.allowed()));
    }
    Router.Found found = (Router.Found) match;
    ApiRequest request =
        new ApiRequest(
            found.params(),
            ApiRequest.parseQuery(exchange.getRequestURI().getRawQuery()),
            exchange.getRequestHeaders(),
            exchange.getRequestBody());
    Router.Action action = found.route().handler().prepare(request);
    if (found.route().needsJoin() && !backend.joined()) {
      throw new ApiException(
          503, "not_joined", "the node has not joined the network yet; GET /health tells when");
    }
    return action.run();
  }

  private static void send(HttpExchange exchange, ApiResponse r, Map<String, String> headers) {
    try {
      exchange.getResponseHeaders().set("Content-Type", r.contentType());
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      r.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
      if (r.body().length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(r.body());
        }
      }
    } catch (IOException e) {
      LOG.debug("could not send the answer: {}", e.toString());
    } finally {
      exchange.close();
    }
  }
}
