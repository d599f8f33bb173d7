package io.codex.dht.spr.proto;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.DiscardUnknownFieldsParser;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;
import java.io.IOException;

/**
 * Reads the generated protobuf messages from bounded byte arrays, the one way every decoder here
 * parses: unknown fields are skipped and not kept, bytes fields are views of the input (no copy),
 * nesting is limited, and every protobuf-java failure becomes a {@link DecodeException} with a
 * reason.
 *
 * <p>Protobuf has no limit on how often a repeated field occurs; {@link #checkRepeated} enforces
 * one before a message is parsed, so a list of many tiny entries is refused before an object is
 * built for each of them.
 */
public final class Protobufs {
  /** Nesting allowed: the schemas nest at most two messages; groups in unknown fields count too. */
  static final int RECURSION_LIMIT = 8;

  private Protobufs() {}

  /**
   * Limits on one repeated length-delimited field.
   *
   * @param field the field number
   * @param maxCount the most occurrences; one more is refused with {@code countReason}
   * @param minLength the shortest entry
   * @param maxLength the longest entry
   * @param countReason the reason for too many entries
   * @param shortReason the reason for an entry shorter than {@code minLength}
   * @param longReason the reason for an entry longer than {@code maxLength}
   * @param what the entries' name, for messages
   */
  public record RepeatedLimit(
      int field,
      int maxCount,
      int minLength,
      int maxLength,
      Reason countReason,
      Reason shortReason,
      Reason longReason,
      String what) {}

  /** A parser of {@code parser}'s message that skips unknown fields without keeping them. */
  public static <T extends Message> Parser<T> parser(Parser<T> parser) {
    return DiscardUnknownFieldsParser.wrap(parser);
  }

  /**
   * Parses {@code bytes[offset, offset + length)} with a parser from {@link #parser}; the bytes
   * fields of the result are views of {@code bytes}, which must not change afterwards.
   */
  public static <T> T parse(Parser<T> parser, byte[] bytes, int offset, int length)
      throws DecodeException {
    return parse(parser, UnsafeByteOperations.unsafeWrap(bytes, offset, length));
  }

  /**
   * Parses {@code bytes} (for example a bytes field of a message parsed before, without copying
   * it); the result's bytes fields are views of the same array.
   */
  public static <T> T parse(Parser<T> parser, ByteString bytes) throws DecodeException {
    CodedInputStream in = bytes.newCodedInput();
    in.enableAliasing(true);
    in.setRecursionLimit(RECURSION_LIMIT);
    try {
      T message = parser.parseFrom(in);
      in.checkLastTagWas(0); // a parse that stopped at an end-group tag did not read everything
      return message;
    } catch (InvalidProtocolBufferException e) {
      throw decodeException(e);
    }
  }

  /** Parses the whole array. */
  public static <T> T parse(Parser<T> parser, byte[] bytes) throws DecodeException {
    return parse(parser, bytes, 0, bytes.length);
  }

  /**
   * Checks {@code limit} over the top-level fields of {@code bytes[offset, offset + length)}
   * without building anything: protobuf-java's own reader walks the tags, counts the field's
   * entries and reads their length prefixes. Malformed input fails as {@link #parse} fails on it;
   * an entry whose length prefix claims more than the input holds is {@code TRUNCATED}.
   */
  public static void checkRepeated(byte[] bytes, int offset, int length, RepeatedLimit limit)
      throws DecodeException {
    checkRepeated(UnsafeByteOperations.unsafeWrap(bytes, offset, length), limit);
  }

  /** {@link #checkRepeated(byte[], int, int, RepeatedLimit)} over {@code bytes}. */
  public static void checkRepeated(ByteString bytes, RepeatedLimit limit) throws DecodeException {
    CodedInputStream in = bytes.newCodedInput();
    in.setRecursionLimit(RECURSION_LIMIT);
    int wanted = (limit.field() << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED;
    int count = 0;
    try {
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (tag != wanted) {
          if (!in.skipField(tag)) {
            return; // an end-group tag: parse() refuses it
          }
          continue;
        }
        if (++count > limit.maxCount()) {
          throw new DecodeException(
              limit.countReason(), "more than " + limit.maxCount() + " " + limit.what());
        }
        int size = in.readRawVarint32();
        if (size < 0 || size > in.getBytesUntilLimit()) {
          throw new DecodeException(Reason.TRUNCATED, limit.what() + " runs past the end");
        }
        if (size < limit.minLength() || size > limit.maxLength()) {
          throw new DecodeException(
              size < limit.minLength() ? limit.shortReason() : limit.longReason(),
              "one of the " + limit.what() + " has " + size + " bytes");
        }
        in.skipRawBytes(size);
      }
    } catch (InvalidProtocolBufferException e) {
      throw decodeException(e);
    } catch (IOException e) {
      throw new DecodeException(Reason.MALFORMED_PROTOBUF, "unreadable input", e); // arrays: never
    }
  }

  // Implementation notes: protobuf-java names its failures only in the exception's message (the
  // factory methods are not public), so the reason is read from it; ProtobufsTest pins every
  // message this mapping relies on, so a library change that rewords one fails the build.
  static DecodeException decodeException(InvalidProtocolBufferException e) {
    String text = String.valueOf(e.getMessage());
    Reason reason;
    if (text.contains("input ended unexpectedly") || text.contains("negative size")) {
      reason = Reason.TRUNCATED;
    } else if (text.contains("malformed varint")) {
      reason = Reason.MALFORMED_VARINT;
    } else {
      reason = Reason.MALFORMED_PROTOBUF;
    }
    return new DecodeException(reason, text, e);
  }
}
