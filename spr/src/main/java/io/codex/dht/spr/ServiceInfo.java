package io.codex.dht.spr;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A service a peer offers, as listed in a Logos Routing Record: {@code ServiceInfo{1: id (UTF-8),
 * 2: data (bytes, written only when non-empty)}}, for example a mix protocol id with its key.
 */
public final class ServiceInfo {
  /** The most service data this implementation puts in a record it builds. */
  public static final int MAX_DATA_LENGTH = 33;

  private final String id;
  private final byte[] data;

  private ServiceInfo(String id, byte[] data) {
    this.id = id;
    this.data = data;
  }

  /** A service without data. */
  public static ServiceInfo of(String id) {
    return of(id, new byte[0]);
  }

  /** A service with data; the id must be non-empty. */
  public static ServiceInfo of(String id, byte[] data) {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("a service id must not be empty");
    }
    return new ServiceInfo(id, data.clone());
  }

  /** The service id. */
  public String id() {
    return id;
  }

  /** The service data, empty when the record carries none. */
  public byte[] data() {
    return data.clone();
  }

  /** The length of the service data. */
  public int dataLength() {
    return data.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServiceInfo s && id.equals(s.id) && Arrays.equals(data, s.data);
  }

  @Override
  public int hashCode() {
    return id.hashCode() * 31 + Arrays.hashCode(data);
  }

  /** {@code id} or {@code id=hex}. */
  @Override
  public String toString() {
    return data.length == 0 ? id : id + "=" + HexFormat.of().formatHex(data);
  }
}
