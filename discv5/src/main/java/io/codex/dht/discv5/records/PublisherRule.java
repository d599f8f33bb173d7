package io.codex.dht.discv5.records;

import java.util.Optional;

/** The check shared by namespaces whose key names the only peer allowed to publish. */
final class PublisherRule {
  private PublisherRule() {}

  /** Refuses {@code record} unless its publisher's base58 peer id is {@code peerId}. */
  static Optional<Rejection> named(String peerId, ValueRecord record) {
    if (!record.publisher().toBase58().equals(peerId)) {
      return Optional.of(
          Rejection.of(
              Rejection.Reason.WRONG_PUBLISHER,
              "published by " + record.publisher().toBase58() + ", the key names " + peerId));
    }
    return Optional.empty();
  }
}
