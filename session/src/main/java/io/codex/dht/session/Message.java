package io.codex.dht.session;

import io.codex.dht.spr.NodeId;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import org.apache.tuweni.bytes.Bytes;

/**
 * A discovery message, one record per kind; every message carries the request id that pairs a
 * response with its request (at most 8 bytes).
 *
 * <p>Records inside {@link Nodes}, {@link Providers} and {@link AddProvider} stay raw encoded
 * bytes: the node verifies each one itself, so it can count rejections by reason.
 */
public sealed interface Message {
  /** The largest request id, in bytes. */
  int MAX_REQUEST_ID_SIZE = 8;

  /** Message type {@code 0x01}. */
  int TYPE_PING = 0x01;

  /** Message type {@code 0x02}. */
  int TYPE_PONG = 0x02;

  /** Message type {@code 0x03}. */
  int TYPE_FINDNODE = 0x03;

  /** Message type {@code 0x04}. */
  int TYPE_NODES = 0x04;

  /** Message type {@code 0x05}. */
  int TYPE_TALKREQ = 0x05;

  /** Message type {@code 0x06}. */
  int TYPE_TALKRESP = 0x06;

  /** Message type {@code 0x07} (topic advertisement, not implemented by Codex: ignored). */
  int TYPE_REGTOPIC = 0x07;

  /** Message type {@code 0x08} (not implemented by Codex: ignored). */
  int TYPE_TICKET = 0x08;

  /** Message type {@code 0x09} (not implemented by Codex: ignored). */
  int TYPE_REGCONFIRMATION = 0x09;

  /** Message type {@code 0x0A} (topic query, not implemented by Codex: ignored). */
  int TYPE_TOPICQUERY = 0x0A;

  /** Message type {@code 0x0B} (Codex). */
  int TYPE_ADD_PROVIDER = 0x0B;

  /** Message type {@code 0x0C} (Codex). */
  int TYPE_GET_PROVIDERS = 0x0C;

  /** Message type {@code 0x0D} (Codex). */
  int TYPE_PROVIDERS = 0x0D;

  /** Message type {@code 0x83} (Codex). */
  int TYPE_FINDNODE_FAST = 0x83;

  /** The request id. */
  Bytes requestId();

  /** The message type byte. */
  int type();

  /**
   * Whether this message asks for something (PING, FINDNODE, FINDNODE_FAST, TALKREQ, GET_PROVIDERS,
   * and the fire-and-forget ADD_PROVIDER); requests may start a handshake, responses never do.
   */
  boolean isRequest();

  /** PING: the sender's record sequence number. */
  record Ping(Bytes requestId, long enrSeq) implements Message {
    /** Checks the request id. */
    public Ping {
      checkRequestId(requestId);
    }

    @Override
    public int type() {
      return TYPE_PING;
    }

    @Override
    public boolean isRequest() {
      return true;
    }
  }

  /** PONG: the responder's record sequence number and the address it saw the PING come from. */
  record Pong(Bytes requestId, long enrSeq, InetSocketAddress observed) implements Message {
    /** Checks the request id and that the address is resolved. */
    public Pong {
      checkRequestId(requestId);
      if (observed.getAddress() == null) {
        throw new IllegalArgumentException("a PONG carries a resolved address");
      }
    }

    @Override
    public int type() {
      return TYPE_PONG;
    }

    @Override
    public boolean isRequest() {
      return false;
    }
  }

  /** FINDNODE: the log distances (0 to 256; larger values are legal on the wire) asked for. */
  record FindNode(Bytes requestId, List<Integer> distances) implements Message {
    /** Checks the request id and that there is at least one distance, each a 16-bit value. */
    public FindNode {
      checkRequestId(requestId);
      distances = List.copyOf(distances);
      if (distances.isEmpty()) {
        throw new IllegalArgumentException("FINDNODE asks for at least one distance");
      }
      for (int d : distances) {
        if (d < 0 || d > 0xFFFF) {
          throw new IllegalArgumentException("a distance is a 16-bit value: " + d);
        }
      }
    }

    @Override
    public int type() {
      return TYPE_FINDNODE;
    }

    @Override
    public boolean isRequest() {
      return true;
    }
  }

