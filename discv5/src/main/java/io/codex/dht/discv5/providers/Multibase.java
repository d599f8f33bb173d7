package io.codex.dht.discv5.providers;

import io.codex.dht.spr.Base58;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;

/**
 * The multibase text encodings a CIDv1 may arrive in: base32 ({@code b} lowercase, {@code B}
 * uppercase, RFC 4648 without padding), base58btc ({@code z}) and base16 ({@code f} lowercase,
 * {@code F} uppercase).
 *
 * <p>Implementation notes: decoding is strict, so each byte string has one text form per base: the
 * case must match the prefix, base32 padding characters and non-zero trailing bits are rejected,
 * and base16 must have an even number of digits.
 */
final class Multibase {
  private static final String BASE32_LOWER = "abcdefghijklmnopqrstuvwxyz234567";
  private static final String HEX_LOWER = "0123456789abcdef";

  private Multibase() {}

  /** Decodes prefixed text; the caller has bounded its length. */
  static byte[] decode(String text) throws DecodeException {
    if (text.isEmpty()) {
      throw new DecodeException(Reason.BAD_TEXT, "empty multibase text");
    }
    char prefix = text.charAt(0);
    String body = text.substring(1);
    return switch (prefix) {
      case 'b' -> decodeBase32(body, false);
      case 'B' -> decodeBase32(body, true);
      case 'z' -> Base58.decode(body, body.length());
      case 'f' -> decodeBase16(body, false);
      case 'F' -> decodeBase16(body, true);
      default ->
          throw new DecodeException(
              Reason.BAD_TEXT,
              "unsupported multibase prefix '"
                  + (prefix < 0x20 || prefix > 0x7E ? "?" : String.valueOf(prefix))
                  + "' (expected b, B, z, f or F)");
    };
  }

  /** Base32 lowercase without padding, with the {@code b} prefix. */
  static String encodeBase32(byte[] bytes) {
    StringBuilder out = new StringBuilder(1 + (bytes.length * 8 + 4) / 5);
    out.append('b');
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        out.append(BASE32_LOWER.charAt((buffer >>> bits) & 0x1F));
      }
    }
    if (bits > 0) {
      out.append(BASE32_LOWER.charAt((buffer << (5 - bits)) & 0x1F));
    }
    return out.toString();
  }

  /** Base16 lowercase, with the {@code f} prefix. */
  static String encodeBase16(byte[] bytes) {
    StringBuilder out = new StringBuilder(1 + 2 * bytes.length);
    out.append('f');
    for (byte b : bytes) {
      out.append(HEX_LOWER.charAt((b >> 4) & 0xF)).append(HEX_LOWER.charAt(b & 0xF));
    }
    return out.toString();
  }

  /** Base58btc, with the {@code z} prefix. */
  static String encodeBase58(byte[] bytes) {
    return "z" + Base58.encode(bytes);
  }

  private static byte[] decodeBase32(String body, boolean upper) throws DecodeException {
    byte[] out = new byte[body.length() * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int n = 0;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      int digit = digit(BASE32_LOWER, c, upper);
      if (digit < 0) {
        throw new DecodeException(Reason.BAD_TEXT, "invalid base32 character at " + (i + 1));
      }
      buffer = (buffer << 5) | digit;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        out[n++] = (byte) (buffer >>> bits);
      }
    }
    // Leftover bits are padding: fewer than one character's worth, and all zero.
    if (bits >= 5 || (buffer & ((1 << bits) - 1)) != 0) {
      throw new DecodeException(Reason.BAD_TEXT, "base32 text has a bad length or trailing bits");
    }
    return out;
  }

  private static byte[] decodeBase16(String body, boolean upper) throws DecodeException {
    if (body.length() % 2 != 0) {
      throw new DecodeException(Reason.BAD_TEXT, "base16 text has an odd number of digits");
    }
    byte[] out = new byte[body.length() / 2];
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      int digit = digit(HEX_LOWER, c, upper);
      if (digit < 0) {
        throw new DecodeException(Reason.BAD_TEXT, "invalid base16 character at " + (i + 1));
      }
      out[i / 2] = (byte) ((out[i / 2] << 4) | digit);
    }
    return out;
  }

  /**
   * The value of {@code c} in a lowercase ASCII {@code alphabet}, read in the given case; -1 if it
   * is not a digit in that case (non-ASCII characters never are, whatever their case mapping).
   */
  private static int digit(String alphabet, char c, boolean upper) {
    if (c >= 0x80 || (upper && c >= 'a' && c <= 'z')) {
      return -1;
    }
    char lower = upper && c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    return alphabet.indexOf(lower);
  }
}
