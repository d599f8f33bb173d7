package io.codex.dht.discv5.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codex.dht.discv5.ServicePeer;
import io.codex.dht.spr.Multiaddr;
import io.codex.dht.spr.ServiceInfo;
import io.codex.dht.spr.SignedPeerRecord;
import java.math.BigInteger;
import java.util.HexFormat;

/** The JSON view of a record shared by the command line and the HTTP API. */
public final class RecordJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RecordJson() {}

  /** {@code {"valid":true,"peerId":..,"nodeId":..,"seq":..,"payloadType":..,...}}. */
  public static ObjectNode toNode(SignedPeerRecord spr) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("valid", true);
    o.put("peerId", spr.peerId().toBase58());
    o.put("nodeId", spr.nodeId().toHex());
    o.put("seq", new BigInteger(Long.toUnsignedString(spr.seq())));
    o.put("payloadType", spr.format().label());
    ArrayNode addresses = o.putArray("addresses");
    for (Multiaddr a : spr.addresses()) {
      addresses.add(a.toString());
    }
    ArrayNode services = o.putArray("services");
    for (ServiceInfo s : spr.services()) {
      ObjectNode so = services.addObject();
      so.put("id", s.id());
      so.put("data", HexFormat.of().formatHex(s.data()));
    }
    o.put("size", spr.size());
    return o;
  }

  /** {@link #toNode} with the record's text as {@code "spr"}. */
  public static ObjectNode toNodeWithText(SignedPeerRecord spr) {
    return toNode(spr).put("spr", spr.toText());
  }

  /** A peer offering a service: {@link #toNodeWithText} and the service's data as hex. */
  public static ObjectNode toNode(ServicePeer peer) {
    return toNodeWithText(peer.record()).put("serviceData", HexFormat.of().formatHex(peer.data()));
  }

  /** The compact JSON text of {@link #toNode}. */
  public static String toJson(SignedPeerRecord spr) {
    return toNode(spr).toString();
  }
}