  /** NODES: one of {@code total} messages answering a FINDNODE, with encoded records. */
  record Nodes(Bytes requestId, int total, List<Bytes> records) implements Message {
    /** Checks the request id and the total. */
    public Nodes {
      checkRequestId(requestId);
      checkTotal(total);
      records = List.copyOf(records);
    }

    @Override
    public int type() {
      return TYPE_NODES;
    }

    @Override
    public boolean isRequest() {
      return false;
    }
  }

  /** TALKREQ: an application request for {@code protocol}. */
  record TalkReq(Bytes requestId, Bytes protocol, Bytes request) implements Message {
    /** Checks the request id and the fields. */
    public TalkReq {
      checkRequestId(requestId);
      Objects.requireNonNull(protocol, "protocol");
      Objects.requireNonNull(request, "request");
    }

    @Override
    public int type() {
      return TYPE_TALKREQ;
    }

    @Override
    public boolean isRequest() {
      return true;
    }
  }

  /** TALKRESP: the answer to a TALKREQ (empty when no handler knows the protocol). */
  record TalkResp(Bytes requestId, Bytes response) implements Message {
    /** Checks the request id and the field. */
    public TalkResp {
      checkRequestId(requestId);
      Objects.requireNonNull(response, "response");
    }

    @Override
    public int type() {
      return TYPE_TALKRESP;
    }

    @Override
    public boolean isRequest() {
      return false;
    }
  }

  /** ADD_PROVIDER: store {@code record} as a provider of {@code key}; no response is sent. */
  record AddProvider(Bytes requestId, NodeId key, Bytes record) implements Message {
    /** Checks the request id and the fields. */
    public AddProvider {
      checkRequestId(requestId);
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(record, "record");
    }

    @Override
    public int type() {
      return TYPE_ADD_PROVIDER;
    }

    @Override
    public boolean isRequest() {
      return true;
    }
  }

  /** GET_PROVIDERS: ask for the providers of {@code key}. */
  record GetProviders(Bytes requestId, NodeId key) implements Message {
    /** Checks the request id and the key. */
    public GetProviders {
      checkRequestId(requestId);
      Objects.requireNonNull(key, "key");
    }

    @Override
    public int type() {
      return TYPE_GET_PROVIDERS;
    }

    @Override
    public boolean isRequest() {
      return true;
    }
  }

  /** PROVIDERS: one of {@code total} messages answering a GET_PROVIDERS, with encoded records. */
  record Providers(Bytes requestId, int total, List<Bytes> records) implements Message {
    /** Checks the request id and the total. */
    public Providers {
      checkRequestId(requestId);
      checkTotal(total);
      records = List.copyOf(records);
    }

    @Override
    public int type() {
      return TYPE_PROVIDERS;
    }

    @Override
    public boolean isRequest() {
      return false;
    }
  }

  /** FINDNODE_FAST: ask for the nodes closest to {@code target} (answered with NODES). */
  record FindNodeFast(Bytes requestId, NodeId target) implements Message {
    /** Checks the request id and the target. */
    public FindNodeFast {
      checkRequestId(requestId);
      Objects.requireNonNull(target, "target");
    }

    @Override
    public int type() {
      return TYPE_FINDNODE_FAST;
    }

    @Override
    public boolean isRequest() {
      return true;
    }
  }

  /**
   * A topic message (REGTOPIC, TICKET, REGCONFIRMATION, TOPICQUERY), which Codex does not
   * implement: its body is not decoded and the node only counts it.
   */
  record Ignored(Bytes requestId, int type) implements Message {
    /** Checks the request id and that the type is a topic message type. */
    public Ignored {
      checkRequestId(requestId);
      if (type < TYPE_REGTOPIC || type > TYPE_TOPICQUERY) {
        throw new IllegalArgumentException("not a topic message type: " + type);
      }
    }

    /** REGTOPIC and TOPICQUERY ask; TICKET and REGCONFIRMATION answer. */
    @Override
    public boolean isRequest() {
      return type == TYPE_REGTOPIC || type == TYPE_TOPICQUERY;
    }
  }

  private static void checkRequestId(Bytes requestId) {
    if (requestId.size() > MAX_REQUEST_ID_SIZE) {
      throw new IllegalArgumentException(
          "a request id has at most 8 bytes, not " + requestId.size());
    }
  }

  private static void checkTotal(int total) {
    if (total < 0) {
      throw new IllegalArgumentException("total is not negative: " + total);
    }
  }
}
