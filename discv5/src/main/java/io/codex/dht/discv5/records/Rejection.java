package io.codex.dht.discv5.records;

import java.util.Objects;

/**
 * Why a record or key was refused: a stable {@link Reason} (a metric tag) and a human detail.
 *
 * @param reason the reason
 * @param detail what exactly was wrong
 */
public record Rejection(Reason reason, String detail) {
  /** Stable reasons; their lower-case names are metric tags and wire answers. */
  public enum Reason {
    /** The record or message is larger than its limit. */
    TOO_LARGE,
    /** The bytes are not a well-formed record or message. */
    MALFORMED,
    /** The key is not {@code /<namespace>/<id>...} in bounded UTF-8. */
    BAD_KEY,
    /** The record is for another key than the one it was put or returned under. */
    KEY_MISMATCH,
    /** No validator is registered for the key's namespace. */
    UNKNOWN_NAMESPACE,
    /** The publisher field is not a secp256k1 peer id. */
    BAD_PUBLISHER,
    /** The signature does not verify with the publisher's key. */
    BAD_SIGNATURE,
    /** The record has expired. */
    EXPIRED,
    /** The record expires further ahead than the node keeps records. */
    EXPIRES_TOO_LATE,
    /** The namespace only accepts records from the peer its key names. */
    WRONG_PUBLISHER,
    /** The payload is not what the namespace expects. */
    INVALID_PAYLOAD,
    /** An application validator refused the record for a reason of its own. */
    REJECTED;

    /** The metric tag and wire form. */
    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Checks the fields. */
  public Rejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  /** A rejection with a detail. */
  public static Rejection of(Reason reason, String detail) {
    return new Rejection(reason, detail);
  }

  @Override
  public String toString() {
    return reason.tag() + ": " + detail;
  }
}
