package io.codex.dht.session;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import com.google.protobuf.UnsafeByteOperations;
import io.codex.dht.session.Message.AddProvider;
import io.codex.dht.session.Message.FindNode;
import io.codex.dht.session.Message.FindNodeFast;
import io.codex.dht.session.Message.GetProviders;
import io.codex.dht.session.Message.Ignored;
import io.codex.dht.session.Message.Nodes;
import io.codex.dht.session.Message.Ping;
import io.codex.dht.session.Message.Pong;
import io.codex.dht.session.Message.Providers;
import io.codex.dht.session.Message.TalkReq;
import io.codex.dht.session.Message.TalkResp;
import io.codex.dht.session.proto.MessageProtos;
import io.codex.dht.session.proto.MessageProtos.IpAddress;
import io.codex.dht.session.proto.MessageProtos.NodeIdBody;
import io.codex.dht.session.proto.MessageProtos.Records;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.SignedPeerRecord;
import io.codex.dht.spr.proto.Protobufs;
import io.codex.dht.spr.proto.Protobufs.RepeatedLimit;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;

/**
 * The Codex message encoding ({@code codex_messages.proto}): {@code type (1 byte) || Message{1:
 * request id (bytes, <= 8), 2: body (bytes), 3: clientMode (varint, optional), 16: features
 * (varint, optional, see {@link Features})}}, with each body a protobuf as nim-codex-dht writes it
 * (nim-libp2p minprotobuf: every field written, in order, no defaults omitted), which the generated
 * classes reproduce with proto2 field presence.
 *
 * <p>Bodies: {@code PING{1: seq}}, {@code PONG{1: seq, 2: ip{1: family (1 byte, 0x00 IPv6, 0x01
 * IPv4), 2: address (4 or 16 bytes)}, 3: port (2 bytes BE)}}, {@code FINDNODE{1: distance
 * (repeated, 2 bytes BE each)}}, {@code NODES/PROVIDERS{1: total, 2: record (repeated)}}, {@code
 * TALKREQ{1: protocol, 2: request}}, {@code TALKRESP{2: response}}, {@code ADD_PROVIDER{1: key (32
 * bytes), 2: record}}, {@code GET_PROVIDERS{1: key}}, {@code FINDNODE_FAST{1: target (32 bytes)}}.
 */
final class CodexMessageCodec {
  /** Most distances in one FINDNODE (Codex sends 3). */
  static final int MAX_DISTANCES = 16;

  /** Most records in one NODES or PROVIDERS message (Codex sends up to 200 providers). */
  static final int MAX_RECORDS = 200;

  /** The largest record carried in a message. */
  static final int MAX_RECORD_SIZE = SignedPeerRecord.MAX_SIZE;

  /**
   * The smallest record carried in a message: well below the smallest valid signed peer record (98
   * bytes: a 37-byte key, the payload type, a 39-byte peer id, a seq and a signature, with their
   * tags), so no valid record is refused.
   */
  static final int MIN_RECORD_SIZE = 64;

  private static final int FAMILY_IP6 = 0x00;
  private static final int FAMILY_IP4 = 0x01;

  private static final Parser<MessageProtos.Message> ENVELOPE =
      Protobufs.parser(MessageProtos.Message.parser());
  private static final Parser<MessageProtos.Ping> PING =
      Protobufs.parser(MessageProtos.Ping.parser());
  private static final Parser<MessageProtos.Pong> PONG =
      Protobufs.parser(MessageProtos.Pong.parser());
  private static final Parser<MessageProtos.FindNode> FIND_NODE =
      Protobufs.parser(MessageProtos.FindNode.parser());
  private static final Parser<Records> RECORDS = Protobufs.parser(Records.parser());
  private static final Parser<MessageProtos.TalkReq> TALK_REQ =
      Protobufs.parser(MessageProtos.TalkReq.parser());
  private static final Parser<MessageProtos.TalkResp> TALK_RESP =
      Protobufs.parser(MessageProtos.TalkResp.parser());
  private static final Parser<MessageProtos.AddProvider> ADD_PROVIDER =
      Protobufs.parser(MessageProtos.AddProvider.parser());
  private static final Parser<NodeIdBody> NODE_ID = Protobufs.parser(NodeIdBody.parser());

