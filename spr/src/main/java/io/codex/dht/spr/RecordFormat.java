package io.codex.dht.spr;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The two signed-record payloads this implementation reads and writes. */
public enum RecordFormat {
  /** The libp2p PeerRecord, payload type {@code 03 01}: what Codex nodes publish and accept. */
  PEER_RECORD("peer-record", new byte[] {0x03, 0x01}),
  /**
   * The Logos Routing Record, payload type UTF-8 {@code /libp2p/logos-routing-record/}, which adds
   * {@code 4: repeated ServiceInfo} to the PeerRecord.
   */
  LOGOS("logos-routing-record", "/libp2p/logos-routing-record/".getBytes(StandardCharsets.UTF_8));

  /** The signing domain every shipping implementation uses. */
  public static final String DOMAIN = "libp2p-peer-record";

  /** The domain named by the libp2p routing-record RFC; accepted when verifying. */
  public static final String ALTERNATE_DOMAIN = "libp2p-routing-state";

  private final String label;
  private final byte[] payloadType;

  RecordFormat(String label, byte[] payloadType) {
    this.label = label;
    this.payloadType = payloadType;
  }

  /** The short name used in JSON and on the command line. */
  public String label() {
    return label;
  }

  /** The envelope payload type bytes. */
  public byte[] payloadType() {
    return payloadType.clone();
  }

  /** The format whose payload type is {@code type}, or null. */
  static RecordFormat ofPayloadType(byte[] type) {
    for (RecordFormat f : values()) {
      if (Arrays.equals(f.payloadType, type)) {
        return f;
      }
    }
    return null;
  }

  /** Parses {@code logos} or {@code peer-record} (also the full labels). */
  public static RecordFormat parse(String text) {
    return switch (text) {
      case "logos", "logos-routing-record" -> LOGOS;
      case "peer-record" -> PEER_RECORD;
      default ->
          throw new IllegalArgumentException("record format is logos or peer-record: " + text);
    };
  }
}
