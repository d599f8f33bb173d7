package io.codex.dht.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.codex.dht.session.proto.MessageProtos;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.NodeId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Seed inputs of the session fuzz tests, derived from the Codex packet, message and record vectors
 * and from messages of every type built here: in regression mode each seed runs as a test case, in
 * fuzzing mode Jazzer starts from them.
 */
final class SessionFuzzSeeds {
  private static final JsonNode PACKETS = Vectors.CODEX.get("packet_encodings");

  private SessionFuzzSeeds() {}

  /** The seeds as JUnit arguments, one {@code byte[]} each. */
  static Stream<Arguments> arguments(List<byte[]> seeds) {
    return seeds.stream().map(s -> Arguments.of((Object) s));
  }

  /** A PING plaintext (request id 01, seq 1), the message of the authdata target's handshakes. */
  static byte[] ping() {
    return CodexMessageCodec.encode(new Message.Ping(Bytes.of(1), 1), false);
  }

  /** Message plaintexts: the Codex message vectors and one message of every type built here. */
  static List<byte[]> messages() {
    List<byte[]> out = new ArrayList<>();
    for (JsonNode m : Vectors.CODEX.get("message_encodings")) {
      out.add(Vectors.hex(m.get("encoded")));
    }
    for (Message m : builtMessages()) {
      out.add(CodexMessageCodec.encode(m, false));
    }
    out.add(CodexMessageCodec.encode(builtMessages().get(0), true));
    return out;
  }

  /** Provider message bodies behind their type selector (see {@link ProviderMessageFuzzTest}). */
  static List<byte[]> providerBodies() {
    List<byte[]> out = new ArrayList<>();
    for (Message m : builtMessages()) {
      if (ProviderMessageFuzzTest.TYPES.contains(m.type())) {
        out.add(ProviderMessageFuzzTest.seed(m));
      }
    }
    return out;
  }

  /**
   * Unmasked packets ({@code iv || header || authdata || plaintext}): the four Codex packet vectors
   * unmasked and decrypted by node B, and the ordinary vector's header around every seed message.
   */
  static List<byte[]> packets() {
    FuzzNode node = new FuzzNode(CodexProfile.INSTANCE, new CheckingListener());
    PacketCodec codec = new PacketCodec(new Crypto(), node.idB);
    List<byte[]> out = new ArrayList<>();
    byte[] ordinaryHeader = null;
    for (String name :
        List.of(
            "ping_message_packet",
            "whoareyou_packet",
            "ping_handshake_packet",
            "ping_handshake_packet_with_record")) {
      Packet p = decode(codec, Vectors.hex(PACKETS.get(name).get("expected_packet")));
      boolean withRecord = name.endsWith("with_record");
      byte[] header = p.header();
      byte[] plaintext = new byte[0];
      if (p instanceof Packet.Ordinary o) {
        ordinaryHeader = header;
        SecretKeySpec key = Crypto.aesKey(packetInput("ping_message_packet", "read_key"), 0);
        plaintext = codec.open(header, o.packet(), o.messageOffset(), key);
      } else if (p instanceof Packet.Handshake h) {
        byte[] steered = header.clone();
        steered[0] = (byte) (withRecord ? 4 : 0);
        SecretKeySpec key = node.handshakeReadKey(steered);
        plaintext = codec.open(header, h.packet(), h.messageOffset(), key);
      }
      byte[] seed = concat(header, plaintext);
      seed[0] = (byte) (withRecord ? 4 : 0);
      out.add(seed);
      if (p instanceof Packet.Handshake && !withRecord) {
        // B challenged without knowing A's key: found in the directory, or not at all.
        for (int steer : new int[] {8, 8 | 16}) {
          byte[] unknown = seed.clone();
          unknown[0] = (byte) steer;
          out.add(unknown);
        }
      }
    }
    for (byte[] message : messages()) {
      out.add(concat(ordinaryHeader, message));
    }
    return out;
  }

