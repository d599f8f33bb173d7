package io.codex.dht.discv5.records;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The validators of a node by namespace, and the built-in checks every record passes before its
 * namespace's validator: the key parses and is the key asked for, the namespace is registered, the
 * record has not expired and does not expire more than {@code maxTtl} ahead, and the publisher's
 * signature verifies. Immutable.
 */
public final class Validators {
  private final Map<String, Validator> byNamespace;
  private final Duration maxTtl;

  private Validators(Map<String, Validator> byNamespace, Duration maxTtl) {
    this.byNamespace = Map.copyOf(byNamespace);
    this.maxTtl = maxTtl;
  }

  /** The built-in namespaces {@code pk}, {@code logos} and {@code signed}, records up to 48 h. */
  public static Validators defaults() {
    return builder().builtIns().build();
  }

  /** No namespace: a node that stores and serves no records. */
  public static Validators none() {
    return builder().build();
  }

  /** A builder with no namespace. */
  public static Builder builder() {
    return new Builder();
  }

  /** The validator of {@code namespace}, if registered. */
  public Optional<Validator> of(String namespace) {
    return Optional.ofNullable(byNamespace.get(namespace));
  }

  /** Whether {@code key}'s namespace has a validator. */
  public boolean serves(RecordKey key) {
    return byNamespace.containsKey(key.namespace());
  }

  /** The registered namespaces. */
  public List<String> namespaces() {
    return byNamespace.keySet().stream().sorted().toList();
  }

  /** The longest lifetime a record may have left. */
  public Duration maxTtl() {
    return maxTtl;
  }

  /**
   * The built-in checks, then the namespace's validator: empty when {@code record} is valid under
   * {@code key} at {@code nowUnixMillis}.
   */
  public Optional<Rejection> check(RecordKey key, ValueRecord record, long nowUnixMillis) {
    if (!record.key().equals(key.text())) {
      return reject(Rejection.Reason.KEY_MISMATCH, "record of " + record.key() + " under " + key);
    }
    Validator v = byNamespace.get(key.namespace());
    if (v == null) {
      return reject(Rejection.Reason.UNKNOWN_NAMESPACE, "no validator for " + key.namespace());
    }
    if (record.isExpired(nowUnixMillis)) {
      return reject(Rejection.Reason.EXPIRED, "expired at " + record.expiresAtMillis());
    }
    if (record.expiresAtMillis() - nowUnixMillis > maxTtl.toMillis()) {
      return reject(Rejection.Reason.EXPIRES_TOO_LATE, "expires more than " + maxTtl + " ahead");
    }
    try {
      record.verifySignature();
    } catch (InvalidRecordException e) {
      return Optional.of(e.rejection());
    }
    return v.validate(key, record);
  }

  private static Optional<Rejection> reject(Rejection.Reason reason, String detail) {
    return Optional.of(Rejection.of(reason, detail));
  }

  /** Builds {@link Validators}. */
  public static final class Builder {
    private final Map<String, Validator> map = new LinkedHashMap<>();
    private Duration maxTtl = Duration.ofHours(48);

    private Builder() {}

    /** Registers (or replaces) the validator of {@code namespace} (a key's first segment). */
    public Builder register(String namespace, Validator validator) {
      if (namespace.isEmpty() || namespace.contains("/")) {
        throw new IllegalArgumentException("a namespace is one key segment: " + namespace);
      }
      map.put(namespace, Objects.requireNonNull(validator, "validator"));
      return this;
    }

    /** Registers {@code pk}, {@code logos} and {@code signed}. */
    public Builder builtIns() {
      register(PublicKeyValidator.NAMESPACE, new PublicKeyValidator());
      register(LogosValidator.NAMESPACE, new LogosValidator());
      register(SignedValidator.NAMESPACE, new SignedValidator());
      return this;
    }

    /** The longest lifetime a record may have left when stored (default 48 h). */
    public Builder maxTtl(Duration value) {
      if (value.toMillis() < 1) {
        throw new IllegalArgumentException("maxTtl must be positive: " + value);
      }
      this.maxTtl = value;
      return this;
    }

    /** The validators. */
    public Validators build() {
      return new Validators(map, maxTtl);
    }
  }
}
