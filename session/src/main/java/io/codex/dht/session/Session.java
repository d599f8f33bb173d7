package io.codex.dht.session;

import io.codex.dht.spr.PublicKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of one session: {@code [old read key | read key | write key]} as nim-codex-dht keeps
 * them. A new handshake moves the read key to the old slot, so when both sides start a handshake at
 * once (crossed handshakes) the packets sealed under either outcome still open.
 */
final class Session {
  final SessionKey key;
  final SecretKeySpec destinationMask;
  SecretKeySpec writeKey;
  SecretKeySpec readKey;
  SecretKeySpec oldReadKey; // null until a second handshake
  PublicKey remoteKey; // may be null for sessions installed by tests
  long lastUsed;
  boolean requestSent; // whether lastRequestAt is set
  long lastRequestAt; // clock time of the last request sent in this session

  Session(SessionKey key, SecretKeySpec readKey, SecretKeySpec writeKey, PublicKey remoteKey) {
    this.key = key;
    this.destinationMask = Crypto.maskingKey(key.id());
    this.readKey = readKey;
    this.writeKey = writeKey;
    this.remoteKey = remoteKey;
  }

  /** Installs the keys of a new handshake, keeping the current read key as the old one. */
  void rekey(SecretKeySpec newReadKey, SecretKeySpec newWriteKey, PublicKey key) {
    oldReadKey = readKey;
    readKey = newReadKey;
    writeKey = newWriteKey;
    if (key != null) {
      remoteKey = key;
    }
  }

  /** Notes that a request went out in this session at {@code now}. */
  void requestSent(long now) {
    requestSent = true;
    lastRequestAt = now;
  }

  /** Whether a request went out less than {@code windowNanos} before {@code now}. */
  boolean hasRequestInFlight(long now, long windowNanos) {
    return requestSent && now - lastRequestAt < windowNanos;
  }

  /** The old read key opened a packet: it is likely the one the peer uses now. */
  void swapReadKeys() {
    SecretKeySpec k = readKey;
    readKey = oldReadKey;
    oldReadKey = k;
  }
}
