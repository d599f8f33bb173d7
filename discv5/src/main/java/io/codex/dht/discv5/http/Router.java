package io.codex.dht.discv5.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The API's routes: a method and a path template such as {@code /api/v1/providers/{cid}}, whether
 * the route needs a joined node, and its handler.
 */
final class Router {
  /** Checks a request's input and returns the work that answers it. */
  @FunctionalInterface
  interface Handler {
    /** Validates {@code request}; throws {@link ApiException} (400) for bad input. */
    Action prepare(ApiRequest request);
  }

  /** The work of a validated request, done only when the node may serve it. */
  @FunctionalInterface
  interface Action {
    ApiResponse run();
  }

  /**
   * One route.
   *
   * @param method the HTTP method
   * @param template the path template, {@code {name}} marking a parameter segment
   * @param needsJoin whether the route answers 503 until the node has joined
   * @param handler the handler
   */
  record Route(String method, String template, boolean needsJoin, Handler handler) {
    List<String> parts() {
      return ApiRequest.segments(template);
    }
  }

  /** What a request matched. */
  sealed interface Match {}

  /** A route and the path parameters it captured (still percent-encoded). */
  record Found(Route route, Map<String, String> params) implements Match {}

  /** No route has this path. */
  record NotFound() implements Match {}

  /** Routes have this path, but not for this method. */
  record WrongMethod(Set<String> allowed) implements Match {}

  private final List<Route> routes = new ArrayList<>();

  /** Adds a route. */
  Router add(String method, String template, boolean needsJoin, Handler handler) {
    routes.add(new Route(method, template, needsJoin, handler));
    return this;
  }

  /** The routes, in the order added. */
  List<Route> routes() {
    return List.copyOf(routes);
  }

  /** Matches {@code method} and the raw path {@code segments}. */
  Match match(String method, List<String> segments) {
    Set<String> allowed = new TreeSet<>();
    for (Route r : routes) {
      Map<String, String> params = capture(r.parts(), segments);
      if (params == null) {
        continue;
      }
      if (r.method().equals(method)) {
        return new Found(r, params);
      }
      allowed.add(r.method());
    }
    return allowed.isEmpty() ? new NotFound() : new WrongMethod(allowed);
  }

  private static Map<String, String> capture(List<String> template, List<String> segments) {
    if (template.size() != segments.size()) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < template.size(); i++) {
      String t = template.get(i);
      String s = segments.get(i);
      if (t.startsWith("{") && t.endsWith("}")) {
        if (s.isEmpty()) {
          return null;
        }
        params.put(t.substring(1, t.length() - 1), s);
      } else if (!t.equals(s)) {
        return null;
      }
    }
    return params;
  }
}
