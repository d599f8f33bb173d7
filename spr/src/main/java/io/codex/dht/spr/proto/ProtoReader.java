package io.codex.dht.spr.proto;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;
import java.util.Arrays;

/**
 * A forward-only reader of protobuf wire format over a byte array slice, as the Codex and libp2p
 * encoders write it: unsigned varints and length-delimited fields, unknown fields skipped.
 *
 * <p>Every length is checked against the bytes that remain before anything is allocated, and every
 * failure is a {@link DecodeException} with a reason. Nested messages are read in place, without
 * copying.
 *
 * <pre>{@code
 * ProtoReader r = ProtoReader.of(bytes);
 * while (r.next()) {
 *   switch (r.field()) {
 *     case 1 -> seq = r.varint();
 *     default -> r.skip();
 *   }
 * }
 * }</pre>
 */
public final class ProtoReader {
  /** Wire type of varint fields. */
  public static final int VARINT = 0;

  /** Wire type of 64-bit fixed fields. */
  public static final int FIXED64 = 1;

  /** Wire type of length-delimited fields. */
  public static final int LEN = 2;

  /** Wire type of 32-bit fixed fields. */
  public static final int FIXED32 = 5;

  private final byte[] buf;
  private final int end;
  private int pos;
  private int field;
  private int wireType;
  private int sliceOffset;

  private ProtoReader(byte[] buf, int offset, int length) {
    this.buf = buf;
    this.pos = offset;
    this.end = offset + length;
  }

  /** A reader over the whole array. */
  public static ProtoReader of(byte[] bytes) {
    return new ProtoReader(bytes, 0, bytes.length);
  }

  /** A reader over {@code bytes[offset, offset + length)}. */
  public static ProtoReader of(byte[] bytes, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > bytes.length) {
      throw new IndexOutOfBoundsException("slice outside the array");
    }
    return new ProtoReader(bytes, offset, length);
  }

  /**
   * Reads the next field's tag; returns false at the end of the input. Field numbers must be
   * positive and wire types one of varint, fixed64, length-delimited or fixed32 (groups are
   * rejected).
   */
  public boolean next() throws DecodeException {
    if (pos >= end) {
      return false;
    }
    long tag = readRawVarint();
    int type = (int) (tag & 7);
    long number = tag >>> 3;
    if (number == 0 || number > 0x1FFF_FFFF) {
      throw new DecodeException(Reason.MALFORMED_PROTOBUF, "invalid field number " + number);
    }
    if (type != VARINT && type != FIXED64 && type != LEN && type != FIXED32) {
      throw new DecodeException(Reason.MALFORMED_PROTOBUF, "unsupported wire type " + type);
    }
    field = (int) number;
    wireType = type;
    return true;
  }

  /** The current field number. */
  public int field() {
    return field;
  }

  /** The current wire type. */
  public int wireType() {
    return wireType;
  }

  /** Reads the current field as an unsigned varint (uint64). */
  public long varint() throws DecodeException {
    expect(VARINT);
    return readRawVarint();
  }

  /** Reads the current field as an unsigned varint that must fit in 32 bits. */
  public int uint32() throws DecodeException {
    long v = varint();
    if ((v >>> 32) != 0) {
      throw new DecodeException(Reason.MALFORMED_VARINT, "uint32 field out of range");
    }
    return (int) v;
  }

  /** Reads the current length-delimited field as a copy, refusing more than {@code maxLength}. */
  public byte[] bytes(int maxLength) throws DecodeException {
    int length = lengthPrefix();
    if (length > maxLength) {
      throw new DecodeException(
          Reason.TOO_LARGE, "field " + field + " has " + length + " bytes, limit " + maxLength);
    }
    byte[] out = Arrays.copyOfRange(buf, pos, pos + length);
    pos += length;
    return out;
  }

  /**
   * Skips the current length-delimited field, returning its length; {@link #sliceOffset()} then
   * gives where its bytes start in the array.
   */
  public int slice() throws DecodeException {
    int length = lengthPrefix();
    sliceOffset = pos;
    pos += length;
    return length;
  }

  /** The array offset of the field last read by {@link #slice()}. */
  public int sliceOffset() {
    return sliceOffset;
  }

  /** Reads the current length-delimited field as a nested message, in place. */
  public ProtoReader message() throws DecodeException {
    int length = lengthPrefix();
    ProtoReader nested = new ProtoReader(buf, pos, length);
    pos += length;
    return nested;
  }

  /** Skips the current field, whatever its wire type. */
  public void skip() throws DecodeException {
    switch (wireType) {
      case VARINT -> readRawVarint();
      case FIXED64 -> advance(8);
      case FIXED32 -> advance(4);
      case LEN -> advance(lengthPrefix());
      default -> throw new IllegalStateException("wire type was checked in next()");
    }
  }

  /** Whether every byte has been read. */
  public boolean atEnd() {
    return pos >= end;
  }

  private void expect(int type) throws DecodeException {
    if (wireType != type) {
      throw new DecodeException(
          Reason.MALFORMED_PROTOBUF,
          "field " + field + " has wire type " + wireType + ", expected " + type);
    }
  }

  private int lengthPrefix() throws DecodeException {
    expect(LEN);
    long length = readRawVarint();
    // Unsigned compare: a varint of 2^63 or more is negative as a long and must not pass.
    if (Long.compareUnsigned(length, end - pos) > 0) {
      throw new DecodeException(
          Reason.TRUNCATED,
          "field "
              + field
              + " claims "
              + Long.toUnsignedString(length)
              + " bytes, "
              + (end - pos)
              + " remain");
    }
    return (int) length;
  }

  private void advance(int n) throws DecodeException {
    if (n > end - pos) {
      throw new DecodeException(Reason.TRUNCATED, "field " + field + " runs past the end");
    }
    pos += n;
  }

  private long readRawVarint() throws DecodeException {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw new DecodeException(Reason.TRUNCATED, "input ends inside a varint");
      }
      int b = buf[pos++] & 0xFF;
      if (shift == 63 && b > 1) {
        throw new DecodeException(Reason.MALFORMED_VARINT, "varint overflows 64 bits");
      }
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new DecodeException(Reason.MALFORMED_VARINT, "varint longer than 10 bytes");
  }
}
