package io.codex.dht.discv5.http;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codex.dht.discv5.LookupResult;
import io.codex.dht.discv5.ServicePeer;
import io.codex.dht.discv5.cli.RecordJson;
import io.codex.dht.discv5.cli.TraceJson;
import io.codex.dht.spr.CurveBackend;
import io.codex.dht.spr.ServiceInfo;
import io.codex.dht.spr.SignedPeerRecord;
import java.util.HexFormat;
import java.util.List;

/** The JSON views of the API: records with their text, peers with service data, the node. */
final class Json {
  /** The one mapper; reading limits keep hostile bodies cheap. */
  static final ObjectMapper MAPPER = mapper();

  private Json() {}

  private static ObjectMapper mapper() {
    ObjectMapper m = new ObjectMapper();
    m.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(16)
                .maxStringLength(ApiRequest.MAX_BODY_BYTES)
                .build());
    return m;
  }

  /** A record as {@link RecordJson#toNode} shows it, with its {@code spr} text. */
  static ObjectNode record(SignedPeerRecord r) {
    return RecordJson.toNodeWithText(r);
  }

  /** Records as an array. */
  static ArrayNode records(List<SignedPeerRecord> records) {
    ArrayNode a = MAPPER.createArrayNode();
    records.forEach(r -> a.add(record(r)));
    return a;
  }

  /** Service peers: each record with the service's data in hex. */
  static ArrayNode peers(List<ServicePeer> peers) {
    ArrayNode a = MAPPER.createArrayNode();
    for (ServicePeer p : peers) {
      a.add(RecordJson.toNode(p));
    }
    return a;
  }

  /** Services as {@code [{"id":..,"data":hex}]}. */
  static ArrayNode services(List<ServiceInfo> services) {
    ArrayNode a = MAPPER.createArrayNode();
    for (ServiceInfo s : services) {
      a.addObject().put("id", s.id()).put("data", HexFormat.of().formatHex(s.data()));
    }
    return a;
  }

  /**
   * Adds {@code "trace"} (see {@link TraceJson}) to {@code o}; nothing when {@code traced} is null.
   */
  static void addTrace(ObjectNode o, LookupResult traced) {
    if (traced == null) {
      return;
    }
    traced.trace().ifPresent(t -> o.set("trace", TraceJson.toNode(t)));
  }

  /** {@code GET /api/v1/node}. */
  static ObjectNode node(Backend.NodeStatus s) {
    SignedPeerRecord r = s.record();
    ObjectNode o = MAPPER.createObjectNode();
    o.put("nodeId", r.nodeId().toHex());
    o.put("peerId", r.peerId().toBase58());
    o.put("spr", r.toText());
    o.put("seq", new java.math.BigInteger(Long.toUnsignedString(r.seq())));
    o.put("recordFormat", r.format().label());
    o.put("crypto", CurveBackend.active());
    ArrayNode addresses = o.putArray("addresses");
    r.addresses().forEach(a -> addresses.add(a.toString()));
    o.set("services", services(r.services()));
    o.put("joined", s.joined());
    o.put("clientMode", s.clientMode());
    o.put("tableEntries", s.tableEntries());
    o.put("sessions", s.sessions());
    ObjectNode storage = o.putObject("storage");
    storage.put("providerRecords", s.providerRecords());
    storage.put("announced", s.announced());
    storage.put("seeds", s.seeds());
    return o;
  }
}
