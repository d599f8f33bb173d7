package io.codex.dht.discv5.providers;

/** What a {@link ProviderStore#add} did with a provider record; names are stable metric tags. */
public enum AddOutcome {
  /** A new provider for the key was stored. */
  STORED(true),
  /** The provider was already stored: its expiry was reset, its stored record kept. */
  REFRESHED(true),
  /** The provider was already stored with a lower seq: expiry reset and record replaced. */
  UPDATED(true),
  /** Refused: the stored record of this provider has a higher seq than the offered one. */
  STALE(false),
  /** Refused: the key already has the maximum number of unexpired providers. */
  KEY_FULL(false),
  /** Refused: the store holds its maximum number of records or bytes. */
  STORE_FULL(false),
  /** Refused: the sender has exceeded its add rate. */
  RATE_LIMITED(false);

  private final boolean accepted;

  AddOutcome(boolean accepted) {
    this.accepted = accepted;
  }

  /** Whether the provider is stored for the key after the add. */
  public boolean accepted() {
    return accepted;
  }
}
