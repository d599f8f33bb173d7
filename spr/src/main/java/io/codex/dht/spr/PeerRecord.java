package io.codex.dht.spr;

import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.proto.ProtoReader;
import io.codex.dht.spr.proto.ProtoWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The payload of a signed peer record: {@code PeerRecord{1: peer_id, 2: seq (uint64), 3: repeated
 * AddressInfo{1: multiaddr}, 4: repeated ServiceInfo}}. Field 4 is written only by the Logos
 * format; both formats read it.
 *
 * @param peerId the peer the record describes
 * @param seq the sequence number, an opaque increasing unsigned number
 * @param addresses the addresses that parsed, in record order (malformed ones are skipped)
 * @param services the services offered, in record order
 */
public record PeerRecord(
    PeerId peerId, long seq, List<Multiaddr> addresses, List<ServiceInfo> services) {
  /** The most addresses a record may list. */
  public static final int MAX_ADDRESSES = 16;

  /** Copies the lists. */
  public PeerRecord {
    Objects.requireNonNull(peerId, "peerId");
    addresses = List.copyOf(addresses);
    services = List.copyOf(services);
  }

  /** Encodes the payload; services are written only when {@code withServices} is set. */
  public byte[] encode(boolean withServices) {
    ProtoWriter w = new ProtoWriter(128);
    w.bytes(1, peerId.toBytes());
    w.varint(2, seq);
    for (Multiaddr a : addresses) {
      w.message(3, new ProtoWriter(32).bytes(1, a.toBytes()));
    }
    if (withServices) {
      for (ServiceInfo s : services) {
        ProtoWriter sw = new ProtoWriter(16 + s.dataLength());
        sw.bytes(1, s.id().getBytes(StandardCharsets.UTF_8));
        if (s.dataLength() > 0) {
          sw.bytes(2, s.data());
        }
        w.message(4, sw);
      }
    }
    return w.toByteArray();
  }

  /**
   * Decodes a payload. The peer id is required; a missing seq reads as 0; at most {@link
   * #MAX_ADDRESSES} address entries; addresses that do not parse are skipped, but if entries exist
   * one must parse; service ids must be non-empty UTF-8.
   */
  public static PeerRecord decode(byte[] payload) throws DecodeException {
    return decode(payload, null);
  }

  /** Decodes a payload, reusing {@code known} when the peer id bytes are its own. */
  static PeerRecord decode(byte[] payload, PeerId known) throws DecodeException {
    byte[] peerIdBytes = null;
    long seq = 0; // proto3 encoders (go-libp2p, js-libp2p) omit a zero seq
    int addressEntries = 0;
    List<Multiaddr> addresses = new ArrayList<>(2);
    List<ServiceInfo> services = new ArrayList<>(0);
    ProtoReader r = ProtoReader.of(payload);
    while (r.next()) {
      switch (r.field()) {
        case 1 ->
            peerIdBytes = r.wireType() == ProtoReader.LEN ? r.bytes(64) : skip(r, peerIdBytes);
        case 2 -> seq = r.wireType() == ProtoReader.VARINT ? r.varint() : skip(r, seq);
        case 3 -> {
          if (++addressEntries > MAX_ADDRESSES) {
            throw new DecodeException(
                Reason.TOO_MANY_ADDRESSES,
                "record lists more than " + MAX_ADDRESSES + " addresses");
          }
          Multiaddr a = r.wireType() == ProtoReader.LEN ? addressInfo(r.message()) : skip(r, null);
          if (a != null) {
            addresses.add(a);
          }
        }
        case 4 -> {
          if (r.wireType() == ProtoReader.LEN) {
            services.add(serviceInfo(r.message()));
          } else {
            r.skip();
          }
        }
        default -> r.skip();
      }
    }
    if (peerIdBytes == null) {
      throw new DecodeException(Reason.MISSING_FIELD, "peer record lacks its peer id");
    }
    if (addressEntries > 0 && addresses.isEmpty()) {
      throw new DecodeException(Reason.BAD_MULTIADDR, "no address of the record parses");
    }
    PeerId peerId =
        known != null && Arrays.equals(known.toBytes(), peerIdBytes)
            ? known
            : PeerId.fromBytes(peerIdBytes);
    return new PeerRecord(peerId, seq, addresses, services);
  }

  private static <T> T skip(ProtoReader r, T keep) throws DecodeException {
    r.skip();
    return keep;
  }

  /** {@code AddressInfo{1: multiaddr}}; returns null for entries that do not parse. */
  private static Multiaddr addressInfo(ProtoReader r) throws DecodeException {
    byte[] bytes = null;
    while (r.next()) {
      if (r.field() == 1 && r.wireType() == ProtoReader.LEN) {
        bytes = r.bytes(Multiaddr.MAX_LENGTH);
      } else {
        r.skip();
      }
    }
    if (bytes == null) {
      return null;
    }
    try {
      return Multiaddr.fromBytes(bytes);
    } catch (DecodeException e) {
      return null; // as libp2p does: a malformed address is skipped, not fatal
    }
  }

  private static ServiceInfo serviceInfo(ProtoReader r) throws DecodeException {
    byte[] id = null;
    byte[] data = new byte[0];
    while (r.next()) {
      if (r.wireType() == ProtoReader.LEN && r.field() == 1) {
        id = r.bytes(1024);
      } else if (r.wireType() == ProtoReader.LEN && r.field() == 2) {
        data = r.bytes(1024);
      } else {
        r.skip();
      }
    }
    if (id == null || id.length == 0) {
      throw new DecodeException(Reason.BAD_SERVICE, "a service entry needs a non-empty id");
    }
    return ServiceInfo.of(Utf8.decode(id, Reason.BAD_SERVICE), data);
  }
}
