package io.codex.dht.discv5;

import io.codex.dht.spr.SignedPeerRecord;

/**
 * A peer offering a service, with the service's data from its record (for example a mix key); the
 * data is empty when the record lists the service without data, or does not list it.
 *
 * @param record the peer's verified record
 * @param data the service data
 */
public record ServicePeer(SignedPeerRecord record, byte[] data) {
  /** Copies the data. */
  public ServicePeer {
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServicePeer p
        && record.equals(p.record)
        && java.util.Arrays.equals(data, p.data);
  }

  @Override
  public int hashCode() {
    return record.hashCode();
  }
}
