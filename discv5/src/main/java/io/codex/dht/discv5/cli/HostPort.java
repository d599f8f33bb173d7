package io.codex.dht.discv5.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses {@code HOST:PORT} and {@code [IPv6]:PORT} arguments. */
final class HostPort {
  private HostPort() {}

  /** Parses {@code text}; {@code option} names the option in error messages. */
  static InetSocketAddress parse(String text, String option) {
    String host;
    String port;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
        throw bad(text, option);
      }
      host = text.substring(1, close);
      port = text.substring(close + 2);
    } else {
      int colon = text.lastIndexOf(':');
      if (colon <= 0 || text.indexOf(':') != colon) {
        throw bad(text, option);
      }
      host = text.substring(0, colon);
      port = text.substring(colon + 1);
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw bad(text, option);
    }
    if (p < 0 || p > 65535 || host.isEmpty()) {
      throw bad(text, option);
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), p);
    } catch (UnknownHostException e) {
      throw new Main.UserException(option + ": unknown host '" + host + "'");
    }
  }

  /** Parses an address to put in the node's record: a specific IP and a non-zero port. */
  static InetSocketAddress parseAnnounced(String text, String option) {
    InetSocketAddress a = parse(text, option);
    if (a.getAddress().isAnyLocalAddress() || a.getAddress().isMulticastAddress()) {
      throw new Main.UserException(option + ": announce a reachable address, not " + text);
    }
    if (a.getPort() == 0) {
      throw new Main.UserException(option + ": announce a real port, not 0");
    }
    return a;
  }

  private static Main.UserException bad(String text, String option) {
    return new Main.UserException(
        option + ": expected HOST:PORT or [IPv6]:PORT with a port 0-65535, got '" + text + "'");
  }
}
