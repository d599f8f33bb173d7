package io.codex.dht.session;

import java.util.Objects;

/**
 * A decoded message with the sender's clientMode flag (envelope field 3; a missing field means
 * {@code false}). A node in client mode asks but does not serve, so it is kept out of routing
 * tables.
 */
public record DecodedMessage(Message message, boolean clientMode) {
  /** Checks the message. */
  public DecodedMessage {
    Objects.requireNonNull(message, "message");
  }
}
