package io.codex.dht.discv5.records;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.PeerId;
import io.codex.dht.spr.PublicKey;
import java.util.Optional;

/**
 * {@code /pk/<peer-id>}: the payload is a libp2p PublicKey protobuf whose peer id (base58) is the
 * key's id, as in libp2p's public-key namespace. Anyone may publish it; all valid values are equal.
 */
final class PublicKeyValidator implements Validator {
  static final String NAMESPACE = "pk";

  @Override
  public Optional<Rejection> validate(RecordKey key, ValueRecord record) {
    if (key.segments().size() != 1) {
      return Optional.of(Rejection.of(Rejection.Reason.BAD_KEY, "expected /pk/<peer-id>"));
    }
    PeerId ofPayload;
    try {
      ofPayload = PeerId.of(PublicKey.fromProtobuf(record.payload()));
    } catch (DecodeException e) {
      return Optional.of(
          Rejection.of(Rejection.Reason.INVALID_PAYLOAD, "not a public key: " + e.getMessage()));
    }
    if (!ofPayload.toBase58().equals(key.segments().get(0))) {
      return Optional.of(
          Rejection.of(
              Rejection.Reason.INVALID_PAYLOAD, "the key is not " + key.segments().get(0)));
    }
    return Optional.empty();
  }
}
