package io.codex.dht.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import io.codex.dht.spr.proto.ProtoWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/** The generated message encoder against the hand-written one it replaces, on 10,000 messages. */
class LegacyMessageEncoderDiffTest {
  @Test
  void everyMessageKindEncodesByteForByteAsBefore() throws Exception {
    RandomMessages r = new RandomMessages(20);
    java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
    for (int i = 0; i < 10_000; i++) {
      Message m = r.next();
      boolean clientMode = r.nextBoolean();
      byte[] encoded = CodexMessageCodec.encode(m, clientMode);
      assertArrayEquals(legacy(m, clientMode), encoded, i + ": " + m);
      byte[] old = legacy(m, clientMode);
      digest.update(java.nio.ByteBuffer.allocate(4).putInt(old.length).array());
      digest.update(old);
      if (!(m instanceof Ignored)) {
        assertEquals(m, CodexMessageCodec.decode(encoded).message(), i + ": " + m);
      }
    }
    System.out.println("GOLDEN messages " + java.util.HexFormat.of().formatHex(digest.digest()));
  }

  private static byte[] legacy(Message message, boolean clientMode) {
    ProtoWriter body = new ProtoWriter(32);
    if (message instanceof Ping m) {
      body.varint(1, m.enrSeq());
    } else if (message instanceof Pong m) {
      InetAddress ip = m.observed().getAddress();
      ProtoWriter address =
          new ProtoWriter(24)
              .bytes(1, new byte[] {(byte) (ip instanceof Inet4Address ? 1 : 0)})
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
      records(body, m.total(), m.records());
    } else if (message instanceof TalkReq m) {
      body.bytes(1, m.protocol().toArrayUnsafe()).bytes(2, m.request().toArrayUnsafe());
    } else if (message instanceof TalkResp m) {
      body.bytes(2, m.response().toArrayUnsafe());
    } else if (message instanceof AddProvider m) {
      body.bytes(1, m.key().toBytes()).bytes(2, m.record().toArrayUnsafe());
    } else if (message instanceof GetProviders m) {
      body.bytes(1, m.key().toBytes());
    } else if (message instanceof Providers m) {
      records(body, m.total(), m.records());
    } else if (message instanceof FindNodeFast m) {
      body.bytes(1, m.target().toBytes());
    }
    ProtoWriter envelope = new ProtoWriter(body.size() + 16);
    envelope.bytes(1, message.requestId().toArrayUnsafe()).message(2, body);
    if (clientMode) {
      envelope.varint(3, 1);
    }
    byte[] encoded = envelope.toByteArray();
    byte[] out = new byte[1 + encoded.length];
    out[0] = (byte) message.type();
    System.arraycopy(encoded, 0, out, 1, encoded.length);
    return out;
  }

  private static void records(ProtoWriter body, int total, List<Bytes> records) {
    body.varint(1, total);
    for (Bytes r : records) {
      body.bytes(2, r.toArrayUnsafe());
    }
  }
}
