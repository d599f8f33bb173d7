package io.codex.dht.discv5.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codex.dht.discv5.Discv5Node;
import io.codex.dht.discv5.LookupResult;
import io.codex.dht.discv5.ServicePeer;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.SignedPeerRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The node's own endpoints ({@code /node}, {@code /spr}, {@code /services}) and node and service
 * discovery ({@code /nodes/{nodeId}}, {@code /peers}).
 */
final class NodeEndpoints {
  /** Peers returned by default. */
  static final int DEFAULT_PEERS = 16;

  /** Peers returned at most. */
  static final int MAX_PEERS = 100;

  private final Backend backend;
  private final Duration timeout;

  NodeEndpoints(Backend backend, Duration timeout) {
    this.backend = backend;
    this.timeout = timeout;
  }

  void register(Router router) {
    registerReadOnly(router);
    router.add("PUT", "/api/v1/services", true, new ServicesBody(backend, timeout)::prepare);
  }

  /** The GET endpoints only. */
  void registerReadOnly(Router router) {
    registerLocal(router);
    router
        .add("GET", "/api/v1/nodes/{nodeId}", true, this::resolve)
        .add("GET", "/api/v1/peers", true, this::peers);
  }

  /** The endpoints that read this node's own state and send nothing to the network. */
  void registerLocal(Router router) {
    router
        .add("GET", "/api/v1/node", false, this::node)
        .add("GET", "/api/v1/spr", false, this::spr);
  }

  private Router.Action node(ApiRequest r) {
    r.allowQuery(Set.of());
    return () -> ApiResponse.json(200, Json.node(backend.status()));
  }

  /** JSON {@code {"spr":...}}, or the bare text line when the client accepts only text. */
  private Router.Action spr(ApiRequest r) {
    r.allowQuery(Set.of());
    boolean text =
        r.header("Accept").map(a -> a.contains("text/plain") && !a.contains("json")).orElse(false);
    return () -> {
      String spr = backend.status().record().toText();
      return text
          ? ApiResponse.text(200, "text/plain; charset=utf-8", spr + "\n")
          : ApiResponse.json(200, Json.MAPPER.createObjectNode().put("spr", spr));
    };
  }

  private Router.Action resolve(ApiRequest r) {
    r.allowQuery(Set.of("trace"));
    NodeId id = Params.nodeId(ApiRequest.decode(r.path("nodeId"), false));
    boolean trace = Params.flag(r, "trace");
    return () -> {
      LookupResult traced =
          trace ? Await.result(backend.lookupTraced(id), timeout, "tracing a lookup") : null;
      Optional<SignedPeerRecord> found =
          traced != null && traced.targetRecord().isPresent()
              ? traced.targetRecord()
              : Await.result(backend.resolve(id), timeout, "resolving node " + id.toShortString());
      String message = "no node answered for node id " + id.toHex();
      if (traced == null) {
        return found
            .map(rec -> ApiResponse.json(200, Json.record(rec)))
            .orElseThrow(() -> new ApiException(404, "not_found", message));
      }
      ObjectNode o =
          found
              .map(Json::record)
              .orElseGet(
                  () ->
                      Json.MAPPER
                          .createObjectNode()
                          .put("error", "not_found")
                          .put("message", message));
      Json.addTrace(o, traced);
      return ApiResponse.json(found.isPresent() ? 200 : 404, o);
    };
  }

  private Router.Action peers(ApiRequest r) {
    r.allowQuery(Set.of("service", "max", "trace"));
    String service = Params.serviceId(Params.required(r, "service"));
    int max = Params.max(r, "max", DEFAULT_PEERS, MAX_PEERS);
    boolean trace = Params.flag(r, "trace");
    return () -> {
      LookupResult traced =
          trace
              ? Await.result(
                  backend.lookupTraced(Discv5Node.serviceKey(service)), timeout, "tracing a lookup")
              : null;
      List<ServicePeer> peers =
          Await.result(backend.findPeers(service, max), timeout, "finding peers of " + service);
      ObjectNode o = Json.MAPPER.createObjectNode().put("service", service);
      o.set("peers", Json.peers(peers));
      Json.addTrace(o, traced);
      return ApiResponse.json(200, o);
    };
  }
}
