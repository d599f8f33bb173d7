package io.codex.dht.discv5;

import com.google.protobuf.CodedOutputStream;
import io.codex.dht.session.SessionLayer;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the records of a NODES or PROVIDERS answer into as few messages as fit one 1280-byte
 * packet each: {@code type || {1: request id, 2: {1: total, 2: record...}, [3: clientMode], [16:
 * features]}}.
 */
final class RecordPacker {
  /** The largest message plaintext an ordinary packet of 1280 bytes carries. */
  static final int MAX_PLAINTEXT = SessionLayer.MAX_MESSAGE_SIZE;

  /** The envelope's features field at most: a two-byte tag and a one-byte value. */
  static final int FEATURES_FIELD = 3;

  private RecordPacker() {}

  /**
   * Groups {@code records} in order; every group's message, with a request id of {@code
   * requestIdLength} bytes, fits {@link #MAX_PLAINTEXT}. An empty list gives one empty group.
   */
  static List<List<byte[]>> pack(List<byte[]> records, int requestIdLength, boolean clientMode) {
    int fixed =
        1 // message type
            + bytesFieldSize(1, requestIdLength)
            + (clientMode ? 2 : 0)
            + FEATURES_FIELD;
    int totalField = 1 + 5; // tag + the widest varint: the count is not known while packing
    List<List<byte[]>> groups = new ArrayList<>();
    List<byte[]> current = new ArrayList<>();
    int body = totalField;
    for (byte[] r : records) {
      int field = bytesFieldSize(2, r.length);
      if (!current.isEmpty() && fixed + bytesFieldSize(2, body + field) > MAX_PLAINTEXT) {
        groups.add(current);
        current = new ArrayList<>();
        body = totalField;
      }
      if (fixed + bytesFieldSize(2, body + field) > MAX_PLAINTEXT) {
        continue; // a record too large for any packet is left out
      }
      current.add(r);
      body += field;
    }
    if (!current.isEmpty() || groups.isEmpty()) {
      groups.add(current);
    }
    return groups;
  }

  /** The encoded size of a length-delimited field with this payload length. */
  private static int bytesFieldSize(int field, int length) {
    return CodedOutputStream.computeTagSize(field)
        + CodedOutputStream.computeUInt32SizeNoTag(length)
        + length;
  }
}
