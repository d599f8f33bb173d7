package io.codex.dht.session;

/**
 * What a sender of a message can do beyond Codex v0.5, announced in envelope field 16 of every
 * message it sends: {@code type || {1: request id, 2: body, [3: clientMode], [16: features
 * (varint)]}}. Codex nodes (v0.5 and v0.6) skip the unknown field and send none, so a peer whose
 * messages carry no features is treated as one that reads only libp2p PeerRecords.
 */
public final class Features {
  /** The envelope field number. */
  public static final int FIELD = 16;

  /**
   * Bit 0: the sender reads Logos Routing Records (payload type {@code
   * /libp2p/logos-routing-record/}).
   */
  public static final int READS_LOGOS = 1;

  /**
   * Bit 1: the sender's full record is a Logos Routing Record, and what it presented to a peer not
   * known to read those was the plain PeerRecord at the same seq; a peer that reads Logos records
   * may ask for the full one with FINDNODE [0].
   */
  public static final int FULL_RECORD = 2;

  /** The bits this version knows; others are ignored on receipt. */
  public static final int KNOWN = READS_LOGOS | FULL_RECORD;

  private Features() {}

  /** Whether {@code features} has {@code bit}. */
  public static boolean has(int features, int bit) {
    return (features & bit) != 0;
  }
}