  /** FINDNODE distances: at most 16, each 2 bytes (checked before the body is parsed). */
  private static final RepeatedLimit DISTANCE_LIMIT =
      new RepeatedLimit(
          1,
          MAX_DISTANCES,
          2,
          2,
          Reason.TOO_LARGE,
          Reason.BAD_MESSAGE_FIELD,
          Reason.BAD_MESSAGE_FIELD,
          "distances");

  /** NODES and PROVIDERS records: at most 200, each 64 to 1024 bytes (checked before parsing). */
  private static final RepeatedLimit RECORD_LIMIT =
      new RepeatedLimit(
          2,
          MAX_RECORDS,
          MIN_RECORD_SIZE,
          MAX_RECORD_SIZE,
          Reason.TOO_LARGE,
          Reason.BAD_MESSAGE_FIELD,
          Reason.TOO_LARGE,
          "records");

  private CodexMessageCodec() {}

  /**
   * Loads and initialises protobuf-java and every message class by encoding and decoding one
   * message of each kind. The first use costs about a second on a loaded machine, which must not
   * fall inside a node's first handshake (500 ms timeout); {@link CodexProfile} calls this once.
   */
  static void warmUp() {
    NodeId id = NodeId.fromBytes(new byte[NodeId.BYTES]);
    Bytes record = Bytes.wrap(new byte[MIN_RECORD_SIZE]);
    List<Message> kinds =
        List.of(
            new Ping(Bytes.EMPTY, 0),
            new Pong(Bytes.EMPTY, 0, new InetSocketAddress(InetAddress.getLoopbackAddress(), 1)),
            new FindNode(Bytes.EMPTY, List.of(1)),
            new Nodes(Bytes.EMPTY, 1, List.of(record)),
            new TalkReq(Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY),
            new TalkResp(Bytes.EMPTY, Bytes.EMPTY),
            new AddProvider(Bytes.EMPTY, id, record),
            new GetProviders(Bytes.EMPTY, id),
            new FindNodeFast(Bytes.EMPTY, id));
    try {
      for (Message m : kinds) {
        decode(encode(m, false));
      }
    } catch (DecodeException e) {
      throw new IllegalStateException("a message we encoded always decodes", e);
    }
  }

  // Implementation notes: field 3 (clientMode) is written only when true. The v0.5.0 Codex
  // encoder has no field 3 and its vectors must match byte for byte; DHT-new writes it always and
  // reads a missing field as 0, so both read what we write.
  static byte[] encode(Message message, boolean clientMode) {
    return encode(message, clientMode, 0);
  }

  // Implementation notes: field 16 (features) is ours: v0.5 and v0.6 decoders skip it as an
  // unknown field, and it is written only when non-zero, so every Codex vector is unchanged. A
  // field number above 15 (a two-byte tag) keeps clear of the one-byte numbers upstream may use
  // next.
  static byte[] encode(Message message, boolean clientMode, int features) {
    MessageProtos.Message.Builder envelope =
        MessageProtos.Message.newBuilder()
            .setRequestId(wrap(message.requestId()))
            .setBody(encodeBody(message));
    if (clientMode) {
      envelope.setClientMode(1);
    }
    if (features != 0) {
      envelope.setFeatures(features & 0xFFFFFFFFL);
    }
    MessageProtos.Message m = envelope.build();
    byte[] out = new byte[1 + m.getSerializedSize()];
    out[0] = (byte) message.type();
    CodedOutputStream w = CodedOutputStream.newInstance(out, 1, out.length - 1);
    try {
      m.writeTo(w);
      w.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException("the buffer was sized for the message", e);
    }
    return out;
  }

