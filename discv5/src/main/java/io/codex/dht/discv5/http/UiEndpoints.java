package io.codex.dht.discv5.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;

/**
 * The status page: {@code GET /ui} and its script and style, shipped in the jar; {@code GET /}
 * redirects there. The page only reads the JSON API of the same origin; its Content-Security-Policy
 * allows nothing else (no inline script, no other origin), so a peer's text that slipped past the
 * page's escaping still could not run.
 */
final class UiEndpoints {
  /** The classpath folder of the page's files. */
  static final String RESOURCES = "/ui/";

  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private static final Map<String, String> FILES =
      Map.of(
          "index.html", "text/html; charset=utf-8",
          "app.js", "text/javascript; charset=utf-8",
          "app.css", "text/css; charset=utf-8");

  void register(Router router) {
    router.add(
        "GET",
        "/",
        false,
        r -> {
          r.allowQuery(Set.of());
          return () ->
              new ApiResponse(
                  302, "text/plain; charset=utf-8", new byte[0], Map.of("Location", "/ui"));
        });
    router.add("GET", "/ui", false, r -> file(r, "index.html"));
    router.add("GET", "/ui/app.js", false, r -> file(r, "app.js"));
    router.add("GET", "/ui/app.css", false, r -> file(r, "app.css"));
  }

  private static Router.Action file(ApiRequest r, String name) {
    r.allowQuery(Set.of());
    byte[] body = read(name);
    return () ->
        new ApiResponse(
            200,
            FILES.get(name),
            body,
            Map.of("Content-Security-Policy", CSP, "Referrer-Policy", "no-referrer"));
  }

  /** A file of the page, from the jar. */
  static byte[] read(String name) {
    try (InputStream in = UiEndpoints.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + RESOURCES + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
