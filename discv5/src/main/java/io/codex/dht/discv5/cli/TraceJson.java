package io.codex.dht.discv5.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codex.dht.discv5.LookupTrace;
import java.util.Locale;

/** The JSON view of a lookup's trace, shared by {@code lookup --trace} and the HTTP API. */
public final class TraceJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TraceJson() {}

  /**
   * {@code {"target":..,"queries":..,"timeouts":..,"durationMs":..,"rounds":[{"round":1,
   * "closestAsked":..,"closestSoFar":..,"queries":[{"peer":..,"address":..,"distance":..,
   * "asked":[..],"sentAtMs":..,"tookMs":..,"outcome":"answered","records":..,
   * "closestReturned":..}]}],"closest":[{"nodeId":..,"address":..,"distance":..}]}}.
   */
  public static ObjectNode toNode(LookupTrace t) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("target", t.target().toHex());
    o.put("queries", t.queries());
    o.put("timeouts", t.timeouts());
    o.put("durationMs", t.durationMillis());
    ArrayNode rounds = o.putArray("rounds");
    for (LookupTrace.Round r : t.rounds()) {
      ObjectNode ro = rounds.addObject();
      ro.put("round", r.number());
      ro.put("closestAsked", r.closestAsked());
      ro.put("closestSoFar", r.closestSoFar());
      ArrayNode qs = ro.putArray("queries");
      for (LookupTrace.Query q : r.queries()) {
        ObjectNode qo = qs.addObject();
        qo.put("peer", q.peer().toHex());
        qo.put("address", q.address());
        qo.put("distance", q.distance());
        ArrayNode asked = qo.putArray("asked");
        q.asked().forEach(asked::add);
        qo.put("sentAtMs", q.sentAtMillis());
        qo.put("tookMs", q.tookMillis());
        qo.put("outcome", q.outcome().name().toLowerCase(Locale.ROOT));
        qo.put("records", q.records());
        qo.put("closestReturned", q.closestReturned());
        if (!q.error().isEmpty()) {
          qo.put("error", q.error());
        }
      }
    }
    ArrayNode closest = o.putArray("closest");
    for (LookupTrace.Hit h : t.closest()) {
      closest
          .addObject()
          .put("nodeId", h.nodeId().toHex())
          .put("address", h.address())
          .put("distance", h.distance());
    }
    return o;
  }
}
