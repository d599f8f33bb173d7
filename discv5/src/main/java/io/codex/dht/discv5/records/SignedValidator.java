package io.codex.dht.discv5.records;

import java.util.Optional;

/**
 * {@code /signed/<peer-id>/<name>}: any payload, accepted only from the peer the key names; the
 * highest seq wins. The namespace a sidecar user publishes in.
 */
final class SignedValidator implements Validator {
  static final String NAMESPACE = "signed";

  @Override
  public Optional<Rejection> validate(RecordKey key, ValueRecord record) {
    if (key.segments().size() != 2) {
      return Optional.of(
          Rejection.of(Rejection.Reason.BAD_KEY, "expected /signed/<peer-id>/<name>"));
    }
    return PublisherRule.named(key.segments().get(0), record);
  }
}