  /** The authdata of the two Codex handshake vectors. */
  static List<byte[]> authdata() {
    FuzzNode node = new FuzzNode(CodexProfile.INSTANCE, new CheckingListener());
    PacketCodec codec = new PacketCodec(new Crypto(), node.idB);
    List<byte[]> out = new ArrayList<>();
    for (String name : List.of("ping_handshake_packet", "ping_handshake_packet_with_record")) {
      byte[] header = decode(codec, Vectors.hex(PACKETS.get(name).get("expected_packet"))).header();
      out.add(Arrays.copyOfRange(header, PacketCodec.AUTHDATA_OFFSET, header.length));
    }
    return out;
  }

  /** An unmasked static header behind a zero IV, with the nonce of the vectors. */
  static byte[] staticHeader(int flag, int authSize) {
    byte[] out = new byte[PacketCodec.AUTHDATA_OFFSET];
    byte[] id = "discv5".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(id, 0, out, PacketCodec.HEADER_OFFSET, id.length);
    out[PacketCodec.HEADER_OFFSET + 7] = 1;
    out[PacketCodec.HEADER_OFFSET + 8] = (byte) flag;
    Arrays.fill(out, PacketCodec.NONCE_OFFSET, PacketCodec.NONCE_OFFSET + 12, (byte) 0xff);
    out[out.length - 2] = (byte) (authSize >>> 8);
    out[out.length - 1] = (byte) authSize;
    return out;
  }

  /** Field 2 (the body) of a message plaintext's envelope. */
  static byte[] body(byte[] plaintext) {
    try {
      MessageProtos.Message m =
          MessageProtos.Message.parseFrom(
              java.util.Arrays.copyOfRange(plaintext, 1, plaintext.length));
      if (!m.hasBody()) {
        throw new IllegalStateException("message without a body");
      }
      return m.getBody().toByteArray();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Message> builtMessages() {
    Bytes id = Bytes.fromHexString("0102030405060708");
    List<Bytes> records = new ArrayList<>();
    for (JsonNode r : Vectors.CODEX.get("spr_records")) {
      records.add(Bytes.wrap(Vectors.hex(r.get("envelope"))));
    }
    NodeId key = NodeId.fromBytes(new byte[32]);
    List<Message> out = new ArrayList<>();
    out.add(new Message.AddProvider(id, key, records.get(0)));
    out.add(new Message.GetProviders(id, key));
    out.add(new Message.Providers(id, 2, records));
    out.add(new Message.Providers(Bytes.EMPTY, 0, List.of()));
    out.add(new Message.Ping(id, -1L));
    out.add(new Message.Pong(id, 7, new InetSocketAddress(address(16), 65535)));
    out.add(new Message.Pong(Bytes.EMPTY, 0, new InetSocketAddress(address(4), 0)));
    out.add(new Message.FindNode(id, List.of(256, 255, 0)));
    out.add(new Message.FindNodeFast(id, key));
    out.add(new Message.Nodes(id, 3, records));
    out.add(new Message.TalkReq(id, Bytes.of('e', 'c', 'h', 'o'), Bytes.EMPTY));
    out.add(new Message.TalkResp(id, Bytes.of(1, 2, 3)));
    for (int type = Message.TYPE_REGTOPIC; type <= Message.TYPE_TOPICQUERY; type++) {
      out.add(new Message.Ignored(id, type));
    }
    return out;
  }

  private static InetAddress address(int length) {
    byte[] raw = new byte[length];
    raw[0] = (byte) (length == 4 ? 127 : 0x20);
    raw[length - 1] = 1;
    try {
      return InetAddress.getByAddress(raw);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Packet decode(PacketCodec codec, byte[] packet) {
    try {
      return codec.decode(packet);
    } catch (DecodeException e) {
      throw new IllegalStateException("a vector packet does not decode", e);
    }
  }

  private static byte[] packetInput(String packet, String field) {
    return Vectors.hex(PACKETS.get(packet).get("inputs").get(field).asText());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
