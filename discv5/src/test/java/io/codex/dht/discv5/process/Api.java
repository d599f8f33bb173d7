package io.codex.dht.discv5.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A client of one sidecar's HTTP API. */
final class Api {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final int port;

  Api(int port) {
    this.base = "http://127.0.0.1:" + port;
    this.port = port;
  }

  /** The port on 127.0.0.1. */
  int port() {
    return port;
  }

  /** Parses JSON text (a command's stdout). */
  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  /** An answer: status, content type and body. */
  record Reply(int status, String contentType, String body) {
    JsonNode json() {
      return Api.json(body);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  Reply get(String path) throws IOException, InterruptedException {
    return send("GET", path, null);
  }

  Reply post(String path) throws IOException, InterruptedException {
    return send("POST", path, "");
  }

  Reply delete(String path) throws IOException, InterruptedException {
    return send("DELETE", path, null);
  }

  Reply put(String path, String body) throws IOException, InterruptedException {
    return send("PUT", path, body);
  }

  /** Sends {@code method path} with {@code body} (null for none). */
  Reply send(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(REQUEST_TIMEOUT)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
  }

  /** Polls {@code GET /health} until 200; fails with {@code process}'s log after the timeout. */
  void awaitHealthy(DhtProcess process, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(process + " exited\n" + process.stderr());
      }
      try {
        Reply r = get("/health");
        if (r.status() == 200) {
          return;
        }
        last = r.toString();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(200);
    }
    throw new AssertionError(process + " not healthy: " + last + "\n" + process.stderr());
  }
}
