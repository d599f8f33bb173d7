package io.codex.dht.discv5.records;

/**
 * The one checked exception of the records codec and validators, carrying its {@link Rejection}.
 */
public final class InvalidRecordException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Rejection rejection;

  /** An exception for {@code rejection}. */
  public InvalidRecordException(Rejection rejection) {
    super(rejection.toString());
    this.rejection = rejection;
  }

  /** An exception for a reason and detail. */
  public InvalidRecordException(Rejection.Reason reason, String detail) {
    this(Rejection.of(reason, detail));
  }

  /** Why. */
  public Rejection rejection() {
    return rejection;
  }

  /** The reason. */
  public Rejection.Reason reason() {
    return rejection.reason();
  }
}
