package io.codex.dht.ethereum;

import io.codex.dht.session.DecodedMessage;
import io.codex.dht.session.Message;
import io.codex.dht.session.Message.FindNode;
import io.codex.dht.session.Message.Ignored;
import io.codex.dht.session.Message.Nodes;
import io.codex.dht.session.Message.Ping;
import io.codex.dht.session.Message.Pong;
import io.codex.dht.session.Message.TalkReq;
import io.codex.dht.session.Message.TalkResp;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;
import org.apache.tuweni.rlp.RLPWriter;

/**
 * The discv5 v5.1 message encoding: {@code message-type (1 byte) || RLP(body)}, with {@code PING =
 * [request-id, enr-seq]}, {@code PONG = [request-id, enr-seq, recipient-ip (4 or 16 bytes),
 * recipient-port]}, {@code FINDNODE = [request-id, [distance, ...]]}, {@code NODES = [request-id,
 * total, [ENR, ...]]}, {@code TALKREQ = [request-id, protocol, request]} and {@code TALKRESP =
 * [request-id, response]}. Topic messages (0x07 to 0x0A) decode to {@link Ignored} from their
 * request id; the Codex messages (providers, FINDNODE_FAST) are not part of this encoding.
 *
 * <p>Decoding is strict, as go-ethereum's: canonical RLP, no extra list items, no trailing bytes.
 * Pure: no I/O, clock or randomness.
 */
final class EthereumMessageCodec {
  /** Most distances in one FINDNODE (clients send 1 to 3). */
  static final int MAX_DISTANCES = 16;

  /** Most records in one NODES message (1280-byte packets hold far fewer). */
  static final int MAX_RECORDS = 64;

  /** The largest plaintext decoded (an ordinary packet's largest message). */
  static final int MAX_PLAINTEXT = 65535;

  private EthereumMessageCodec() {}

  /**
   * Encodes {@code message}.
   *
   * @throws UnsupportedOperationException for a message the Ethereum profile does not carry
   *     (ADD_PROVIDER, GET_PROVIDERS, PROVIDERS, FINDNODE_FAST, topic messages)
   */
  static byte[] encode(Message message) {
    Bytes body;
    if (message instanceof Ping m) {
      body = RLP.encodeList(w -> writeHead(w, m.requestId(), m.enrSeq()));
    } else if (message instanceof Pong m) {
      body =
          RLP.encodeList(
              w -> {
                writeHead(w, m.requestId(), m.enrSeq());
                w.writeValue(Bytes.wrap(m.observed().getAddress().getAddress()));
                w.writeValue(Bytes.minimalBytes(m.observed().getPort()));
              });
    } else if (message instanceof FindNode m) {
      body =
          RLP.encodeList(
              w -> {
                w.writeValue(m.requestId());
                w.writeList(m.distances(), (l, d) -> l.writeValue(Bytes.minimalBytes(d)));
              });
    } else if (message instanceof Nodes m) {
      body =
          RLP.encodeList(
              w -> {
                w.writeValue(m.requestId());
                w.writeValue(Bytes.minimalBytes(m.total()));
                w.writeList(m.records(), RLPWriter::writeRLP);
              });
    } else if (message instanceof TalkReq m) {
      body =
          RLP.encodeList(
              w -> {
                w.writeValue(m.requestId());
                w.writeValue(m.protocol());
                w.writeValue(m.request());
              });
    } else if (message instanceof TalkResp m) {
      body =
          RLP.encodeList(
              w -> {
                w.writeValue(m.requestId());
                w.writeValue(m.response());
              });
    } else {
      throw new UnsupportedOperationException(
          "the Ethereum discv5 profile has no message type 0x"
              + Integer.toHexString(message.type())
              + " ("
              + message.getClass().getSimpleName()
              + "): providers, FINDNODE_FAST and topics are Codex-only or unimplemented");
    }
    byte[] out = new byte[1 + body.size()];
    out[0] = (byte) message.type();
    System.arraycopy(body.toArrayUnsafe(), 0, out, 1, body.size());
    return out;
  }

