package io.codex.dht.discv5.cli;

/** A node that cannot start (its port taken, its data dir in use or damaged); exit code 3. */
final class StartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StartException(String message, Throwable cause) {
    super(message, cause);
  }
}