  private static ByteString encodeBody(Message message) {
    return message instanceof Ignored ? ByteString.EMPTY : bodyMessage(message).toByteString();
  }

  private static MessageLite bodyMessage(Message message) {
    if (message instanceof Ping m) {
      return MessageProtos.Ping.newBuilder().setSprSeq(m.enrSeq()).build();
    } else if (message instanceof Pong m) {
      InetAddress ip = m.observed().getAddress();
      int family = ip instanceof Inet4Address ? FAMILY_IP4 : FAMILY_IP6;
      int port = m.observed().getPort();
      return MessageProtos.Pong.newBuilder()
          .setSprSeq(m.enrSeq())
          .setIp(
              IpAddress.newBuilder()
                  .setFamily(UnsafeByteOperations.unsafeWrap(new byte[] {(byte) family}))
                  .setAddress(UnsafeByteOperations.unsafeWrap(ip.getAddress())))
          .setPort(UnsafeByteOperations.unsafeWrap(new byte[] {(byte) (port >>> 8), (byte) port}))
          .build();
    } else if (message instanceof FindNode m) {
      MessageProtos.FindNode.Builder b = MessageProtos.FindNode.newBuilder();
      for (int d : m.distances()) {
        b.addDistances(UnsafeByteOperations.unsafeWrap(new byte[] {(byte) (d >>> 8), (byte) d}));
      }
      return b.build();
    } else if (message instanceof Nodes m) {
      return records(m.total(), m.records());
    } else if (message instanceof TalkReq m) {
      return MessageProtos.TalkReq.newBuilder()
          .setProtocol(wrap(m.protocol()))
          .setRequest(wrap(m.request()))
          .build();
    } else if (message instanceof TalkResp m) {
      return MessageProtos.TalkResp.newBuilder().setResponse(wrap(m.response())).build();
    } else if (message instanceof AddProvider m) {
      return MessageProtos.AddProvider.newBuilder()
          .setKey(UnsafeByteOperations.unsafeWrap(m.key().toBytes()))
          .setRecord(wrap(m.record()))
          .build();
    } else if (message instanceof GetProviders m) {
      return nodeId(m.key());
    } else if (message instanceof Providers m) {
      return records(m.total(), m.records());
    } else if (message instanceof FindNodeFast m) {
      return nodeId(m.target());
    }
    throw new IllegalStateException("unknown message kind " + message.getClass());
  }

  private static Records records(int total, List<Bytes> records) {
    Records.Builder b = Records.newBuilder().setTotal(total);
    for (Bytes r : records) {
      b.addRecords(wrap(r));
    }
    return b.build();
  }

  private static NodeIdBody nodeId(NodeId id) {
    return NodeIdBody.newBuilder().setId(UnsafeByteOperations.unsafeWrap(id.toBytes())).build();
  }

  private static ByteString wrap(Bytes bytes) {
    return UnsafeByteOperations.unsafeWrap(bytes.toArrayUnsafe());
  }

  // Implementation notes: protobuf semantics throughout, as minprotobuf's: a known field with an
  // unexpected wire type is an unknown field, unknown fields are skipped, and the last occurrence
  // of a singular field wins (a nested message given twice is merged, protobuf's rule). The
  // plaintext is at most a packet; the repeated fields' counts and sizes are checked before a body
  // is parsed, so no body builds more objects than its limit allows.
  static DecodedMessage decode(byte[] plaintext) throws DecodeException {
    if (plaintext.length == 0) {
      throw new DecodeException(Reason.TRUNCATED, "empty message");
    }
    int type = plaintext[0] & 0xFF;
    if (!isKnownType(type)) {
      throw new DecodeException(Reason.BAD_MESSAGE_TYPE, "message type " + type);
    }
    MessageProtos.Message m = Protobufs.parse(ENVELOPE, plaintext, 1, plaintext.length - 1);
    if (!m.hasRequestId()) {
      throw new DecodeException(Reason.MISSING_FIELD, "message lacks its request id");
    }
    if (m.getRequestId().size() > Message.MAX_REQUEST_ID_SIZE) {
      throw new DecodeException(Reason.BAD_REQUEST_ID, "request id longer than 8 bytes");
    }
    if (!m.hasBody()) {
      throw new DecodeException(Reason.MISSING_FIELD, "message lacks its body");
    }
    Bytes requestId = Bytes.wrap(m.getRequestId().toByteArray());
    ByteString body = m.getBody(); // a view of the plaintext
    return new DecodedMessage(
        decodeBody(type, requestId, body),
        m.getClientMode() == 1,
        (int) (m.getFeatures() & Features.KNOWN));
  }

