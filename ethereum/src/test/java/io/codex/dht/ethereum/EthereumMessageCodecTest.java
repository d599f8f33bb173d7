package io.codex.dht.ethereum;

import static io.codex.dht.ethereum.TestData.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.session.DecodedMessage;
import io.codex.dht.session.Message;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.NodeId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The RLP messages: known encodings, round trips, refusals by reason, and Codex-only messages. */
class EthereumMessageCodecTest {
  private static final EthereumProfile P = EthereumProfile.INSTANCE;
  private static final Bytes ID = Bytes.fromHexString("0x00000001");

  @Test
  void pingIsTheVectorsPlaintext() throws Exception {
    assertArrayEquals(hex("01c6840000000102"), P.encodeMessage(new Message.Ping(ID, 2), false));
    DecodedMessage d = P.decodeMessage(hex("01c6840000000102"));
    assertEquals(new Message.Ping(ID, 2), d.message());
    assertFalse(d.clientMode());
  }

  @Test
  void everyMessageRoundTrips() throws Exception {
    Enr enr = Enr.fromText(TestData.ENR_EXAMPLE.get("text").asText());
    List<Message> messages =
        List.of(
            new Message.Ping(Bytes.EMPTY, 0),
            new Message.Ping(Bytes.fromHexString("0x0102030405060708"), -1L), // 2^64 - 1
            new Message.Pong(ID, 5, new InetSocketAddress(InetAddress.getByName("1.2.3.4"), 0)),
            new Message.Pong(ID, 5, new InetSocketAddress(InetAddress.getByName("::1"), 65535)),
            new Message.FindNode(ID, List.of(0, 255, 256)),
            new Message.Nodes(ID, 1, List.of()),
            new Message.Nodes(ID, 3, List.of(Bytes.wrap(enr.encoded()), Bytes.wrap(enr.encoded()))),
            new Message.TalkReq(ID, Bytes.wrap("eth".getBytes()), Bytes.of(1, 2, 3)),
            new Message.TalkResp(ID, Bytes.EMPTY));
    for (Message m : messages) {
      byte[] encoded = P.encodeMessage(m, false);
      assertEquals(m.type(), encoded[0]);
      assertEquals(m, P.decodeMessage(encoded).message(), m.toString());
    }
  }

  @Test
  void pongCarriesTheAddressAsFourOrSixteenBytesAndThePortAsAnInteger() throws Exception {
    byte[] encoded =
        P.encodeMessage(
            new Message.Pong(ID, 1, new InetSocketAddress(InetAddress.getByName("1.2.3.4"), 30303)),
            false);
    // 02 || [reqid, 1, 0x01020304, 0x765f]
    assertEquals("02ce840000000101840102030482765f", TestData.hex(encoded));
  }

  @Test
  void codexOnlyMessagesAreRefusedAtTheApiAndOnTheWire() {
    List<Message> codexOnly =
        List.of(
            new Message.AddProvider(ID, NodeId.ZERO, Bytes.of(1)),
            new Message.GetProviders(ID, NodeId.ZERO),
            new Message.Providers(ID, 1, List.of()),
            new Message.FindNodeFast(ID, NodeId.ZERO),
            new Message.Ignored(ID, Message.TYPE_REGTOPIC));
    for (Message m : codexOnly) {
      UnsupportedOperationException e =
          assertThrows(UnsupportedOperationException.class, () -> P.encodeMessage(m, false));
      assertTrue(e.getMessage().contains("Ethereum discv5 profile"), e.getMessage());
    }
    for (int type : new int[] {0x00, 0x0B, 0x0C, 0x0D, 0x83, 0xFF}) {
      assertReason(Reason.BAD_MESSAGE_TYPE, new byte[] {(byte) type, (byte) 0xc1, (byte) 0x80});
    }
  }

  @Test
  void topicMessagesDecodeAsIgnoredFromTheirRequestId() throws Exception {
    for (int type = Message.TYPE_REGTOPIC; type <= Message.TYPE_TOPICQUERY; type++) {
      byte[] body = RLP.encodeList(w -> w.writeValue(ID)).toArrayUnsafe();
      byte[] in = new byte[1 + body.length];
      in[0] = (byte) type;
      System.arraycopy(body, 0, in, 1, body.length);
      assertEquals(new Message.Ignored(ID, type), P.decodeMessage(in).message());
    }
  }

