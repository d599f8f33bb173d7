package io.codex.dht.ethereum;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.rlp.RLP;
import org.apache.tuweni.rlp.RLPException;

/** Single RLP items: a string item's content, and the encoding of a string. */
final class RlpItem {
  private RlpItem() {}

  /**
   * The content of {@code item}, which must be exactly one canonical RLP string.
   *
   * @throws DecodeException when it is a list, not canonical, or has bytes after it
   */
  static Bytes string(Bytes item) throws DecodeException {
    if (item.isEmpty()) {
      throw new DecodeException(Reason.TRUNCATED, "empty RLP item");
    }
    Bytes value;
    try {
      value =
          RLP.decode(
              item,
              false,
              r -> {
                Bytes item1 = r.readValue(false);
                return r.isComplete() ? item1 : null;
              });
    } catch (RLPException e) {
      throw new DecodeException(Reason.MALFORMED_RLP, String.valueOf(e.getMessage()), e);
    }
    if (value == null) {
      throw new DecodeException(Reason.TRAILING_BYTES, "bytes after the RLP item");
    }
    return value;
  }

  /** The RLP string item of {@code value}. */
  static Bytes encodeString(Bytes value) {
    return RLP.encodeValue(value);
  }
}
