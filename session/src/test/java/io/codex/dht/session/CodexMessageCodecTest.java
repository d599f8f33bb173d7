package io.codex.dht.session;

import static io.codex.dht.session.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/** The Codex message encodings byte for byte, round trips of every kind, and the decoder bounds. */
class CodexMessageCodecTest {
  private static final Bytes ID = Bytes.of(1);

  @Test
  void codexVectorsEncodeAndDecodeByteForByte() throws Exception {
    Map<String, Message> expected =
        Map.of(
            "Ping Request", new Ping(ID, 1),
            "Pong Response", new Pong(ID, 1, new InetSocketAddress(ip(127, 0, 0, 1), 5000)),
            "FindNode Request", new FindNode(ID, List.of(256)),
            "Nodes Response (empty)", new Nodes(ID, 1, List.of()),
            "Nodes Response (multiple)", new Nodes(ID, 1, List.of(spr(0), spr(1))),
            "Talk Request", new TalkReq(ID, utf8("echo"), utf8("hi")),
            "Talk Response", new TalkResp(ID, utf8("hi")));
    int checked = 0;
    for (JsonNode v : Vectors.CODEX.get("message_encodings")) {
      if (v.path("decode_must_fail").asBoolean()) {
        continue;
      }
      Message m = expected.get(v.get("test_name_in_source").asText());
      byte[] encoded = hex(v.get("encoded"));
      assertEquals(v.get("encoded").asText(), hex(CodexMessageCodec.encode(m, false)));
      assertEquals(new DecodedMessage(m, false), CodexMessageCodec.decode(encoded));
      checked++;
    }
    assertEquals(expected.size(), checked);
  }

  @Test
  void codexNegativeVectorsFailToDecode() {
    Map<String, Reason> reasons =
        Map.of(
            "Ping with too large RequestId", Reason.BAD_REQUEST_ID,
            "Pong with invalid IP address size", Reason.MALFORMED_PROTOBUF);
    int checked = 0;
    for (JsonNode v : Vectors.CODEX.get("message_encodings")) {
      if (!v.path("decode_must_fail").asBoolean()) {
        continue;
      }
      DecodeException e =
          assertThrows(
              DecodeException.class, () -> CodexMessageCodec.decode(hex(v.get("encoded"))));
      assertEquals(reasons.get(v.get("test_name_in_source").asText()), e.reason());
      checked++;
    }
    assertEquals(2, checked);
  }

  @Test
  void clientModeIsWrittenOnlyWhenSetAndReadEitherWay() throws Exception {
    assertEquals("010a0101120208011801", hex(CodexMessageCodec.encode(new Ping(ID, 1), true)));
    assertEquals(
        new DecodedMessage(new Ping(ID, 1), true),
        CodexMessageCodec.decode(hex("010a0101120208011801")));
    // DHT-new writes clientMode = 0 explicitly; v0.5.0 leaves the field out.
    assertFalse(CodexMessageCodec.decode(hex("010a0101120208011800")).clientMode());
    assertFalse(CodexMessageCodec.decode(hex("010a010112020801")).clientMode());
  }

