package io.codex.dht.session;

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
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.SignedPeerRecord;
import io.codex.dht.spr.proto.ProtoReader;
import io.codex.dht.spr.proto.ProtoWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;

/**
 * The Codex message encoding: {@code type (1 byte) || protobuf{1: request id (bytes, <= 8), 2: body
 * (bytes), 3: clientMode (varint, optional), 16: features (varint, optional, see {@link
 * Features})}}, with each body a protobuf as nim-codex-dht writes it (nim-libp2p minprotobuf: every
 * field written, in order, no defaults omitted).
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

  private CodexMessageCodec() {}

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
    ProtoWriter body = new ProtoWriter(32);
    if (message instanceof Ping m) {
      body.varint(1, m.enrSeq());
    } else if (message instanceof Pong m) {
      InetAddress ip = m.observed().getAddress();
      ProtoWriter address =
          new ProtoWriter(24)
              .bytes(1, new byte[] {(byte) (ip instanceof Inet4Address ? FAMILY_IP4 : FAMILY_IP6)})
              .bytes(2, ip.getAddress());
      int port = m.observed().getPort();
      body.varint(1, m.enrSeq())
          .message(2, address)
          .bytes(3, new byte[] {(byte) (port >>> 8), (byte) port});
    } else if (message instanceof FindNode m) {
      for (int d : m.distances()) {
        body.bytes(1, new byte[] {(byte) (d >>> 8), (byte) d});
      }
    } else if (message instanceof Nodes m) {
      writeRecords(body, m.total(), m.records());
    } else if (message instanceof TalkReq m) {
      body.bytes(1, m.protocol().toArrayUnsafe()).bytes(2, m.request().toArrayUnsafe());
    } else if (message instanceof TalkResp m) {
      body.bytes(2, m.response().toArrayUnsafe());
    } else if (message instanceof AddProvider m) {
      body.bytes(1, m.key().toBytes()).bytes(2, m.record().toArrayUnsafe());
    } else if (message instanceof GetProviders m) {
      body.bytes(1, m.key().toBytes());
    } else if (message instanceof Providers m) {
      writeRecords(body, m.total(), m.records());
    } else if (message instanceof FindNodeFast m) {
      body.bytes(1, m.target().toBytes());
    } else if (!(message instanceof Ignored)) {
      throw new IllegalStateException("unknown message kind " + message.getClass());
    }
    ProtoWriter envelope = new ProtoWriter(body.size() + 16);
    envelope.bytes(1, message.requestId().toArrayUnsafe()).message(2, body);
    if (clientMode) {
      envelope.varint(3, 1);
    }
    if (features != 0) {
      envelope.varint(Features.FIELD, features & 0xFFFFFFFFL);
    }
    byte[] encoded = envelope.toByteArray();
    byte[] out = new byte[1 + encoded.length];
    out[0] = (byte) message.type();
    System.arraycopy(encoded, 0, out, 1, encoded.length);
    return out;
  }

  private static void writeRecords(ProtoWriter body, int total, List<Bytes> records) {
    body.varint(1, total);
    for (Bytes r : records) {
      body.bytes(2, r.toArrayUnsafe());
    }
  }

  // Implementation notes: like minprotobuf, a known field with an unexpected wire type is skipped
  // and the last occurrence of a singular field wins; unknown fields are skipped.
  static DecodedMessage decode(byte[] plaintext) throws DecodeException {
    if (plaintext.length == 0) {
      throw new DecodeException(Reason.TRUNCATED, "empty message");
    }
    int type = plaintext[0] & 0xFF;
    if (!isKnownType(type)) {
      throw new DecodeException(Reason.BAD_MESSAGE_TYPE, "message type " + type);
    }
    ProtoReader r = ProtoReader.of(plaintext, 1, plaintext.length - 1);
    Bytes requestId = null;
    ProtoReader body = null;
    boolean clientMode = false;
    long features = 0;
    while (r.next()) {
      if (r.field() == 1 && r.wireType() == ProtoReader.LEN) {
        requestId = readRequestId(r);
      } else if (r.field() == 2 && r.wireType() == ProtoReader.LEN) {
        body = r.message();
      } else if (r.field() == 3 && r.wireType() == ProtoReader.VARINT) {
        clientMode = r.varint() == 1;
      } else if (r.field() == Features.FIELD && r.wireType() == ProtoReader.VARINT) {
        features = r.varint();
      } else {
        r.skip();
      }
    }
    if (requestId == null) {
      throw new DecodeException(Reason.MISSING_FIELD, "message lacks its request id");
    }
    if (body == null) {
      throw new DecodeException(Reason.MISSING_FIELD, "message lacks its body");
    }
    return new DecodedMessage(
        decodeBody(type, requestId, body), clientMode, (int) (features & Features.KNOWN));
  }

  static boolean isKnownType(int type) {
    return (type >= Message.TYPE_PING && type <= Message.TYPE_PROVIDERS)
        || type == Message.TYPE_FINDNODE_FAST;
  }

  private static Bytes readRequestId(ProtoReader r) throws DecodeException {
    try {
      return Bytes.wrap(r.bytes(Message.MAX_REQUEST_ID_SIZE));
    } catch (DecodeException e) {
      if (e.reason() == Reason.TOO_LARGE) {
        throw new DecodeException(Reason.BAD_REQUEST_ID, "request id longer than 8 bytes");
      }
      throw e;
    }
  }

  private static Message decodeBody(int type, Bytes id, ProtoReader body) throws DecodeException {
    return switch (type) {
      case Message.TYPE_PING -> new Ping(id, readSeq(body));
      case Message.TYPE_PONG -> decodePong(id, body);
      case Message.TYPE_FINDNODE -> new FindNode(id, readDistances(body));
      case Message.TYPE_NODES -> {
        List<Bytes> records = new ArrayList<>();
        yield new Nodes(id, readRecords(body, records), records);
      }
      case Message.TYPE_TALKREQ -> decodeTalkReq(id, body);
      case Message.TYPE_TALKRESP -> new TalkResp(id, readBytes(body, 2, Integer.MAX_VALUE));
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

  private static long readSeq(ProtoReader body) throws DecodeException {
    Long seq = null;
    while (body.next()) {
      if (body.field() == 1 && body.wireType() == ProtoReader.VARINT) {
        seq = body.varint();
      } else {
        body.skip();
      }
    }
    return required(seq, "sequence number");
  }

  private static Pong decodePong(Bytes id, ProtoReader body) throws DecodeException {
    Long seq = null;
    InetAddress ip = null;
    byte[] port = null;
    while (body.next()) {
      if (body.field() == 1 && body.wireType() == ProtoReader.VARINT) {
        seq = body.varint();
      } else if (body.field() == 2 && body.wireType() == ProtoReader.LEN) {
        ip = readIp(body.message());
      } else if (body.field() == 3 && body.wireType() == ProtoReader.LEN) {
        port = sized(body, 2, "port");
      } else {
        body.skip();
      }
    }
    required(seq, "sequence number");
    required(ip, "ip");
    required(port, "port");
    int p = ((port[0] & 0xFF) << 8) | (port[1] & 0xFF);
    return new Pong(id, seq, new InetSocketAddress(ip, p));
  }

  private static InetAddress readIp(ProtoReader r) throws DecodeException {
    byte[] family = null;
    byte[] address = null;
    while (r.next()) {
      if (r.field() == 1 && r.wireType() == ProtoReader.LEN) {
        family = sized(r, 1, "address family");
      } else if (r.field() == 2 && r.wireType() == ProtoReader.LEN) {
        address = bounded(r, 16, "ip address");
      } else {
        r.skip();
      }
    }
    required(family, "address family");
    required(address, "ip address");
    int expected =
        switch (family[0]) {
          case FAMILY_IP4 -> 4;
          case FAMILY_IP6 -> 16;
          default -> throw bad("unknown address family " + (family[0] & 0xFF));
        };
    if (address.length != expected) {
      throw bad("address of " + address.length + " bytes for its family");
    }
    try {
      return InetAddress.getByAddress(address);
    } catch (UnknownHostException e) {
      throw new DecodeException(Reason.BAD_MESSAGE_FIELD, "bad ip address", e);
    }
  }

  private static List<Integer> readDistances(ProtoReader body) throws DecodeException {
    List<Integer> distances = new ArrayList<>();
    while (body.next()) {
      if (body.field() == 1 && body.wireType() == ProtoReader.LEN) {
        if (distances.size() == MAX_DISTANCES) {
          throw new DecodeException(Reason.TOO_LARGE, "more than 16 distances");
        }
        byte[] d = sized(body, 2, "distance");
        distances.add(((d[0] & 0xFF) << 8) | (d[1] & 0xFF));
      } else {
        body.skip();
      }
    }
    if (distances.isEmpty()) {
      throw new DecodeException(Reason.MISSING_FIELD, "FINDNODE without a distance");
    }
    return distances;
  }

  /** Reads {@code total} and the records into {@code records}; returns total. */
  private static int readRecords(ProtoReader body, List<Bytes> records) throws DecodeException {
    Integer total = null;
    while (body.next()) {
      if (body.field() == 1 && body.wireType() == ProtoReader.VARINT) {
        total = body.uint32();
        if (total < 0) {
          throw bad("total " + Integer.toUnsignedString(total));
        }
      } else if (body.field() == 2 && body.wireType() == ProtoReader.LEN) {
        if (records.size() == MAX_RECORDS) {
          throw new DecodeException(Reason.TOO_LARGE, "more than " + MAX_RECORDS + " records");
        }
        records.add(Bytes.wrap(record(body)));
      } else {
        body.skip();
      }
    }
    return required(total, "total");
  }

  // Implementation notes: the lower bound keeps the work and allocation of a record list in
  // proportion to the input: each record costs a few dozen bytes of objects beyond its own copy,
  // which a list of 1-byte "records" would multiply by 200.
  private static byte[] record(ProtoReader body) throws DecodeException {
    byte[] record = body.bytes(MAX_RECORD_SIZE);
    if (record.length < MIN_RECORD_SIZE) {
      throw bad("record of " + record.length + " bytes");
    }
    return record;
  }

  private static TalkReq decodeTalkReq(Bytes id, ProtoReader body) throws DecodeException {
    byte[] protocol = null;
    byte[] request = null;
    while (body.next()) {
      if (body.field() == 1 && body.wireType() == ProtoReader.LEN) {
        protocol = body.bytes(Integer.MAX_VALUE);
      } else if (body.field() == 2 && body.wireType() == ProtoReader.LEN) {
        request = body.bytes(Integer.MAX_VALUE);
      } else {
        body.skip();
      }
    }
    return new TalkReq(
        id, Bytes.wrap(required(protocol, "protocol")), Bytes.wrap(required(request, "request")));
  }

  private static AddProvider decodeAddProvider(Bytes id, ProtoReader body) throws DecodeException {
    NodeId key = null;
    byte[] record = null;
    while (body.next()) {
      if (body.field() == 1 && body.wireType() == ProtoReader.LEN) {
        key = NodeId.fromBytes(sized(body, NodeId.BYTES, "key"));
      } else if (body.field() == 2 && body.wireType() == ProtoReader.LEN) {
        record = record(body);
      } else {
        body.skip();
      }
    }
    return new AddProvider(id, required(key, "key"), Bytes.wrap(required(record, "record")));
  }

  /** Reads the one-field body {@code {1: 32-byte node id}}. */
  private static NodeId readNodeId(ProtoReader body) throws DecodeException {
    NodeId key = null;
    while (body.next()) {
      if (body.field() == 1 && body.wireType() == ProtoReader.LEN) {
        key = NodeId.fromBytes(sized(body, NodeId.BYTES, "node id"));
      } else {
        body.skip();
      }
    }
    return required(key, "node id");
  }

  private static Bytes readBytes(ProtoReader body, int field, int max) throws DecodeException {
    byte[] value = null;
    while (body.next()) {
      if (body.field() == field && body.wireType() == ProtoReader.LEN) {
        value = body.bytes(max);
      } else {
        body.skip();
      }
    }
    return Bytes.wrap(required(value, "field " + field));
  }

  /** Reads a bytes field of exactly {@code size} bytes. */
  private static byte[] sized(ProtoReader r, int size, String what) throws DecodeException {
    byte[] value = bounded(r, size, what);
    if (value.length != size) {
      throw bad(what + " has " + value.length + " bytes, not " + size);
    }
    return value;
  }

  /** Reads a bytes field of at most {@code max} bytes; longer is a bad field, not a big input. */
  private static byte[] bounded(ProtoReader r, int max, String what) throws DecodeException {
    try {
      return r.bytes(max);
    } catch (DecodeException e) {
      if (e.reason() == Reason.TOO_LARGE) {
        throw bad(what + " longer than " + max + " bytes");
      }
      throw e;
    }
  }

  private static <T> T required(T value, String what) throws DecodeException {
    if (value == null) {
      throw new DecodeException(Reason.MISSING_FIELD, "message body lacks its " + what);
    }
    return value;
  }

  private static DecodeException bad(String message) {
    return new DecodeException(Reason.BAD_MESSAGE_FIELD, message);
  }
}
