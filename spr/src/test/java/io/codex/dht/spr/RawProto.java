package io.codex.dht.spr;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test inputs written field by field with protobuf-java's {@link CodedOutputStream}, in the order
 * given: duplicates, wrong wire types and fields no schema has, which the generated builders cannot
 * produce.
 */
final class RawProto {
  private final ByteString.Output out = ByteString.newOutput();
  private final CodedOutputStream w = CodedOutputStream.newInstance(out);

  /** Writes a varint field. */
  RawProto varint(int field, long value) {
    try {
      w.writeUInt64(field, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Writes a length-delimited field. */
  RawProto bytes(int field, byte[] value) {
    try {
      w.writeByteArray(field, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Writes a nested message field. */
  RawProto message(int field, RawProto nested) {
    return bytes(field, nested.toByteArray());
  }

  /** The bytes written so far. */
  byte[] toByteArray() {
    try {
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteString().toByteArray();
  }

  /** The number of bytes written so far. */
  int size() {
    return toByteArray().length;
  }

  /** Every length-delimited field of {@code bytes} by number, in order; other fields skipped. */
  static Map<Integer, List<byte[]>> lengthDelimited(byte[] bytes) throws IOException {
    Map<Integer, List<byte[]>> fields = new TreeMap<>();
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        fields
            .computeIfAbsent(WireFormat.getTagFieldNumber(tag), k -> new ArrayList<>())
            .add(in.readByteArray());
      } else if (!in.skipField(tag)) {
        break;
      }
    }
    return fields;
  }
}
