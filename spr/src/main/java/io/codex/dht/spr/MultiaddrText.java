package io.codex.dht.spr;

import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.Multiaddr.Component;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The text form of multiaddr components, and the value checks shared with the binary form. */
final class MultiaddrText {
  private MultiaddrText() {}

  static List<Component> parse(String text) throws DecodeException {
    if (text.length() > 4 * Multiaddr.MAX_LENGTH) {
      throw new DecodeException(Reason.TOO_LARGE, "multiaddr text too long");
    }
    if (!text.startsWith("/")) {
      throw new DecodeException(Reason.BAD_MULTIADDR, "a multiaddr starts with '/': " + text);
    }
    String[] parts = text.substring(1).split("/", -1);
    List<Component> out = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      String name = parts[i];
      if (name.isEmpty() && i == parts.length - 1 && i > 0) {
        break; // a trailing slash
      }
      MultiaddrProtocol p = MultiaddrProtocol.byName(name);
      if (p == null) {
        throw new DecodeException(
            Reason.UNKNOWN_MULTIADDR_PROTOCOL, "unknown multiaddr protocol '" + name + "'");
      }
      if (p.size() == 0) {
        out.add(new Component(p, new byte[0]));
        continue;
      }
      if (p == MultiaddrProtocol.UNIX) {
        String path = "/" + String.join("/", List.of(parts).subList(i + 1, parts.length));
        out.add(new Component(p, path.getBytes(StandardCharsets.UTF_8)));
        break;
      }
      if (++i >= parts.length || parts[i].isEmpty()) {
        throw new DecodeException(Reason.BAD_MULTIADDR, "/" + name + " needs a value");
      }
      out.add(new Component(p, parseValue(p, parts[i])));
    }
    if (out.isEmpty()) {
      throw new DecodeException(Reason.BAD_MULTIADDR, "empty multiaddr");
    }
    return out;
  }

  private static byte[] parseValue(MultiaddrProtocol p, String v) throws DecodeException {
    return switch (p) {
      case IP4 -> parseIp4(v);
      case IP6 -> parseIp6(v);
      case TCP, UDP, DCCP, SCTP -> port(v);
      case IPCIDR -> new byte[] {(byte) number(v, 255)};
      case DNS, DNS4, DNS6, DNSADDR, SNI, IP6ZONE -> v.getBytes(StandardCharsets.UTF_8);
      case P2P -> Base58.decode(v, 128);
      case MEMORY -> memory(v);
      default ->
          throw new DecodeException(
              Reason.BAD_MULTIADDR, "text form of /" + p.text() + " is not supported");
    };
  }

  /** Validates a decoded value beyond its length. */
  static void checkValue(MultiaddrProtocol p, byte[] value) throws DecodeException {
    switch (p) {
      case DNS, DNS4, DNS6, DNSADDR, SNI, IP6ZONE -> {
        String s = Utf8.decode(value, Reason.BAD_MULTIADDR);
        if (s.isEmpty() || s.indexOf('/') >= 0) {
          throw new DecodeException(Reason.BAD_MULTIADDR, "bad /" + p.text() + " name");
        }
      }
      case P2P -> {
        if (value.length < 2) {
          throw new DecodeException(Reason.BAD_MULTIADDR, "/p2p value too short");
        }
      }
      default -> {
        // Fixed-size values were length-checked by the caller.
      }
    }
  }

  static String valueText(MultiaddrProtocol p, byte[] value) {
    if (p.size() == 0) {
      return "";
    }
    String text =
        switch (p) {
          case IP4, IP6 -> ipText(value);
          case TCP, UDP, DCCP, SCTP -> Integer.toString((value[0] & 0xFF) << 8 | (value[1] & 0xFF));
          case IPCIDR -> Integer.toString(value[0] & 0xFF);
          case DNS, DNS4, DNS6, DNSADDR, SNI, IP6ZONE -> new String(value, StandardCharsets.UTF_8);
          case P2P -> Base58.encode(value);
          case UNIX -> new String(value, StandardCharsets.UTF_8).replaceFirst("^/", "");
          case MEMORY -> Long.toUnsignedString(ByteBuffer.wrap(value).getLong());
          default -> "0x" + Hex.encode(value);
        };
    return "/" + text;
  }

  private static String ipText(byte[] value) {
    if (value.length == 4) {
      return (value[0] & 0xFF)
          + "."
          + (value[1] & 0xFF)
          + "."
          + (value[2] & 0xFF)
          + "."
          + (value[3] & 0xFF);
    }
    return ip6Text(value);
  }

  /**
   * RFC 5952 text: lowercase, no leading zeros, the longest run of two or more zero groups as ::.
   */
  static String ip6Text(byte[] value) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = (value[2 * i] & 0xFF) << 8 | (value[2 * i + 1] & 0xFF);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLength - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(groups[i]));
    }
    return sb.toString();
  }

  private static byte[] parseIp4(String v) throws DecodeException {
    String[] octets = v.split("\\.", -1);
    if (octets.length != 4) {
      throw new DecodeException(Reason.BAD_MULTIADDR, "bad ip4 address: " + v);
    }
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (octets[i].length() > 1 && octets[i].startsWith("0")) {
        throw new DecodeException(Reason.BAD_MULTIADDR, "leading zero in ip4 address: " + v);
      }
      out[i] = (byte) number(octets[i], 255);
    }
    return out;
  }

  private static byte[] parseIp6(String v) throws DecodeException {
    if (v.indexOf(':') < 0
        || !v.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
      throw new DecodeException(Reason.BAD_MULTIADDR, "bad ip6 address: " + v);
    }
    try {
      // A literal with only hex digits, colons and dots is never looked up in DNS.
      byte[] raw = InetAddress.getByName(v).getAddress();
      if (raw.length == 4) { // an IPv4-mapped literal: keep the 16-byte form
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
      }
      return raw;
    } catch (UnknownHostException e) {
      throw new DecodeException(Reason.BAD_MULTIADDR, "bad ip6 address: " + v);
    }
  }

  private static byte[] memory(String v) throws DecodeException {
    try {
      return ByteBuffer.allocate(8).putLong(Long.parseUnsignedLong(digits(v))).array();
    } catch (NumberFormatException e) {
      throw new DecodeException(Reason.BAD_MULTIADDR, "memory id out of range: " + v);
    }
  }

  private static byte[] port(String v) throws DecodeException {
    int port = number(v, 0xFFFF);
    return new byte[] {(byte) (port >> 8), (byte) port};
  }

  private static int number(String v, int max) throws DecodeException {
    String d = digits(v);
    if (d.length() > 5 || Integer.parseInt(d) > max) {
      throw new DecodeException(Reason.BAD_MULTIADDR, "number out of range: " + v);
    }
    return Integer.parseInt(d);
  }

  private static String digits(String v) throws DecodeException {
    if (v.isEmpty() || v.length() > 20 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new DecodeException(Reason.BAD_MULTIADDR, "not a decimal number: " + v);
    }
    return v;
  }
}
