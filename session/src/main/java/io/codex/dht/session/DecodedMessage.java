package io.codex.dht.session;

import java.util.Objects;

/**
 * A decoded message with the sender's clientMode flag (envelope field 3; a missing field means
 * {@code false}). A node in client mode asks but does not serve, so it is kept out of routing
 * tables. {@code features} are the sender's {@link Features} bits (envelope field 16; 0 when
 * missing, as from every Codex node).
 */
public record DecodedMessage(Message message, boolean clientMode, int features) {
  /** Checks the message. */
  public DecodedMessage {
    Objects.requireNonNull(message, "message");
  }

  /** A message without features (a Codex node's). */
  public DecodedMessage(Message message, boolean clientMode) {
    this(message, clientMode, 0);
  }
}
