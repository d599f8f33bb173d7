package io.codex.dht.ethereum;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.EndOfRLPException;
import org.apache.tuweni.rlp.RLP;
import org.apache.tuweni.rlp.RLPException;
import org.apache.tuweni.rlp.RLPReader;

/**
 * A strict cursor over the items of one RLP list, read with tuweni-rlp in its non-lenient mode
 * (minimal length prefixes, single bytes below 0x80 not wrapped, integers without leading zeros)
 * plus what discv5 needs on top: the input is exactly one list (no trailing bytes), its size is
 * checked before anything is read, integers fit their type, and nesting goes only as deep as the
 * caller asks ({@link #list()}), so no input can make the decoder recurse.
 *
 * <p>tuweni checks every length against the bytes that remain before slicing, and slices share the
 * input, so an attacker-supplied length never causes an allocation.
 */
final class RlpList {
  private final Bytes content;
  private final RLPReader reader;

  private RlpList(Bytes content) {
    this.content = content;
    this.reader = RLP.decode(content, false, r -> r);
  }

  /**
   * The list that {@code input} must consist of exactly.
   *
   * @throws DecodeException when {@code input} is larger than {@code maxSize}, is not one canonical
   *     RLP list, or has bytes after it
   */
  static RlpList of(Bytes input, int maxSize) throws DecodeException {
    if (input.size() > maxSize) {
      throw new DecodeException(
          Reason.TOO_LARGE, "RLP of " + input.size() + " bytes exceeds " + maxSize);
    }
    if (input.isEmpty()) {
      throw new DecodeException(Reason.TRUNCATED, "empty RLP input");
    }
    RLPReader outer = RLP.decode(input, false, r -> r);
    RlpList list = read(() -> new RlpList(outer.readList(false, RlpList::remainder)));
    if (!outer.isComplete()) {
      throw new DecodeException(Reason.TRAILING_BYTES, "bytes after the RLP list");
    }
    return list;
  }

  /** Whether an item remains. */
  boolean hasNext() {
    return !reader.isComplete();
  }

  /** The next item, which must be a byte string. */
  Bytes bytes() throws DecodeException {
    requireNext();
    return read(() -> reader.readValue(false));
  }

  /** The next item, a byte string of at most {@code max} bytes. */
  Bytes bytes(int max, String what) throws DecodeException {
    Bytes b = bytes();
    if (b.size() > max) {
      throw new DecodeException(Reason.TOO_LARGE, what + " of " + b.size() + " bytes");
    }
    return b;
  }

  /** The next item, a canonical unsigned integer of at most 64 bits (as a signed long). */
  long uint64(String what) throws DecodeException {
    Bytes b = bytes();
    if (b.size() > 8) {
      throw new DecodeException(Reason.MALFORMED_RLP, what + " exceeds 64 bits");
    }
    if (b.size() > 0 && b.get(0) == 0) {
      throw new DecodeException(Reason.MALFORMED_RLP, what + " has a leading zero byte");
    }
    return b.isEmpty() ? 0 : b.toLong();
  }

  /** The next item, a canonical unsigned integer no larger than {@code max}. */
  int uint(int max, String what) throws DecodeException {
    long v = uint64(what);
    if (v < 0 || v > max) {
      throw new DecodeException(Reason.BAD_MESSAGE_FIELD, what + " out of range: " + v);
    }
    return (int) v;
  }

  /** The next item, which must be a list, as a cursor of its own. */
  RlpList list() throws DecodeException {
    requireNext();
    return read(() -> new RlpList(reader.readList(false, RlpList::remainder)));
  }

  /** The next item, string or list, as its complete encoding (header included). */
  Bytes raw() throws DecodeException {
    requireNext();
    int start = reader.position();
    read(
        () -> {
          reader.skipNext(false);
          return null;
        });
    return content.slice(start, reader.position() - start);
  }

  /** The encoding of the items from the current one to the end (without a list header). */
  Bytes rest() {
    return content.slice(reader.position());
  }

  /** Fails unless every item was read. */
  void end(String what) throws DecodeException {
    if (hasNext()) {
      throw new DecodeException(Reason.TRAILING_BYTES, what + " has extra items");
    }
  }

  private void requireNext() throws DecodeException {
    if (!hasNext()) {
      throw new DecodeException(Reason.MISSING_FIELD, "RLP list has too few items");
    }
  }

  private static Bytes remainder(RLPReader r) {
    return r.readRemaining();
  }

  private interface Step<T> {
    T run();
  }

  private static <T> T read(Step<T> step) throws DecodeException {
    try {
      return step.run();
    } catch (EndOfRLPException e) {
      throw new DecodeException(Reason.TRUNCATED, "RLP ends early", e);
    } catch (RLPException e) {
      throw new DecodeException(Reason.MALFORMED_RLP, String.valueOf(e.getMessage()), e);
    }
  }

  /** {@code items} wrapped in a list header. */
  static byte[] wrapList(Bytes items) {
    return RLP.encodeList(w -> w.writeRLP(items)).toArrayUnsafe();
  }
}
