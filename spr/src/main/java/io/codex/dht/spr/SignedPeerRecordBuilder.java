package io.codex.dht.spr;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds and signs a {@link SignedPeerRecord}; refuses more than 16 addresses, service data over 33
 * bytes, services in the PeerRecord format, and records over 1024 bytes.
 */
public final class SignedPeerRecordBuilder {
  private final PrivateKey key;
  private long seq = 1;
  private RecordFormat format = RecordFormat.LOGOS;
  private final List<Multiaddr> addresses = new ArrayList<>();
  private final List<ServiceInfo> services = new ArrayList<>();

  SignedPeerRecordBuilder(PrivateKey key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  /** Sets the sequence number (default 1). */
  public SignedPeerRecordBuilder seq(long seq) {
    this.seq = seq;
    return this;
  }

  /** Sets the payload format (default {@link RecordFormat#LOGOS}). */
  public SignedPeerRecordBuilder format(RecordFormat format) {
    this.format = Objects.requireNonNull(format, "format");
    return this;
  }

  /** Adds an address. */
  public SignedPeerRecordBuilder address(Multiaddr address) {
    addresses.add(Objects.requireNonNull(address, "address"));
    return this;
  }

  /** Replaces the addresses. */
  public SignedPeerRecordBuilder addresses(List<Multiaddr> list) {
    addresses.clear();
    list.forEach(this::address);
    return this;
  }

  /** Adds a service. */
  public SignedPeerRecordBuilder service(ServiceInfo service) {
    services.add(Objects.requireNonNull(service, "service"));
    return this;
  }

  /** Replaces the services. */
  public SignedPeerRecordBuilder services(List<ServiceInfo> list) {
    services.clear();
    list.forEach(this::service);
    return this;
  }

  /**
   * Signs the record.
   *
   * @throws IllegalArgumentException when a limit is exceeded
   */
  public SignedPeerRecord build() {
    if (addresses.size() > PeerRecord.MAX_ADDRESSES) {
      throw new IllegalArgumentException(
          "a record holds at most " + PeerRecord.MAX_ADDRESSES + " addresses");
    }
    for (ServiceInfo s : services) {
      if (s.dataLength() > ServiceInfo.MAX_DATA_LENGTH) {
        throw new IllegalArgumentException(
            "service '"
                + s.id()
                + "' has "
                + s.dataLength()
                + " bytes of data, limit "
                + ServiceInfo.MAX_DATA_LENGTH);
      }
    }
    if (format == RecordFormat.PEER_RECORD && !services.isEmpty()) {
      throw new IllegalArgumentException("the peer-record format carries no services");
    }
    PeerRecord record = new PeerRecord(PeerId.of(key.publicKey()), seq, addresses, services);
    SignedPeerRecord signed = SignedPeerRecord.signed(key, record, format);
    if (signed.size() > SignedPeerRecord.MAX_SIZE) {
      throw new IllegalArgumentException(
          "record of " + signed.size() + " bytes exceeds " + SignedPeerRecord.MAX_SIZE);
    }
    return signed;
  }
}