  static boolean isKnownType(int type) {
    return (type >= Message.TYPE_PING && type <= Message.TYPE_PROVIDERS)
        || type == Message.TYPE_FINDNODE_FAST;
  }

  private static Message decodeBody(int type, Bytes id, ByteString body) throws DecodeException {
    return switch (type) {
      case Message.TYPE_PING -> new Ping(id, decodePing(body));
      case Message.TYPE_PONG -> decodePong(id, body);
      case Message.TYPE_FINDNODE -> new FindNode(id, readDistances(body));
      case Message.TYPE_NODES -> {
        List<Bytes> records = new ArrayList<>();
        yield new Nodes(id, readRecords(body, records), records);
      }
      case Message.TYPE_TALKREQ -> decodeTalkReq(id, body);
      case Message.TYPE_TALKRESP -> decodeTalkResp(id, body);
      case Message.TYPE_ADD_PROVIDER -> decodeAddProvider(id, body);
      case Message.TYPE_GET_PROVIDERS -> new GetProviders(id, readNodeId(body));
      case Message.TYPE_PROVIDERS -> {
        List<Bytes> records = new ArrayList<>();
        yield new Providers(id, readRecords(body, records), records);
      }
      case Message.TYPE_FINDNODE_FAST -> new FindNodeFast(id, readNodeId(body));
      default -> new Ignored(id, type); // 0x07..0x0A: the body is not decoded
    };
  }

  private static long decodePing(ByteString body) throws DecodeException {
    MessageProtos.Ping m = Protobufs.parse(PING, body);
    required(m.hasSprSeq(), "sequence number");
    return m.getSprSeq();
  }

  private static Pong decodePong(Bytes id, ByteString body) throws DecodeException {
    MessageProtos.Pong m = Protobufs.parse(PONG, body);
    required(m.hasSprSeq(), "sequence number");
    required(m.hasIp(), "ip");
    required(m.hasPort(), "port");
    InetAddress ip = readIp(m.getIp());
    byte[] port = sized(m.getPort(), 2, "port");
    int p = ((port[0] & 0xFF) << 8) | (port[1] & 0xFF);
    return new Pong(id, m.getSprSeq(), new InetSocketAddress(ip, p));
  }

  private static InetAddress readIp(IpAddress ip) throws DecodeException {
    required(ip.hasFamily(), "address family");
    required(ip.hasAddress(), "ip address");
    byte[] family = sized(ip.getFamily(), 1, "address family");
    int expected =
        switch (family[0]) {
          case FAMILY_IP4 -> 4;
          case FAMILY_IP6 -> 16;
          default -> throw bad("unknown address family " + (family[0] & 0xFF));
        };
    byte[] address = sized(ip.getAddress(), expected, "ip address");
    try {
      return InetAddress.getByAddress(address);
    } catch (UnknownHostException e) {
      throw new DecodeException(Reason.BAD_MESSAGE_FIELD, "bad ip address", e);
    }
  }

