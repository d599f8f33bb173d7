package io.codex.dht.discv5.providers;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;

/**
 * The multiformats unsigned varint: at most 9 bytes, values below 2^63, minimal encoding only.
 *
 * <p>Implementation notes: this is stricter than the protobuf varint (which allows 10 bytes and
 * padded encodings), as the multiformats spec requires; so a CID has exactly one binary form and
 * therefore exactly one DHT key.
 */
final class Varint {
  /** The longest encoding the spec allows. */
  static final int MAX_BYTES = 9;

  private final byte[] input;
  private int position;

  Varint(byte[] input, int position) {
    this.input = input;
    this.position = position;
  }

  /** The offset of the next unread byte. */
  int position() {
    return position;
  }

  /** The number of unread bytes. */
  int remaining() {
    return input.length - position;
  }

  /** Reads one varint; {@code what} names it in error messages. */
  long read(String what) throws DecodeException {
    long value = 0;
    for (int i = 0; i < MAX_BYTES; i++) {
      if (position >= input.length) {
        throw new DecodeException(Reason.BAD_CID, "input ends inside the " + what + " varint");
      }
      int b = input[position++] & 0xFF;
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new DecodeException(Reason.BAD_CID, "the " + what + " varint is not minimal");
        }
        return value;
      }
    }
    throw new DecodeException(Reason.BAD_CID, "the " + what + " varint is longer than 9 bytes");
  }

  /** Writes {@code value} (non-negative) at {@code offset}; returns the offset after it. */
  static int write(long value, byte[] out, int offset) {
    while ((value & ~0x7FL) != 0) {
      out[offset++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out[offset++] = (byte) value;
    return offset;
  }
}
