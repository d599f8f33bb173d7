package io.codex.dht.spr;

import io.codex.dht.spr.DecodeException.Reason;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A multiaddr: a sequence of {@code uvarint(protocol code) || value} components, for example {@code
 * /ip4/127.0.0.1/udp/9000} = {@code 04 7f000001 9102 2328}.
 */
public final class Multiaddr {
  /** Largest binary multiaddr accepted. */
  public static final int MAX_LENGTH = 1024;

  /** One component: a protocol and its raw value bytes. */
  public record Component(MultiaddrProtocol protocol, byte[] value) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Component c && protocol == c.protocol && Arrays.equals(value, c.value);
    }

    @Override
    public int hashCode() {
      return protocol.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "/" + protocol.text() + MultiaddrText.valueText(protocol, value);
    }
  }

  private final byte[] bytes;
  private final List<Component> components;

  private Multiaddr(byte[] bytes, List<Component> components) {
    this.bytes = bytes;
    this.components = components;
  }

  /** Decodes the binary form; unknown protocols and malformed values are rejected. */
  public static Multiaddr fromBytes(byte[] bytes) throws DecodeException {
    if (bytes.length == 0) {
      throw new DecodeException(Reason.BAD_MULTIADDR, "empty multiaddr");
    }
    if (bytes.length > MAX_LENGTH) {
      throw new DecodeException(Reason.TOO_LARGE, "multiaddr of " + bytes.length + " bytes");
    }
    List<Component> out = new ArrayList<>(4);
    int[] pos = {0};
    while (pos[0] < bytes.length) {
      long code = readUvarint(bytes, pos);
      MultiaddrProtocol p = MultiaddrProtocol.byCode(code);
      if (p == null) {
        throw new DecodeException(
            Reason.UNKNOWN_MULTIADDR_PROTOCOL, "unknown multiaddr protocol code " + code);
      }
      int size = p.size();
      if (size == MultiaddrProtocol.VARIABLE) {
        long length = readUvarint(bytes, pos);
        if (length > bytes.length - pos[0]) {
          throw new DecodeException(Reason.TRUNCATED, p.text() + " value runs past the end");
        }
        size = (int) length;
      } else if (size > bytes.length - pos[0]) {
        throw new DecodeException(Reason.TRUNCATED, p.text() + " value runs past the end");
      }
      byte[] value = Arrays.copyOfRange(bytes, pos[0], pos[0] + size);
      pos[0] += size;
      MultiaddrText.checkValue(p, value);
      out.add(new Component(p, value));
    }
    return new Multiaddr(bytes.clone(), Collections.unmodifiableList(out));
  }

  /** Parses the text form, for example {@code /ip4/1.2.3.4/udp/9000}. */
  public static Multiaddr fromString(String text) throws DecodeException {
    return fromComponents(MultiaddrText.parse(text));
  }

  /** Builds {@code /ip4|ip6/<address>/udp/<port>}. */
  public static Multiaddr udp(InetAddress address, int port) {
    return ipAndPort(address, MultiaddrProtocol.UDP, port);
  }

  /** Builds {@code /ip4|ip6/<address>/tcp/<port>}. */
  public static Multiaddr tcp(InetAddress address, int port) {
    return ipAndPort(address, MultiaddrProtocol.TCP, port);
  }

  private static Multiaddr ipAndPort(InetAddress address, MultiaddrProtocol transport, int port) {
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    MultiaddrProtocol ip =
        address instanceof Inet4Address ? MultiaddrProtocol.IP4 : MultiaddrProtocol.IP6;
    byte[] portBytes = {(byte) (port >> 8), (byte) port};
    try {
      return fromComponents(
          List.of(new Component(ip, address.getAddress()), new Component(transport, portBytes)));
    } catch (DecodeException e) {
      throw new IllegalStateException("a valid address and port always encode", e);
    }
  }

  static Multiaddr fromComponents(List<Component> parts) throws DecodeException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Component c : parts) {
      writeUvarint(out, c.protocol().code());
      if (c.protocol().size() == MultiaddrProtocol.VARIABLE) {
        writeUvarint(out, c.value().length);
      }
      out.writeBytes(c.value());
    }
    return fromBytes(out.toByteArray());
  }

  /** The binary form. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The components in order. */
  public List<Component> components() {
    return components;
  }

  /**
   * The UDP endpoint when this address is {@code /ip4|ip6/<ip>/udp/<port>[/...]}, otherwise empty.
   */
  public Optional<InetSocketAddress> udpEndpoint() {
    if (components.size() < 2 || components.get(1).protocol() != MultiaddrProtocol.UDP) {
      return Optional.empty();
    }
    Component ip = components.get(0);
    if (ip.protocol() != MultiaddrProtocol.IP4 && ip.protocol() != MultiaddrProtocol.IP6) {
      return Optional.empty();
    }
    byte[] port = components.get(1).value();
    try {
      InetAddress address = InetAddress.getByAddress(ip.value());
      return Optional.of(new InetSocketAddress(address, (port[0] & 0xFF) << 8 | (port[1] & 0xFF)));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("lengths were checked at decode", e);
    }
  }

  /** Whether the first component is an IPv4 address. */
  public boolean isIp4() {
    return components.get(0).protocol() == MultiaddrProtocol.IP4;
  }

  /** Whether the first component is an IPv6 address. */
  public boolean isIp6() {
    return components.get(0).protocol() == MultiaddrProtocol.IP6;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Multiaddr other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** The text form. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (Component c : components) {
      sb.append(c);
    }
    return sb.toString();
  }

  static long readUvarint(byte[] bytes, int[] pos) throws DecodeException {
    long result = 0;
    for (int shift = 0; shift < 63; shift += 7) {
      if (pos[0] >= bytes.length) {
        throw new DecodeException(Reason.TRUNCATED, "multiaddr ends inside a varint");
      }
      int b = bytes[pos[0]++] & 0xFF;
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new DecodeException(Reason.MALFORMED_VARINT, "multiaddr varint too long");
  }

  private static void writeUvarint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }
}
