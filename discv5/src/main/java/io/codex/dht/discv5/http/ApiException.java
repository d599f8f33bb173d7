package io.codex.dht.discv5.http;

/**
 * A request the API refuses or cannot serve: an HTTP status, a short stable error code and a
 * message for the caller, sent as {@code {"error":code,"message":message}}.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;

  /** An error answered with {@code status}. */
  public ApiException(int status, String error, String message) {
    super(message, null, false, false);
    this.status = status;
    this.error = error;
  }

  /** 400: the request's input is malformed. */
  public static ApiException badRequest(String error, String message) {
    return new ApiException(400, error, message);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The short error code, e.g. {@code bad_cid}. */
  public String error() {
    return error;
  }
}
