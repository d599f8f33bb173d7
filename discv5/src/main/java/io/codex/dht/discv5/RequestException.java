package io.codex.dht.discv5;

/**
 * The reason a request to a peer failed, as the exception that completes its future: a timeout, a
 * send failure, an invalid response, too many requests in flight, or the node stopping.
 */
public final class RequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a request failed. */
  public enum Kind {
    TIMEOUT,
    SEND_FAILED,
    INVALID_RESPONSE,
    TOO_MANY_PENDING,
    STOPPED,
    NOT_FOUND,
    PENALISED
  }

  private final Kind kind;

  public RequestException(Kind kind, String message) {
    super(kind + ": " + message, null, false, false);
    this.kind = kind;
  }

  /** Why the request failed. */
  public Kind kind() {
    return kind;
  }

  static RequestException of(RequestTracker.Failure failure, String what) {
    return new RequestException(Kind.valueOf(failure.name()), what);
  }
}
