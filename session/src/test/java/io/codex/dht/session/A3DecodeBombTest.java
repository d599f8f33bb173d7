package io.codex.dht.session;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A3: hand-made length and protobuf bombs for the message codec, the packet codec and the
 * handshake-record reader: length prefixes of 2^32-1 and 2^64-1, 10- and 11-byte varints, nested
 * groups, 600 entries of a repeated field, duplicate singular fields, unknown fields, {@code total}
 * = 2^32-1, a record with 1,000 addresses. Each is rejected with the typed {@link DecodeException}
 * and its reason, or accepted by a stated policy (unknown fields are skipped, a duplicate singular
 * field's last value wins as in nim-libp2p's minprotobuf, a 10-byte varint that fits 64 bits is a
 * valid uint64); and no input makes a decoder allocate more than twice its length plus a small
 * constant (measured with the thread's allocation counter).
 *
 * <p>Values are as protobuf-java reads them: a length prefix counts by its low 32 bits (2^63 reads
 * as 0, 2^32-1 and 2^64-1 as a negative size, refused as truncated), and a 10-byte varint keeps its
 * low 64 bits (an overflowing one is not refused). Either way nothing is allocated by the claimed
 * length and every outcome is a typed error or a policy decision.
 */
class A3DecodeBombTest {
  /**
   * Allocation allowed per input beyond twice its length: the exception and its message, the
   * message objects, and for a handshake record the decoding of its public key (a curve point).
   */
  private static final long CONSTANT = 4096;

  private static final long U32_MAX = 0xFFFF_FFFFL;
  private static final long U64_MAX = -1L;

  /** Which decoder a case goes to. */
  private enum Target {
    MESSAGE,
    PACKET,
    RECORD
  }

  /** One bomb: its input and what must happen (a reason, or null for accepted by policy). */
  private record Case(String name, Target target, byte[] input, Reason expected) {}

  private final NodeId local = NodeId.fromBytes(new byte[32]);
  private final PacketCodec packets = new PacketCodec(new Crypto(), local);
  private final Remask remask = new Remask(local);
  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  @Test
  void everyBombIsRejectedOrIgnoredWithBoundedAllocation() {
    List<Case> cases = cases();
    List<String> failures = new ArrayList<>();
    for (Case c : cases) {
      run(c, new ArrayList<>()); // warm-up: class loading and JIT allocate too
    }
    long worst = Long.MIN_VALUE;
    String worstName = "";
    for (Case c : cases) {
      long allocated = run(c, failures);
      long excess = allocated - 2L * c.input().length;
      if (excess > worst) {
        worst = excess;
        worstName = c.name();
      }
      if (allocated > 2L * c.input().length + CONSTANT) {
        failures.add(c.name() + ": allocated " + allocated + " for " + c.input().length + " bytes");
      }
    }
    assertTrue(
        failures.isEmpty(),
        failures.size() + " of " + cases.size() + " failed:\n" + String.join("\n", failures));
    System.out.printf(
        "A3: %d bombs, worst allocation %d bytes over twice the input (%s)%n",
        cases.size(), worst, worstName);
  }

  /**
   * A length prefix of 2^64-k, read as a signed number, is -k: a reader that moves back by it lands
   * on the same tag again and loops forever. Run under a time limit so such a reader fails the test
   * instead of hanging the build.
   */
  @Test
  void aLengthPrefixJustBelow2To64NeverLoops() {
    for (int field : new int[] {1, 2, 15}) {
      // type byte, then the tag at offset 1 and a 10-byte length: the reader is at offset 12.
      byte[] input = concat(new byte[] {1}, lenPrefix(field, -11L), new byte[8]);
      DecodeException e =
          assertTimeoutPreemptively(
              Duration.ofSeconds(10),
              () -> assertThrows(DecodeException.class, () -> CodexMessageCodec.decode(input)),
              "field " + field);
      assertTrue(e.reason() == Reason.TRUNCATED, "field " + field + ": " + e.reason());
      byte[] envelope = concat(lenPrefix(field, -11L), new byte[8]);
      assertTimeoutPreemptively(
          Duration.ofSeconds(10),
          () ->
              assertThrows(
                  DecodeException.class, () -> CodexProfile.INSTANCE.recordPublicKey(envelope)),
          "record field " + field);
    }
  }

  /** Decodes {@code c}, notes a wrong outcome, returns the bytes allocated meanwhile. */
  private long run(Case c, List<String> failures) {
    long tid = Thread.currentThread().getId();
    Reason got = null;
    long before = threads.getThreadAllocatedBytes(tid);
    try {
      switch (c.target()) {
        case MESSAGE -> CodexMessageCodec.decode(c.input());
        case PACKET -> packets.decode(c.input());
        case RECORD -> CodexProfile.INSTANCE.recordPublicKey(c.input());
      }
    } catch (DecodeException e) {
      got = e.reason();
    } catch (RuntimeException e) {
      failures.add(c.name() + ": threw " + e);
      return 0;
    }
    long allocated = threads.getThreadAllocatedBytes(tid) - before;
    if (c.expected() != got) {
      failures.add(c.name() + ": expected " + c.expected() + ", got " + got);
    }
    return allocated;
  }

  private List<Case> cases() {
    List<Case> out = new ArrayList<>();
    byte[] ping = new RawProto().varint(1, 1).toByteArray();
    for (long length : new long[] {U32_MAX, U64_MAX, 1L << 31, 1L << 63, (1L << 63) + 5}) {
      String l = Long.toUnsignedString(length);
      // Request id, body, clientMode-as-bytes, an unknown field: each claims `length` bytes.
      for (int field : new int[] {1, 2, 3, 15}) {
        byte[] env =
            concat(
                new RawProto().bytes(1, new byte[] {1}).toByteArray(),
                lenPrefix(field, length),
                new byte[] {1, 2, 3});
        out.add(
            message(
                "length " + l + " in envelope field " + field,
                1,
                env,
                length == 1L << 63 ? Reason.MALFORMED_PROTOBUF : Reason.TRUNCATED));
      }
      // Inside a body: a NODES record and an unknown body field.
      for (int field : new int[] {2, 9}) {
        byte[] body = concat(new RawProto().varint(1, 1).toByteArray(), lenPrefix(field, length));
        // 2^63 is an empty field: a 0-byte record is refused, an empty unknown field skipped.
        Reason expected =
            length != 1L << 63 ? Reason.TRUNCATED : field == 2 ? Reason.BAD_MESSAGE_FIELD : null;
        out.add(message("length " + l + " in NODES field " + field, 4, envelope(body), expected));
      }
    }
    // Varints: 10 bytes holding 2^64-1 is a valid uint64, and so (protobuf-java keeps the low 64
    // bits) is 10 bytes overflowing; 11 bytes are not.
    out.add(
        message("10-byte varint seq", 1, envelope(concat(new byte[] {8}, varint(U64_MAX))), null));
    out.add(
        message(
            "10-byte varint seq padded",
            1,
            envelope(
                new byte[] {
                  8,
                  (byte) 0x81,
                  (byte) 0x80,
                  (byte) 0x80,
                  (byte) 0x80,
                  (byte) 0x80,
                  (byte) 0x80,
                  (byte) 0x80,
                  (byte) 0x80,
                  (byte) 0x80,
                  0
                }),
            null));
    out.add(
        message(
            "10-byte varint overflowing",
            1,
            envelope(new byte[] {8, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0x7F}),
            null));
    out.add(
        message(
            "11-byte varint",
            1,
            envelope(new byte[] {8, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0}),
            Reason.MALFORMED_VARINT));
    out.add(
        message(
            "11-byte varint as a tag",
            1,
            new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0},
            Reason.MALFORMED_VARINT));
    out.add(
        message(
            "10-byte varint total",
            4,
            envelope(concat(new byte[] {8}, varint(U64_MAX))),
            Reason.BAD_MESSAGE_FIELD));
    out.add(
        message(
            "total 2^32-1",
            4,
            envelope(new RawProto().varint(1, U32_MAX).toByteArray()),
            Reason.BAD_MESSAGE_FIELD));
    // Groups (wire types 3 and 4), nested 600 deep, in the envelope and in a body.
    byte[] groups = repeat(new byte[] {0x0B}, 600); // field 1, start group
    out.add(message("600 nested groups in the envelope", 1, groups, Reason.MALFORMED_PROTOBUF));
    out.add(message("600 nested groups in a body", 1, envelope(groups), Reason.MALFORMED_PROTOBUF));
    out.add(message("an end-group tag", 1, new byte[] {0x0C}, Reason.MALFORMED_PROTOBUF));
    // 600 entries of repeated fields.
    out.add(
        message(
            "600 distances",
            3,
            envelope(repeat(new RawProto().bytes(1, new byte[] {0, 1}).toByteArray(), 600)),
            Reason.TOO_LARGE));
    out.add(
        message(
            "600 records",
            4,
            envelope(
                concat(
                    new RawProto().varint(1, 1).toByteArray(),
                    repeat(new RawProto().bytes(2, new byte[64]).toByteArray(), 600))),
            Reason.TOO_LARGE));
    out.add(
        message(
            "600 one-byte records",
            4,
            envelope(
                concat(
                    new RawProto().varint(1, 1).toByteArray(),
                    repeat(new RawProto().bytes(2, new byte[] {1}).toByteArray(), 600))),
            Reason.BAD_MESSAGE_FIELD));
    out.add(
        message(
            "600 unknown fields",
            1,
            envelope(
                concat(ping, repeat(new RawProto().bytes(9, new byte[] {1}).toByteArray(), 600))),
            null));
    // Duplicates: the last value wins (minprotobuf), unknown fields are skipped.
    byte[] twice =
        concat(
            new RawProto().bytes(1, new byte[] {1}).toByteArray(),
            new RawProto().bytes(1, new byte[] {2}).toByteArray(),
            new RawProto().bytes(2, ping).toByteArray(),
            new RawProto().bytes(2, ping).toByteArray(),
            new RawProto().bytes(14, new byte[40]).varint(13, 7).toByteArray());
    out.add(message("duplicate request id and body", 1, twice, null));
    out.add(
        message(
            "duplicate total",
            4,
            envelope(new RawProto().varint(1, 1).varint(1, 2).toByteArray()),
            null));
    // A record with 1,000 addresses: in NODES, in ADD_PROVIDER and in a handshake.
    byte[] huge = recordWithAddresses(1000);
    out.add(
        message(
            "NODES with a 1,000-address record",
            4,
            envelope(new RawProto().varint(1, 1).bytes(2, huge).toByteArray()),
            Reason.TOO_LARGE));
    out.add(
        message(
            "ADD_PROVIDER with a 1,000-address record",
            11,
            envelope(new RawProto().bytes(1, new byte[32]).bytes(2, huge).toByteArray()),
            Reason.TOO_LARGE));
    out.add(
        new Case("handshake record with 1,000 addresses", Target.RECORD, huge, Reason.TOO_LARGE));
    out.add(
        new Case(
            "handshake record with 17 addresses", Target.RECORD, recordWithAddresses(17), null));
    // Packet-level bombs (headers masked for us).
    out.add(packet("authdata-size 0xFFFF", 0, 0xFFFF, 100, Reason.BAD_AUTHDATA));
    out.add(packet("handshake authdata-size 0xFFFF", 2, 0xFFFF, 1200, Reason.BAD_AUTHDATA));
    byte[] sigKey = packetBytes(2, 34 + 10, 200);
    sigKey[PacketCodec.AUTHDATA_OFFSET + 32] = (byte) 255;
    sigKey[PacketCodec.AUTHDATA_OFFSET + 33] = (byte) 255;
    out.add(
        new Case(
            "sig-size and eph-key-size 255",
            Target.PACKET,
            remask.mask(sigKey),
            Reason.BAD_AUTHDATA));
    out.add(packet("a 65,536-byte packet", 0, 32, 65_536, Reason.PACKET_TOO_LARGE));
    out.add(packet("a 1,281-byte handshake", 2, 200, 1281, Reason.PACKET_TOO_LARGE));
    out.add(packet("a 62-byte packet", 1, 24, 62, Reason.PACKET_TOO_SMALL));
    out.add(packet("flag 255", 255, 32, 100, Reason.BAD_FLAG));
    return out;
  }

  private Case message(String name, int type, byte[] envelope, Reason expected) {
    return new Case(name, Target.MESSAGE, concat(new byte[] {(byte) type}, envelope), expected);
  }

  private Case packet(String name, int flag, int authSize, int length, Reason expected) {
    return new Case(
        name, Target.PACKET, remask.mask(packetBytes(flag, authSize, length)), expected);
  }

  /** A plain packet: random IV, "discv5", version 1, {@code flag}, zero nonce, {@code authSize}. */
  private static byte[] packetBytes(int flag, int authSize, int length) {
    byte[] p = new byte[length];
    new Random(length).nextBytes(p);
    if (length >= PacketCodec.AUTHDATA_OFFSET) {
      byte[] header = {'d', 'i', 's', 'c', 'v', '5', 0, 1, (byte) flag};
      System.arraycopy(header, 0, p, PacketCodec.HEADER_OFFSET, header.length);
      p[PacketCodec.AUTHDATA_OFFSET - 2] = (byte) (authSize >>> 8);
      p[PacketCodec.AUTHDATA_OFFSET - 1] = (byte) authSize;
    }
    return p;
  }

  /** A signed-envelope-shaped record whose peer record lists {@code n} addresses (unsigned). */
  private static byte[] recordWithAddresses(int n) {
    PrivateKey key = PrivateKey.generate(new Random(n));
    RawProto payload =
        new RawProto().bytes(1, io.codex.dht.spr.PeerId.of(key.publicKey()).toBytes()).varint(2, 1);
    byte[] udp = {0x04, 1, 2, 3, 4, (byte) 0x91, 0x02, 0x23, 0x28}; // /ip4/1.2.3.4/udp/9000
    for (int i = 0; i < n; i++) {
      payload.message(3, new RawProto().bytes(1, udp));
    }
    return new RawProto()
        .bytes(1, key.publicKey().toProtobuf())
        .bytes(2, new byte[] {3, 1})
        .bytes(3, payload.toByteArray())
        .bytes(5, new byte[70])
        .toByteArray();
  }

  private static byte[] envelope(byte[] body) {
    return new RawProto().bytes(1, new byte[] {1}).bytes(2, body).toByteArray();
  }

  /** The tag of a length-delimited {@code field} followed by {@code length} as a varint. */
  private static byte[] lenPrefix(int field, long length) {
    return concat(varint((field << 3) | 2), varint(length));
  }

  private static byte[] varint(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
    return out.toByteArray();
  }

  private static byte[] repeat(byte[] part, int times) {
    byte[][] parts = new byte[times][];
    java.util.Arrays.fill(parts, part);
    return concat(parts);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
