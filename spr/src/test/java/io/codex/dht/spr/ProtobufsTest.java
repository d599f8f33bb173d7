package io.codex.dht.spr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.proto.EnvelopeProtos.Envelope;
import io.codex.dht.spr.proto.Protobufs;
import io.codex.dht.spr.proto.Protobufs.RepeatedLimit;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The parsing rules every decoder shares: protobuf-java's failures mapped to reasons (this pins the
 * library messages the mapping reads), unknown fields skipped and not kept, nesting limited, and
 * repeated-field limits checked before parsing.
 */
class ProtobufsTest {
  private static final com.google.protobuf.Parser<Envelope> PARSER =
      Protobufs.parser(Envelope.parser());

  @Test
  void everyProtobufJavaFailureHasItsReason() {
    assertReason(Reason.TRUNCATED, new byte[] {0x0a, 0x05, 0x01}); // length past the end
    assertReason(Reason.TRUNCATED, new byte[] {0x0a, -1, -1, -1, -1, 0x0f}); // negative size
    assertReason(Reason.TRUNCATED, new byte[] {0x08, (byte) 0x80}); // ends inside a varint
    assertReason(
        Reason.MALFORMED_VARINT, new byte[] {0x08, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0});
    assertReason(Reason.MALFORMED_PROTOBUF, new byte[] {0x00}); // field 0
    assertReason(Reason.MALFORMED_PROTOBUF, new byte[] {0x0e}); // wire type 6
    assertReason(Reason.MALFORMED_PROTOBUF, new byte[] {0x0c}); // an end-group tag alone
    assertReason(Reason.MALFORMED_PROTOBUF, nestedGroups(9)); // deeper than the limit
    assertDoesNotThrow(() -> Protobufs.parse(PARSER, nestedGroups(3))); // an unknown group
  }

  @Test
  void unknownFieldsAndWrongWireTypesAreSkippedAndNotKept() throws Exception {
    byte[] bytes =
        new RawProto()
            .bytes(1, new byte[] {1})
            .varint(3, 7) // field 3 with the wrong wire type: an unknown field
            .bytes(3, new byte[] {2})
            .bytes(4, new byte[] {3})
            .varint(99, 1)
            .bytes(5, new byte[] {4})
            .bytes(1, new byte[] {5}) // the last value wins
            .toByteArray();
    Envelope e = Protobufs.parse(PARSER, bytes);
    assertArrayEquals(new byte[] {5}, e.getPublicKey().toByteArray());
    assertArrayEquals(new byte[] {2}, e.getPayload().toByteArray());
    assertArrayEquals(new byte[] {4}, e.getSignature().toByteArray());
    assertTrue(e.getUnknownFields().asMap().isEmpty(), "unknown fields are not kept");
  }

  @Test
  void repeatedLimitsAreCheckedBeforeParsing() {
    RepeatedLimit limit =
        new RepeatedLimit(
            2, 3, 2, 4, Reason.TOO_LARGE, Reason.BAD_MESSAGE_FIELD, Reason.BAD_KEY, "entries");
    RawProto three = new RawProto().varint(1, 1).varint(2, 9); // a varint 2 is not an entry
    for (int i = 0; i < 3; i++) {
      three.bytes(2, new byte[2 + i]).bytes(7, new byte[50]);
    }
    assertDoesNotThrow(() -> check(three.toByteArray(), limit));
    assertCheck(Reason.TOO_LARGE, three.bytes(2, new byte[2]).toByteArray(), limit);
    assertCheck(
        Reason.BAD_MESSAGE_FIELD, new RawProto().bytes(2, new byte[1]).toByteArray(), limit);
    assertCheck(Reason.BAD_KEY, new RawProto().bytes(2, new byte[5]).toByteArray(), limit);
    assertCheck(Reason.TRUNCATED, new byte[] {0x12, 0x05, 1, 2}, limit);
    assertCheck(Reason.TRUNCATED, new byte[] {0x12, -1, -1, -1, -1, 0x0f}, limit);
    // Many entries are counted without building anything for them.
    byte[] many = repeat(new RawProto().bytes(2, new byte[2]).toByteArray(), 10_000);
    assertCheck(Reason.TOO_LARGE, many, limit);
    // Malformed input is refused as the parser refuses it.
    assertCheck(Reason.MALFORMED_PROTOBUF, new byte[] {0x0c, 0x12, 0x00}, limit);
  }

  @Test
  void randomInputsFailOnlyWithDecodeExceptions() {
    Random random = new Random(5);
    for (int i = 0; i < 20_000; i++) {
      byte[] input = new byte[random.nextInt(64)];
      random.nextBytes(input);
      try {
        Protobufs.parse(PARSER, input);
      } catch (DecodeException e) {
        assertTrue(e.getCause() != null || e.reason() != null);
      }
    }
  }

  private static void check(byte[] bytes, RepeatedLimit limit) throws DecodeException {
    Protobufs.checkRepeated(bytes, 0, bytes.length, limit);
  }

  private static void assertCheck(Reason reason, byte[] bytes, RepeatedLimit limit) {
    DecodeException e = assertThrows(DecodeException.class, () -> check(bytes, limit));
    assertEquals(reason, e.reason(), e.getMessage());
  }

  private static void assertReason(Reason reason, byte[] bytes) {
    DecodeException e = assertThrows(DecodeException.class, () -> Protobufs.parse(PARSER, bytes));
    assertEquals(reason, e.reason(), e.getMessage());
  }

  /** {@code depth} nested groups of field 9, each closed. */
  private static byte[] nestedGroups(int depth) {
    byte[] out = new byte[2 * depth];
    for (int i = 0; i < depth; i++) {
      out[i] = (byte) ((9 << 3) | 3);
      out[2 * depth - 1 - i] = (byte) ((9 << 3) | 4);
    }
    return out;
  }

  private static byte[] repeat(byte[] part, int times) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < times; i++) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
