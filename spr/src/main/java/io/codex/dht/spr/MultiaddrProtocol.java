package io.codex.dht.spr;

import java.util.HashMap;
import java.util.Map;

/**
 * The multiaddr protocols this implementation understands, with their multicodec code and value
 * length rule (a fixed byte count, or {@link #VARIABLE} for a uvarint length prefix).
 */
public enum MultiaddrProtocol {
  IP4(4, 4, "ip4"),
  TCP(6, 2, "tcp"),
  DCCP(33, 2, "dccp"),
  IP6(41, 16, "ip6"),
  IP6ZONE(42, MultiaddrProtocol.VARIABLE, "ip6zone"),
  IPCIDR(43, 1, "ipcidr"),
  DNS(53, MultiaddrProtocol.VARIABLE, "dns"),
  DNS4(54, MultiaddrProtocol.VARIABLE, "dns4"),
  DNS6(55, MultiaddrProtocol.VARIABLE, "dns6"),
  DNSADDR(56, MultiaddrProtocol.VARIABLE, "dnsaddr"),
  SCTP(132, 2, "sctp"),
  UDP(273, 2, "udp"),
  WEBRTC_DIRECT(280, 0, "webrtc-direct"),
  WEBRTC(281, 0, "webrtc"),
  P2P_CIRCUIT(290, 0, "p2p-circuit"),
  UDT(301, 0, "udt"),
  UTP(302, 0, "utp"),
  UNIX(400, MultiaddrProtocol.VARIABLE, "unix"),
  P2P(421, MultiaddrProtocol.VARIABLE, "p2p"),
  HTTPS(443, 0, "https"),
  ONION(444, 12, "onion"),
  ONION3(445, 37, "onion3"),
  GARLIC64(446, MultiaddrProtocol.VARIABLE, "garlic64"),
  GARLIC32(447, MultiaddrProtocol.VARIABLE, "garlic32"),
  TLS(448, 0, "tls"),
  SNI(449, MultiaddrProtocol.VARIABLE, "sni"),
  NOISE(454, 0, "noise"),
  QUIC(460, 0, "quic"),
  QUIC_V1(461, 0, "quic-v1"),
  WEBTRANSPORT(465, 0, "webtransport"),
  CERTHASH(466, MultiaddrProtocol.VARIABLE, "certhash"),
  WS(477, 0, "ws"),
  WSS(478, 0, "wss"),
  P2P_WEBSOCKET_STAR(479, 0, "p2p-websocket-star"),
  HTTP(480, 0, "http"),
  MEMORY(777, 8, "memory");

  /** Marks a protocol whose value carries a uvarint length prefix. */
  public static final int VARIABLE = -1;

  private static final Map<Integer, MultiaddrProtocol> BY_CODE = new HashMap<>();
  private static final Map<String, MultiaddrProtocol> BY_NAME = new HashMap<>();

  static {
    for (MultiaddrProtocol p : values()) {
      BY_CODE.put(p.code, p);
      BY_NAME.put(p.text, p);
    }
  }

  private final int code;
  private final int size;
  private final String text;

  MultiaddrProtocol(int code, int size, String text) {
    this.code = code;
    this.size = size;
    this.text = text;
  }

  /** The multicodec code. */
  public int code() {
    return code;
  }

  /** The value length in bytes, or {@link #VARIABLE}. */
  public int size() {
    return size;
  }

  /** The name used in the text form. */
  public String text() {
    return text;
  }

  static MultiaddrProtocol byCode(long code) {
    return code > Integer.MAX_VALUE ? null : BY_CODE.get((int) code);
  }

  static MultiaddrProtocol byName(String name) {
    return BY_NAME.get(name);
  }
}
