package io.codex.dht.discv5.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codex.dht.discv5.NodeSnapshot;
import io.codex.dht.spr.ServiceInfo;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The read-only views the status page draws: {@code /api/v1/table} (the routing table by bucket)
 * and {@code /api/v1/status} (uptime, address sources, traffic, drops, providers).
 */
final class StatusEndpoints {
  private final Backend backend;
  private final Duration timeout;

  StatusEndpoints(Backend backend, Duration timeout) {
    this.backend = backend;
    this.timeout = timeout;
  }

  void register(Router router) {
    router
        .add("GET", "/api/v1/table", false, this::table)
        .add("GET", "/api/v1/status", false, this::status);
  }

  private Router.Action table(ApiRequest r) {
    r.allowQuery(Set.of());
    return () -> {
      NodeSnapshot s = Await.result(backend.snapshot(), timeout, "reading the table");
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.put("nodeId", s.localId().toHex());
      o.put("entries", s.entries());
      o.put("replacements", s.replacements());
      ArrayNode buckets = o.putArray("buckets");
      for (NodeSnapshot.Bucket b : s.buckets()) {
        ObjectNode bo = buckets.addObject();
        bo.put("distance", b.distance());
        bo.put("replacements", b.replacements());
        ArrayNode entries = bo.putArray("entries");
        for (NodeSnapshot.Entry e : b.entries()) {
          ObjectNode eo = entries.addObject();
          eo.put("nodeId", e.record().nodeId().toHex());
          eo.put("peerId", e.record().peerId().toBase58());
          eo.put("address", e.address());
          eo.put("seen", Math.round(e.seen() * 1000) / 1000.0);
          eo.put("lastSeenAgoMs", e.lastSeenAgoMillis());
          eo.put("bootstrap", e.bootstrap());
          eo.put("inbound", e.inbound());
          ArrayNode services = eo.putArray("services");
          for (ServiceInfo si : e.record().services()) {
            services.add(si.id());
          }
        }
      }
      return ApiResponse.json(200, o);
    };
  }

  private Router.Action status(ApiRequest r) {
    r.allowQuery(Set.of());
    return () -> {
      NodeSnapshot s = Await.result(backend.snapshot(), timeout, "reading the node's state");
      List<Backend.Announced> announced =
          Await.result(backend.announcedCids(), timeout, "reading the announced CIDs");
      ObjectNode o = Json.MAPPER.createObjectNode();
      o.put("joined", backend.joined());
      o.put("uptimeSeconds", backend.uptimeSeconds());
      ArrayNode addresses = o.putArray("addresses");
      s.addresses().forEach((a, src) -> addresses.addObject().put("address", a).put("source", src));
      ObjectNode traffic = o.putObject("traffic");
      traffic.put("packetsIn", s.packetsIn());
      traffic.put("packetsOut", s.packetsOut());
      traffic.put("bytesIn", s.bytesIn());
      traffic.put("bytesOut", s.bytesOut());
      traffic.put("sessions", s.sessions());
      traffic.put("tableEntries", s.entries());
      ObjectNode drops = o.putObject("drops");
      s.drops().forEach(drops::put);
      ObjectNode providers = o.putObject("providers");
      providers.put("storedRecords", s.providerRecords());
      providers.put("storedBytes", s.providerBytes());
      ArrayNode cids = providers.putArray("announced");
      for (Backend.Announced a : announced) {
        ObjectNode ao = cids.addObject();
        ao.put("cid", a.cid());
        ao.put("state", a.done() ? "announced" : "pending");
        if (a.done()) {
          ao.put("sentTo", a.sentTo());
          ao.put("storedLocally", a.storedLocally());
          ao.put("agoSeconds", a.agoSeconds());
        }
      }
      return ApiResponse.json(200, o);
    };
  }
}