  private static List<Integer> readDistances(ByteString body) throws DecodeException {
    Protobufs.checkRepeated(body, DISTANCE_LIMIT);
    MessageProtos.FindNode m = Protobufs.parse(FIND_NODE, body);
    if (m.getDistancesCount() == 0) {
      throw new DecodeException(Reason.MISSING_FIELD, "FINDNODE without a distance");
    }
    List<Integer> distances = new ArrayList<>(m.getDistancesCount());
    for (ByteString d : m.getDistancesList()) {
      distances.add(((d.byteAt(0) & 0xFF) << 8) | (d.byteAt(1) & 0xFF));
    }
    return distances;
  }

  // Implementation notes: the lower bound on a record's size keeps the work and allocation of a
  // record list in proportion to the input: each record costs a few dozen bytes of objects beyond
  // its own copy, which a list of 1-byte "records" would multiply by 200.
  /** Reads {@code total} and the records into {@code records}; returns total. */
  private static int readRecords(ByteString body, List<Bytes> records) throws DecodeException {
    Protobufs.checkRepeated(body, RECORD_LIMIT);
    Records m = Protobufs.parse(RECORDS, body);
    required(m.hasTotal(), "total");
    long total = m.getTotal();
    if (total < 0 || total > Integer.MAX_VALUE) {
      throw bad("total " + Long.toUnsignedString(total));
    }
    for (ByteString r : m.getRecordsList()) {
      records.add(Bytes.wrap(r.toByteArray()));
    }
    return (int) total;
  }

  private static TalkReq decodeTalkReq(Bytes id, ByteString body) throws DecodeException {
    MessageProtos.TalkReq m = Protobufs.parse(TALK_REQ, body);
    required(m.hasProtocol(), "protocol");
    required(m.hasRequest(), "request");
    return new TalkReq(
        id, Bytes.wrap(m.getProtocol().toByteArray()), Bytes.wrap(m.getRequest().toByteArray()));
  }

  private static TalkResp decodeTalkResp(Bytes id, ByteString body) throws DecodeException {
    MessageProtos.TalkResp m = Protobufs.parse(TALK_RESP, body);
    required(m.hasResponse(), "field 2");
    return new TalkResp(id, Bytes.wrap(m.getResponse().toByteArray()));
  }

  private static AddProvider decodeAddProvider(Bytes id, ByteString body) throws DecodeException {
    MessageProtos.AddProvider m = Protobufs.parse(ADD_PROVIDER, body);
    required(m.hasKey(), "key");
    required(m.hasRecord(), "record");
    NodeId key = NodeId.fromBytes(sized(m.getKey(), NodeId.BYTES, "key"));
    int size = m.getRecord().size();
    if (size > MAX_RECORD_SIZE) {
      throw new DecodeException(Reason.TOO_LARGE, "record of " + size + " bytes");
    }
    if (size < MIN_RECORD_SIZE) {
      throw bad("record of " + size + " bytes");
    }
    return new AddProvider(id, key, Bytes.wrap(m.getRecord().toByteArray()));
  }

  /** Reads the one-field body {@code {1: 32-byte node id}}. */
  private static NodeId readNodeId(ByteString body) throws DecodeException {
    NodeIdBody m = Protobufs.parse(NODE_ID, body);
    required(m.hasId(), "node id");
    return NodeId.fromBytes(sized(m.getId(), NodeId.BYTES, "node id"));
  }

  /** The bytes of a field that must have exactly {@code size} bytes. */
  private static byte[] sized(ByteString value, int size, String what) throws DecodeException {
    if (value.size() != size) {
      throw bad(what + " has " + value.size() + " bytes, not " + size);
    }
    return value.toByteArray();
  }

  private static void required(boolean present, String what) throws DecodeException {
    if (!present) {
      throw new DecodeException(Reason.MISSING_FIELD, "message body lacks its " + what);
    }
  }

  private static DecodeException bad(String message) {
    return new DecodeException(Reason.BAD_MESSAGE_FIELD, message);
  }
}
