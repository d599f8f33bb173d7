package io.codex.dht.spr;

import com.google.protobuf.ByteString;
import com.google.protobuf.Parser;
import com.google.protobuf.UnsafeByteOperations;
import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.proto.PeerRecordProtos;
import io.codex.dht.spr.proto.PeerRecordProtos.AddressInfo;
import io.codex.dht.spr.proto.Protobufs;
import io.codex.dht.spr.proto.Protobufs.RepeatedLimit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The payload of a signed peer record ({@code peer_record.proto}): {@code PeerRecord{1: peer_id, 2:
 * seq (uint64), 3: repeated AddressInfo{1: multiaddr}, 4: repeated ServiceInfo{1: id, 2: data}}}.
 * Field 4 is written only by the Logos format; both formats read it.
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

  /** The longest peer id read (a secp256k1 one has 39 bytes). */
  static final int MAX_PEER_ID_LENGTH = 64;

  private static final Parser<PeerRecordProtos.PeerRecord> PARSER =
      Protobufs.parser(PeerRecordProtos.PeerRecord.parser());

  /** Address entries: at most 16, each within a record. */
  private static final RepeatedLimit ADDRESS_LIMIT =
      new RepeatedLimit(
          3,
          MAX_ADDRESSES,
          0,
          SignedPeerRecord.MAX_SIZE,
          Reason.TOO_MANY_ADDRESSES,
          Reason.TOO_LARGE,
          Reason.TOO_LARGE,
          "addresses");

  /** Encodes the payload; services are written only when {@code withServices} is set. */
  public byte[] encode(boolean withServices) {
    PeerRecordProtos.PeerRecord.Builder b =
        PeerRecordProtos.PeerRecord.newBuilder()
            .setPeerId(UnsafeByteOperations.unsafeWrap(peerId.toBytes()))
            .setSeq(seq);
    for (Multiaddr a : addresses) {
      b.addAddresses(
          AddressInfo.newBuilder().setMultiaddr(UnsafeByteOperations.unsafeWrap(a.toBytes())));
    }
    if (withServices) {
      for (ServiceInfo s : services) {
        PeerRecordProtos.ServiceInfo.Builder sb =
            PeerRecordProtos.ServiceInfo.newBuilder().setId(s.id());
        if (s.dataLength() > 0) {
          sb.setData(UnsafeByteOperations.unsafeWrap(s.data()));
        }
        b.addServices(sb);
      }
    }
    return b.build().toByteArray();
  }

  /**
   * Decodes a payload. The peer id is required; a missing seq reads as 0; at most {@link
   * #MAX_ADDRESSES} address entries (counted before parsing); addresses that do not parse are
   * skipped, but if entries exist one must parse; service ids must be non-empty UTF-8. Unknown
   * fields are skipped.
   */
  public static PeerRecord decode(byte[] payload) throws DecodeException {
    return decode(UnsafeByteOperations.unsafeWrap(payload), null);
  }

  /** Decodes a payload, reusing {@code known} when the peer id bytes are its own. */
  static PeerRecord decode(ByteString payload, PeerId known) throws DecodeException {
    return decode(parse(payload), known);
  }

  /**
   * Decodes the payload of a record verified before, whose limits were checked then (the address
   * count is not counted again).
   */
  static PeerRecord decodeVerified(ByteString payload, PeerId known) throws DecodeException {
    return decode(Protobufs.parse(PARSER, payload), known);
  }

  private static PeerRecord decode(PeerRecordProtos.PeerRecord m, PeerId known)
      throws DecodeException {
    byte[] peerIdBytes = peerIdBytes(m);
    List<Multiaddr> addresses = new ArrayList<>(m.getAddressesCount());
    for (AddressInfo info : m.getAddressesList()) {
      Multiaddr a = address(info);
      if (a != null) {
        addresses.add(a);
      }
    }
    if (m.getAddressesCount() > 0 && addresses.isEmpty()) {
      throw new DecodeException(Reason.BAD_MULTIADDR, "no address of the record parses");
    }
    List<ServiceInfo> services = new ArrayList<>(m.getServicesCount());
    for (PeerRecordProtos.ServiceInfo s : m.getServicesList()) {
      services.add(service(s));
    }
    PeerId peerId =
        known != null && Arrays.equals(known.toBytes(), peerIdBytes)
            ? known
            : PeerId.fromBytes(peerIdBytes);
    // proto3 encoders (go-libp2p, js-libp2p) omit a zero seq: absent reads as 0.
    return new PeerRecord(peerId, m.getSeq(), addresses, services);
  }

  /** The peer id bytes of a payload, without parsing the key they hold. */
  static byte[] peerIdBytes(ByteString payload) throws DecodeException {
    return peerIdBytes(parse(payload));
  }

  private static PeerRecordProtos.PeerRecord parse(ByteString payload) throws DecodeException {
    Protobufs.checkRepeated(payload, ADDRESS_LIMIT);
    return Protobufs.parse(PARSER, payload);
  }

  private static byte[] peerIdBytes(PeerRecordProtos.PeerRecord m) throws DecodeException {
    if (!m.hasPeerId()) {
      throw new DecodeException(Reason.MISSING_FIELD, "peer record lacks its peer id");
    }
    if (m.getPeerId().size() > MAX_PEER_ID_LENGTH) {
      throw new DecodeException(Reason.TOO_LARGE, "peer id of " + m.getPeerId().size() + " bytes");
    }
    return m.getPeerId().toByteArray();
  }

  /** The address of an entry, or null when it has none or it does not parse. */
  private static Multiaddr address(AddressInfo info) {
    if (!info.hasMultiaddr()) {
      return null;
    }
    try {
      return Multiaddr.fromBytes(info.getMultiaddr().toByteArray());
    } catch (DecodeException e) {
      return null; // as libp2p does: a malformed address is skipped, not fatal
    }
  }

  private static ServiceInfo service(PeerRecordProtos.ServiceInfo s) throws DecodeException {
    ByteString id = s.getIdBytes();
    if (id.isEmpty()) {
      throw new DecodeException(Reason.BAD_SERVICE, "a service entry needs a non-empty id");
    }
    return ServiceInfo.of(
        Utf8.decode(id.toByteArray(), Reason.BAD_SERVICE), s.getData().toByteArray());
  }
}