  @Test
  void malformedMessagesAreRefusedByReason() {
    assertReason(Reason.TRUNCATED, new byte[0]);
    assertReason(Reason.TRUNCATED, new byte[] {1});
    // request id of 9 bytes
    assertReason(Reason.BAD_REQUEST_ID, msg(1, w -> w.writeValue(Bytes.wrap(new byte[9]))));
    // an extra item, and a trailing byte after the list
    assertReason(
        Reason.TRAILING_BYTES,
        msg(
            1,
            w -> {
              w.writeValue(ID);
              w.writeValue(Bytes.of(1));
              w.writeValue(Bytes.of(1));
            }));
    byte[] ping = P.encodeMessage(new Message.Ping(ID, 2), false);
    byte[] trailing = java.util.Arrays.copyOf(ping, ping.length + 1);
    assertReason(Reason.TRAILING_BYTES, trailing);
    // a missing item
    assertReason(Reason.MISSING_FIELD, msg(1, w -> w.writeValue(ID)));
    // enr-seq with a leading zero, and over 64 bits
    assertReason(
        Reason.MALFORMED_RLP,
        msg(
            1,
            w -> {
              w.writeValue(ID);
              w.writeValue(Bytes.of(0, 1));
            }));
    assertReason(
        Reason.MALFORMED_RLP,
        msg(
            1,
            w -> {
              w.writeValue(ID);
              w.writeValue(Bytes.wrap(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0}));
            }));
    // PONG with a 5-byte address and a port over 65535
    assertReason(Reason.BAD_MESSAGE_FIELD, pong(Bytes.of(1, 2, 3, 4, 5), Bytes.of(1)));
    assertReason(Reason.BAD_MESSAGE_FIELD, pong(Bytes.of(1, 2, 3, 4), Bytes.of(1, 0, 0)));
    // FINDNODE: no distance, too many, a distance over 16 bits, distances not in a list
    assertReason(Reason.BAD_MESSAGE_FIELD, findNode(Collections.nCopies(0, 1)));
    assertReason(Reason.TOO_LARGE, findNode(Collections.nCopies(17, 1)));
    assertReason(Reason.BAD_MESSAGE_FIELD, findNode(List.of(0x10000)));
    assertReason(
        Reason.MALFORMED_RLP,
        msg(
            3,
            w -> {
              w.writeValue(ID);
              w.writeValue(Bytes.of(1));
            }));
    // NODES: a record over 300 bytes, more than 64 records
    assertReason(Reason.TOO_LARGE, nodes(Collections.nCopies(1, Bytes.wrap(new byte[301]))));
    assertReason(Reason.TOO_LARGE, nodes(Collections.nCopies(65, Bytes.of(1))));
  }

  @Test
  void hugeDeclaredLengthsAreRefusedBeforeAnyAllocation() {
    // A list, then a string, each declaring 2^32 - 1 or 2^64 - 1 bytes in a few bytes of input.
    byte[][] bombs = {
      {1, (byte) 0xfb, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff},
      {1, (byte) 0xff, -1, -1, -1, -1, -1, -1, -1, -1},
      {1, (byte) 0xc5, (byte) 0xbb, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff},
      {4, (byte) 0xc8, (byte) 0x80, 1, (byte) 0xf9, (byte) 0xff, (byte) 0xff, 0, 0, 0}
    };
    for (byte[] bomb : bombs) {
      assertReason(Reason.MALFORMED_RLP, bomb);
    }
  }

  @Test
  void nodesKeepsEachRecordsBytes() throws Exception {
    Enr enr = Enr.fromText(TestData.allRecords().get(0));
    byte[] encoded =
        P.encodeMessage(new Message.Nodes(ID, 2, List.of(Bytes.wrap(enr.encoded()))), false);
    Message.Nodes back = (Message.Nodes) P.decodeMessage(encoded).message();
    assertEquals(2, back.total());
    assertEquals(enr, Enr.decode(back.records().get(0).toArray()));
  }

  private static byte[] msg(
      int type, java.util.function.Consumer<org.apache.tuweni.rlp.RLPWriter> body) {
    byte[] b = RLP.encodeList(body).toArrayUnsafe();
    byte[] out = new byte[1 + b.length];
    out[0] = (byte) type;
    System.arraycopy(b, 0, out, 1, b.length);
    return out;
  }

  private static byte[] pong(Bytes ip, Bytes port) {
    return msg(
        2,
        w -> {
          w.writeValue(ID);
          w.writeValue(Bytes.of(1));
          w.writeValue(ip);
          w.writeValue(port);
        });
  }

  private static byte[] findNode(List<Integer> distances) {
    return msg(
        3,
        w -> {
          w.writeValue(ID);
          w.writeList(distances, (l, d) -> l.writeValue(Bytes.minimalBytes(d)));
        });
  }

  private static byte[] nodes(List<Bytes> items) {
    return msg(
        4,
        w -> {
          w.writeValue(ID);
          w.writeValue(Bytes.of(1));
          w.writeList(items, (l, b) -> l.writeValue(b));
        });
  }

  private static void assertReason(Reason reason, byte[] input) {
    Executable call = () -> P.decodeMessage(input);
    DecodeException e = assertThrows(DecodeException.class, call);
    assertEquals(reason, e.reason(), e.getMessage());
  }
}
