package io.codex.dht.session;

import io.codex.dht.spr.DecodeException;

/**
 * Counters of one {@link SessionLayer}, written and read on the owner thread (plain fields: a
 * metrics registry on another thread should read them through the owner's executor).
 */
public final class SessionStats {
  long packetsReceived;
  long bytesReceived;
  long packetsSent;
  long bytesSent;
  long messagesReceived;
  long messagesSent;
  long ecdhOperations;
  long idSignaturesCreated;
  long idSignatureVerifications;
  long recordVerifications;
  long handshakesInitiated;
  long handshakesAccepted;
  long whoareyouSent;
  long whoareyouResent;
  long sessionsEvicted;
  long protectedSessionsEvicted;
  long earlyPacketsHeld;
  long earlyPacketsReplayed;
  private final long[] drops = new long[DropReason.values().length];
  private final long[] decodeErrors = new long[DecodeException.Reason.values().length];
  private final long[] sendFailures = new long[SendFailure.values().length];

  SessionStats() {}

  void drop(DropReason reason, DecodeException.Reason detail) {
    drops[reason.ordinal()]++;
    if (detail != null) {
      decodeErrors[detail.ordinal()]++;
    }
  }

  void sendFailure(SendFailure reason) {
    sendFailures[reason.ordinal()]++;
  }

  /** Packets held because they arrived before the handshake that gives their keys. */
  public long earlyPacketsHeld() {
    return earlyPacketsHeld;
  }

  /** Held packets replayed after their handshake completed. */
  public long earlyPacketsReplayed() {
    return earlyPacketsReplayed;
  }

  /** Datagrams handed to {@link SessionLayer#onDatagram}. */
  public long packetsReceived() {
    return packetsReceived;
  }

  /** Bytes of those datagrams. */
  public long bytesReceived() {
    return bytesReceived;
  }

  /** Datagrams sent. */
  public long packetsSent() {
    return packetsSent;
  }

  /** Bytes of those datagrams. */
  public long bytesSent() {
    return bytesSent;
  }

  /** Messages delivered to the listener. */
  public long messagesReceived() {
    return messagesReceived;
  }

  /** Messages sent inside ordinary or handshake packets. */
  public long messagesSent() {
    return messagesSent;
  }

  /** ECDH operations (one per handshake on each side). */
  public long ecdhOperations() {
    return ecdhOperations;
  }

  /** Id-signatures made for our handshakes. */
  public long idSignaturesCreated() {
    return idSignaturesCreated;
  }

  /** Id-signatures checked on handshakes received. */
  public long idSignatureVerifications() {
    return idSignatureVerifications;
  }

  /** Records fully verified (with their signature) from handshakes received. */
  public long recordVerifications() {
    return recordVerifications;
  }

  /** Handshakes we sent, answering a WHOAREYOU (we are the initiator). */
  public long handshakesInitiated() {
    return handshakesInitiated;
  }

  /** Handshakes received that verified and decrypted (we are the recipient). */
  public long handshakesAccepted() {
    return handshakesAccepted;
  }

  /** Handshakes received that failed, all reasons together. */
  public long handshakesFailed() {
    long n = 0;
    for (DropReason r : DropReason.values()) {
      if (r.isHandshakeFailure()) {
        n += drops[r.ordinal()];
      }
    }
    return n;
  }

  /** WHOAREYOU packets sent with a new challenge. */
  public long whoareyouSent() {
    return whoareyouSent;
  }

  /** WHOAREYOU packets sent again, unchanged, for a challenge still pending. */
  public long whoareyouResent() {
    return whoareyouResent;
  }

  /** Sessions evicted by the cache bounds. */
  public long sessionsEvicted() {
    return sessionsEvicted;
  }

  /**
   * Evicted sessions that were protected (a routing-table member's, or one with a request in
   * flight): only when every candidate was protected.
   */
  public long protectedSessionsEvicted() {
    return protectedSessionsEvicted;
  }

  /** Datagrams dropped for {@code reason}. */
  public long drops(DropReason reason) {
    return drops[reason.ordinal()];
  }

  /** Datagrams dropped, all reasons together. */
  public long drops() {
    long n = 0;
    for (long d : drops) {
      n += d;
    }
    return n;
  }

  /** Drops whose detail was {@code reason}. */
  public long decodeErrors(DecodeException.Reason reason) {
    return decodeErrors[reason.ordinal()];
  }

  /** Messages not delivered for {@code reason}. */
  public long sendFailures(SendFailure reason) {
    return sendFailures[reason.ordinal()];
  }

  @Override
  public String toString() {
    return "SessionStats[in="
        + packetsReceived
        + " out="
        + packetsSent
        + " messagesIn="
        + messagesReceived
        + " ecdh="
        + ecdhOperations
        + " handshakes="
        + handshakesInitiated
        + "/"
        + handshakesAccepted
        + " whoareyou="
        + whoareyouSent
        + "+"
        + whoareyouResent
        + " drops="
        + drops()
        + "]";
  }
}