  private static void writeHead(RLPWriter w, Bytes requestId, long enrSeq) {
    w.writeValue(requestId);
    w.writeValue(Bytes.ofUnsignedLong(enrSeq).trimLeadingZeros());
  }

  /** Decodes a message plaintext; the clientMode flag does not exist on this wire (false). */
  static DecodedMessage decode(byte[] plaintext) throws DecodeException {
    if (plaintext.length < 2) {
      throw new DecodeException(Reason.TRUNCATED, "message of " + plaintext.length + " bytes");
    }
    int type = plaintext[0] & 0xFF;
    if (type < Message.TYPE_PING || type > Message.TYPE_TOPICQUERY) {
      throw new DecodeException(Reason.BAD_MESSAGE_TYPE, "message type " + type);
    }
    RlpList body = RlpList.of(Bytes.wrap(plaintext, 1, plaintext.length - 1), MAX_PLAINTEXT);
    Bytes requestId = body.bytes();
    if (requestId.size() > Message.MAX_REQUEST_ID_SIZE) {
      throw new DecodeException(
          Reason.BAD_REQUEST_ID, "request id of " + requestId.size() + " bytes");
    }
    Message message =
        switch (type) {
          case Message.TYPE_PING -> new Ping(requestId, body.uint64("enr-seq"));
          case Message.TYPE_PONG -> pong(requestId, body);
          case Message.TYPE_FINDNODE -> findNode(requestId, body);
          case Message.TYPE_NODES -> nodes(requestId, body);
          case Message.TYPE_TALKREQ -> new TalkReq(requestId, body.bytes(), body.bytes());
          case Message.TYPE_TALKRESP -> new TalkResp(requestId, body.bytes());
          default -> new Ignored(requestId, type);
        };
    if (!(message instanceof Ignored)) {
      body.end("message");
    }
    return new DecodedMessage(message, false);
  }

  private static Pong pong(Bytes requestId, RlpList body) throws DecodeException {
    long enrSeq = body.uint64("enr-seq");
    Bytes ip = body.bytes();
    if (ip.size() != 4 && ip.size() != 16) {
      throw new DecodeException(Reason.BAD_MESSAGE_FIELD, "recipient-ip of " + ip.size());
    }
    int port = body.uint(0xFFFF, "recipient-port");
    InetAddress address;
    try {
      address = InetAddress.getByAddress(ip.toArray());
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a 4- or 16-byte address always parses", e);
    }
    return new Pong(requestId, enrSeq, new InetSocketAddress(address, port));
  }

  private static FindNode findNode(Bytes requestId, RlpList body) throws DecodeException {
    RlpList list = body.list();
    List<Integer> distances = new ArrayList<>();
    while (list.hasNext()) {
      if (distances.size() == MAX_DISTANCES) {
        throw new DecodeException(Reason.TOO_LARGE, "more than " + MAX_DISTANCES + " distances");
      }
      distances.add(list.uint(0xFFFF, "distance"));
    }
    if (distances.isEmpty()) {
      throw new DecodeException(Reason.BAD_MESSAGE_FIELD, "FINDNODE without a distance");
    }
    return new FindNode(requestId, distances);
  }

  private static Nodes nodes(Bytes requestId, RlpList body) throws DecodeException {
    int total = body.uint(Integer.MAX_VALUE, "total");
    RlpList list = body.list();
    List<Bytes> records = new ArrayList<>();
    while (list.hasNext()) {
      if (records.size() == MAX_RECORDS) {
        throw new DecodeException(Reason.TOO_LARGE, "more than " + MAX_RECORDS + " records");
      }
      Bytes record = list.raw();
      if (record.size() > Enr.MAX_SIZE) {
        throw new DecodeException(Reason.TOO_LARGE, "record of " + record.size() + " bytes");
      }
      records.add(record);
    }
    return new Nodes(requestId, total, records);
  }
}
