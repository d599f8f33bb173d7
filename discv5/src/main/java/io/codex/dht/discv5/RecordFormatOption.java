package io.codex.dht.discv5;

import io.codex.dht.spr.RecordFormat;

/**
 * Which record a node publishes: {@code auto} (the default) a Logos Routing Record only while it
 * advertises services, else the plain libp2p PeerRecord every Codex node reads; {@code peer-record}
 * always the plain one (no services); {@code logos} always a Logos Routing Record. Whatever the
 * choice, a peer not known to read Logos records is shown the plain form (the same seq, signed
 * alongside).
 */
public enum RecordFormatOption {
  /** Logos only with services, else PeerRecord. */
  AUTO("auto"),
  /** Always the libp2p PeerRecord; no services. */
  PEER_RECORD("peer-record"),
  /** Always the Logos Routing Record. */
  LOGOS("logos");

  private final String label;

  RecordFormatOption(String label) {
    this.label = label;
  }

  /** The name on the command line. */
  public String label() {
    return label;
  }

  /** The payload format of the full record when the node advertises {@code hasServices}. */
  public RecordFormat formatFor(boolean hasServices) {
    return switch (this) {
      case AUTO -> hasServices ? RecordFormat.LOGOS : RecordFormat.PEER_RECORD;
      case PEER_RECORD -> RecordFormat.PEER_RECORD;
      case LOGOS -> RecordFormat.LOGOS;
    };
  }

  /** The option of a fixed record format. */
  public static RecordFormatOption of(RecordFormat format) {
    return format == RecordFormat.PEER_RECORD ? PEER_RECORD : LOGOS;
  }

  /** Parses {@code auto}, {@code peer-record} or {@code logos}. */
  public static RecordFormatOption parse(String text) {
    return switch (text) {
      case "auto" -> AUTO;
      case "peer-record" -> PEER_RECORD;
      case "logos", "logos-routing-record" -> LOGOS;
      default ->
          throw new IllegalArgumentException(
              "record format is auto, peer-record or logos: " + text);
    };
  }
}
