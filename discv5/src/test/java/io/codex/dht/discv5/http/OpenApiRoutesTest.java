package io.codex.dht.discv5.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI file and the server agree: the same operations (method and path), and an operation
 * says "Needs a joined node" exactly when the server answers it 503 before joining.
 */
class OpenApiRoutesTest {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

  /** "METHOD /path" to the text of its operation, read from the file's fixed indentation. */
  static Map<String, String> operations(String yaml) {
    Map<String, String> out = new TreeMap<>();
    boolean inPaths = false;
    String path = null;
    String op = null;
    StringBuilder text = new StringBuilder();
    for (String line : (yaml + "\nend:\n").split("\n")) {
      boolean top = !line.isEmpty() && !line.startsWith(" ");
      boolean pathLine = line.startsWith("  /") && line.endsWith(":");
      String trimmed = line.strip();
      boolean opLine =
          line.startsWith("    ")
              && !line.startsWith("     ")
              && trimmed.endsWith(":")
              && METHODS.contains(trimmed.substring(0, trimmed.length() - 1));
      if ((top || pathLine || opLine) && op != null) {
        out.put(op, text.toString());
        op = null;
      }
      if (top) {
        inPaths = line.equals("paths:");
      } else if (inPaths && pathLine) {
        path = trimmed.substring(0, trimmed.length() - 1);
      } else if (inPaths && opLine) {
        op = trimmed.substring(0, trimmed.length() - 1).toUpperCase(Locale.ROOT) + " " + path;
        text.setLength(0);
      } else if (op != null) {
        text.append(trimmed).append(' ');
      }
    }
    return out;
  }

  @Test
  void everyRouteIsDescribedAndEveryDescribedOperationIsServed() throws Exception {
    Map<String, String> described = operations(OpsEndpoints.openApi());
    try (ApiServer server =
        ApiServer.sidecar(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new FakeBackend(1),
            Duration.ofSeconds(1))) {
      Set<String> served =
          server.routes().stream()
              .map(r -> r.method() + " " + r.template())
              .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(served, described.keySet());
      for (Router.Route r : server.routes()) {
        String text = described.get(r.method() + " " + r.template());
        assertEquals(
            r.needsJoin(),
            text.contains("Needs a joined node"),
            r.method() + " " + r.template() + ": " + text);
      }
    }
  }
}