  @Test
  void everyKindRoundTrips() throws Exception {
    Bytes id = Bytes.fromHexString("0102030405060708");
    NodeId key = NodeId.fromBytes(new byte[32]).atDistance(200);
    List<Message> all =
        List.of(
            new Ping(id, -1L),
            new Pong(id, 7, new InetSocketAddress(ip(10, 1, 2, 3), 65535)),
            new Pong(id, 7, new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 1)),
            new FindNode(id, List.of(0, 255, 256, 65535)),
            new Nodes(id, 3, List.of(spr(0))),
            new TalkReq(id, utf8("p"), Bytes.EMPTY),
            new TalkResp(Bytes.EMPTY, Bytes.EMPTY),
            new AddProvider(id, key, spr(1)),
            new GetProviders(id, key),
            new Providers(id, 1, Collections.nCopies(MAX_RECORDS, spr(0))),
            new FindNodeFast(id, key),
            new Ignored(id, Message.TYPE_REGTOPIC),
            new Ignored(id, Message.TYPE_TICKET),
            new Ignored(id, Message.TYPE_REGCONFIRMATION),
            new Ignored(id, Message.TYPE_TOPICQUERY));
    for (Message m : all) {
      for (boolean clientMode : new boolean[] {false, true}) {
        DecodedMessage d = CodexMessageCodec.decode(CodexMessageCodec.encode(m, clientMode));
        assertEquals(new DecodedMessage(m, clientMode), d, m.toString());
        assertEquals(m.type(), CodexMessageCodec.encode(m, clientMode)[0] & 0xFF);
      }
    }
    assertTrue(all.get(0).isRequest());
    assertFalse(all.get(1).isRequest());
  }

  @Test
  void unknownFieldsAreSkippedAndTheLastDuplicateWins() throws Exception {
    byte[] body =
        new RawProto().varint(9, 5).varint(1, 3).bytes(7, new byte[3]).varint(1, 4).toByteArray();
    byte[] envelope =
        new RawProto()
            .bytes(1, new byte[] {9})
            .bytes(15, new byte[2])
            .bytes(2, body)
            .varint(3, 1)
            .toByteArray();
    DecodedMessage d = CodexMessageCodec.decode(prefix(Message.TYPE_PING, envelope));
    assertEquals(new DecodedMessage(new Ping(Bytes.of(9), 4), true), d);
  }

  @Test
  void decoderBoundsAndFieldRulesAreEnforced() {
    assertReason(Reason.TRUNCATED, new byte[0]);
    for (int type : new int[] {0x00, 0x0E, 0x82, 0x84, 0xFF}) {
      assertReason(Reason.BAD_MESSAGE_TYPE, prefix(type, envelope(new RawProto().varint(1, 1))));
    }
    assertReason(
        Reason.MISSING_FIELD, prefix(1, new RawProto().bytes(2, new byte[] {8, 1}).toByteArray()));
    assertReason(
        Reason.MISSING_FIELD, prefix(1, new RawProto().bytes(1, new byte[] {1}).toByteArray()));
    assertReason(Reason.MISSING_FIELD, prefix(1, envelope(new RawProto())));

    RawProto distances = new RawProto();
    for (int i = 0; i <= CodexMessageCodec.MAX_DISTANCES; i++) {
      distances.bytes(1, new byte[] {0, 1});
    }
    assertReason(Reason.TOO_LARGE, prefix(Message.TYPE_FINDNODE, envelope(distances)));
    assertReason(
        Reason.BAD_MESSAGE_FIELD,
        prefix(Message.TYPE_FINDNODE, envelope(new RawProto().bytes(1, new byte[] {1}))));
    assertReason(
        Reason.BAD_MESSAGE_FIELD,
        prefix(Message.TYPE_FINDNODE, envelope(new RawProto().bytes(1, new byte[3]))));
    assertReason(Reason.MISSING_FIELD, prefix(Message.TYPE_FINDNODE, envelope(new RawProto())));

    RawProto records = new RawProto().varint(1, 1);
    for (int i = 0; i <= CodexMessageCodec.MAX_RECORDS; i++) {
      records.bytes(2, new byte[CodexMessageCodec.MIN_RECORD_SIZE]);
    }
    assertReason(Reason.TOO_LARGE, prefix(Message.TYPE_PROVIDERS, envelope(records)));
    assertReason(
        Reason.BAD_MESSAGE_FIELD,
        prefix(
            Message.TYPE_NODES,
            envelope(
                new RawProto()
                    .varint(1, 1)
                    .bytes(2, new byte[CodexMessageCodec.MIN_RECORD_SIZE - 1]))));
    assertReason(
        Reason.BAD_MESSAGE_FIELD,
        prefix(
            Message.TYPE_ADD_PROVIDER,
            envelope(new RawProto().bytes(1, new byte[32]).bytes(2, new byte[1]))));
    assertReason(
        Reason.TOO_LARGE,
        prefix(Message.TYPE_NODES, envelope(new RawProto().varint(1, 1).bytes(2, new byte[1025]))));
    assertReason(
        Reason.BAD_MESSAGE_FIELD,
        prefix(Message.TYPE_NODES, envelope(new RawProto().varint(1, 0x8000_0000L))));
    assertReason( // read as a uint64, refused as out of range (not cut to 32 bits)
        Reason.BAD_MESSAGE_FIELD,
        prefix(Message.TYPE_NODES, envelope(new RawProto().varint(1, 1L << 32))));
    assertReason(Reason.MISSING_FIELD, prefix(Message.TYPE_NODES, envelope(new RawProto())));

    assertReason(
        Reason.BAD_MESSAGE_FIELD,
        prefix(Message.TYPE_GET_PROVIDERS, envelope(new RawProto().bytes(1, new byte[31]))));
    assertReason(
        Reason.BAD_MESSAGE_FIELD,
        prefix(Message.TYPE_FINDNODE_FAST, envelope(new RawProto().bytes(1, new byte[33]))));
    assertReason(
        Reason.TOO_LARGE,
        prefix(
            Message.TYPE_ADD_PROVIDER,
            envelope(new RawProto().bytes(1, new byte[32]).bytes(2, new byte[1025]))));
    assertReason(
        Reason.MISSING_FIELD,
        prefix(Message.TYPE_TALKREQ, envelope(new RawProto().bytes(1, new byte[1]))));
    assertReason(
        Reason.MISSING_FIELD,
        prefix(Message.TYPE_TALKRESP, envelope(new RawProto().bytes(1, new byte[1]))));
  }

  @Test
  void pongAddressFamilyAndSizesMustAgree() {
    assertPongReason(Reason.BAD_MESSAGE_FIELD, new byte[] {1}, new byte[16]);
    assertPongReason(Reason.BAD_MESSAGE_FIELD, new byte[] {0}, new byte[4]);
    assertPongReason(Reason.BAD_MESSAGE_FIELD, new byte[] {2}, new byte[4]);
    assertPongReason(Reason.BAD_MESSAGE_FIELD, new byte[] {1, 1}, new byte[4]);
    assertPongReason(Reason.BAD_MESSAGE_FIELD, new byte[] {1}, new byte[17]);
    RawProto badPort =
        new RawProto()
            .varint(1, 1)
            .message(2, new RawProto().bytes(1, new byte[] {1}).bytes(2, new byte[4]))
            .bytes(3, new byte[3]);
    assertReason(Reason.BAD_MESSAGE_FIELD, prefix(Message.TYPE_PONG, envelope(badPort)));
  }

  @Test
  void recordsRejectInvalidValues() {
    assertThrows(IllegalArgumentException.class, () -> new Ping(Bytes.wrap(new byte[9]), 1));
    assertThrows(IllegalArgumentException.class, () -> new FindNode(ID, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new FindNode(ID, List.of(65536)));
    assertThrows(IllegalArgumentException.class, () -> new Nodes(ID, -1, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new Ignored(ID, Message.TYPE_PING));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Pong(ID, 1, InetSocketAddress.createUnresolved("example.org", 1)));
    List<Integer> mutable = new ArrayList<>(List.of(1));
    FindNode f = new FindNode(ID, mutable);
    mutable.add(2);
    assertEquals(List.of(1), f.distances());
  }

  private static final int MAX_RECORDS = CodexMessageCodec.MAX_RECORDS;

  private static void assertPongReason(Reason reason, byte[] family, byte[] address) {
    RawProto body =
        new RawProto()
            .varint(1, 1)
            .message(2, new RawProto().bytes(1, family).bytes(2, address))
            .bytes(3, new byte[2]);
    assertReason(reason, prefix(Message.TYPE_PONG, envelope(body)));
  }

  private static void assertReason(Reason reason, byte[] plaintext) {
    DecodeException e =
        assertThrows(DecodeException.class, () -> CodexMessageCodec.decode(plaintext));
    assertEquals(reason, e.reason(), e.getMessage());
  }

  private static byte[] envelope(RawProto body) {
    return new RawProto().bytes(1, new byte[] {1}).message(2, body).toByteArray();
  }

  private static byte[] prefix(int type, byte[] envelope) {
    byte[] out = new byte[envelope.length + 1];
    out[0] = (byte) type;
    System.arraycopy(envelope, 0, out, 1, envelope.length);
    return out;
  }

  private static Bytes spr(int index) {
    try {
      String uri = Vectors.CODEX.get("spr_records").get(index).get("uri").asText();
      return Bytes.wrap(SignedPeerRecord.fromText(uri).encoded());
    } catch (DecodeException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Bytes utf8(String s) {
    return Bytes.wrap(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static InetAddress ip(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
