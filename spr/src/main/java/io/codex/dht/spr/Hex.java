package io.codex.dht.spr;

import java.util.HexFormat;

/** Hex text helpers that report bad input as a {@link DecodeException}. */
final class Hex {
  private static final HexFormat FORMAT = HexFormat.of();

  private Hex() {}

  static byte[] decode(String hex) throws DecodeException {
    String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    if ((digits.length() & 1) != 0) {
      throw new DecodeException(DecodeException.Reason.BAD_TEXT, "odd number of hex digits");
    }
    try {
      return FORMAT.parseHex(digits);
    } catch (IllegalArgumentException e) {
      throw new DecodeException(DecodeException.Reason.BAD_TEXT, "not hex: " + e.getMessage());
    }
  }

  static String encode(byte[] bytes) {
    return FORMAT.formatHex(bytes);
  }
}
