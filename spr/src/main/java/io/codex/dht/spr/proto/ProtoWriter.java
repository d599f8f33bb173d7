package io.codex.dht.spr.proto;

import java.util.Arrays;

/**
 * A protobuf wire-format writer that emits exactly the fields it is given, in the order given, as
 * the Codex (nim-libp2p minprotobuf) encoder does: no default values are omitted.
 */
public final class ProtoWriter {
  private byte[] buf;
  private int size;

  /** A writer with a small initial buffer. */
  public ProtoWriter() {
    this(64);
  }

  /** A writer whose buffer starts at {@code capacity} bytes. */
  public ProtoWriter(int capacity) {
    buf = new byte[Math.max(capacity, 16)];
  }

  /** Writes a varint field. */
  public ProtoWriter varint(int field, long value) {
    tag(field, ProtoReader.VARINT);
    rawVarint(value);
    return this;
  }

  /** Writes a length-delimited field holding {@code value}. */
  public ProtoWriter bytes(int field, byte[] value) {
    return bytes(field, value, 0, value.length);
  }

  /** Writes a length-delimited field holding {@code value[offset, offset + length)}. */
  public ProtoWriter bytes(int field, byte[] value, int offset, int length) {
    tag(field, ProtoReader.LEN);
    rawVarint(length);
    ensure(length);
    System.arraycopy(value, offset, buf, size, length);
    size += length;
    return this;
  }

  /** Writes a nested message field. */
  public ProtoWriter message(int field, ProtoWriter nested) {
    return bytes(field, nested.buf, 0, nested.size);
  }

  /** The bytes written so far. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /** The number of bytes written so far. */
  public int size() {
    return size;
  }

  /** The encoded size of a varint. */
  public static int varintSize(long value) {
    int n = 1;
    while ((value & ~0x7FL) != 0) {
      value >>>= 7;
      n++;
    }
    return n;
  }

  /** The encoded size of a length-delimited field with a small field number and this payload. */
  public static int bytesFieldSize(int field, int length) {
    return varintSize((long) field << 3) + varintSize(length) + length;
  }

  /** Writes {@code value} as an unsigned varint into {@code out} at {@code offset}. */
  public static int writeVarint(byte[] out, int offset, long value) {
    while ((value & ~0x7FL) != 0) {
      out[offset++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out[offset++] = (byte) value;
    return offset;
  }

  private void tag(int field, int wireType) {
    rawVarint(((long) field << 3) | wireType);
  }

  private void rawVarint(long value) {
    ensure(10);
    size = writeVarint(buf, size, value);
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
  }
}
