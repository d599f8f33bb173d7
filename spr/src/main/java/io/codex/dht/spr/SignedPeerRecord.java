package io.codex.dht.spr;

import io.codex.dht.spr.DecodeException.Reason;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A verified signed peer record (SPR): a {@link SignedEnvelope} whose payload is a {@link
 * PeerRecord} in one of the {@link RecordFormat}s, signed by the peer it describes. Its text form
 * is {@code spr:} followed by base64url of the envelope bytes, without padding.
 *
 * <p>Instances exist only for records that passed every check, so holders never re-verify.
 */
public final class SignedPeerRecord {
  /** The largest encoded record accepted or built. */
  public static final int MAX_SIZE = 1024;

  /** The text prefix. */
  public static final String TEXT_PREFIX = "spr:";

  // Implementation notes: a record keeps its envelope bytes, peer id, seq and format; the payload
  // (addresses, services) is parsed again when asked for. Nodes hold many records (a simulation of
  // thousands of nodes holds millions), so the resident form stays close to the wire size.
  private final SignedEnvelope envelope;
  private final RecordFormat format;
  private final PeerId peerId;
  private final long seq;

  private SignedPeerRecord(SignedEnvelope envelope, PeerRecord record, RecordFormat format) {
    this.envelope = envelope;
    this.format = format;
    this.peerId = record.peerId();
    this.seq = record.seq();
  }

  /**
   * Decodes and fully validates a record, in this order: size and envelope structure, payload type,
   * envelope key, signature over the payload bytes (domain {@code libp2p-peer-record}, or {@code
   * libp2p-routing-state}), and only then the payload, whose peer id must be the envelope key. The
   * payload parser sees nothing the key holder did not sign (RFC 0003: "validate the signature
   * before deserializing").
   */
  public static SignedPeerRecord decode(byte[] bytes) throws DecodeException {
    SignedEnvelope envelope = SignedEnvelope.decode(bytes, MAX_SIZE);
    byte[] payloadType = envelope.payloadType();
    RecordFormat format = RecordFormat.ofPayloadType(payloadType);
    if (format == null) {
      throw new DecodeException(
          Reason.WRONG_PAYLOAD_TYPE, "unknown payload type " + Hex.encode(payloadType));
    }
    byte[] keyBytes = envelope.publicKeyBytes();
    PublicKey key = PublicKey.fromProtobuf(keyBytes);
    byte[] payload = envelope.payload();
    byte[] signature = envelope.signature();
    try {
      key.verify(
          SignedEnvelope.signingBuffer(RecordFormat.DOMAIN, payloadType, payload), signature);
    } catch (DecodeException e) {
      if (e.reason() != Reason.SIGNATURE_INVALID) {
        throw e;
      }
      key.verify(
          SignedEnvelope.signingBuffer(RecordFormat.ALTERNATE_DOMAIN, payloadType, payload),
          signature);
    }
    PeerRecord record = PeerRecord.decode(envelope.payloadView(), PeerId.of(key));
    if (!Arrays.equals(record.peerId().publicKey().toProtobuf(), keyBytes)) {
      throw new DecodeException(
          Reason.PEER_ID_MISMATCH, "record peer id does not match the envelope key");
    }
    return new SignedPeerRecord(envelope, record, format);
  }

  /**
   * The node id a record claims, read from its structure alone: no key is parsed and no signature
   * checked. Lets a node recognise a record it already verified before paying for verification.
   */
  public static NodeId claimedNodeId(byte[] bytes) throws DecodeException {
    SignedEnvelope envelope = SignedEnvelope.decode(bytes, MAX_SIZE);
    return NodeId.keccakOf(PeerRecord.peerIdBytes(envelope.payloadView()));
  }

  /** Whether this record's encoding is exactly {@code bytes}. */
  public boolean hasEncoding(byte[] bytes) {
    return envelope.hasEncoding(bytes);
  }

  /** Parses the {@code spr:} text form (base64url; padding accepted, not required). */
  public static SignedPeerRecord fromText(String text) throws DecodeException {
    String t = text.strip();
    if (!t.startsWith(TEXT_PREFIX)) {
      throw new DecodeException(Reason.BAD_TEXT, "a record's text starts with 'spr:'");
    }
    String body = t.substring(TEXT_PREFIX.length());
    if (body.length() > (MAX_SIZE + 2) / 3 * 4) {
      throw new DecodeException(Reason.TOO_LARGE, "record text too long");
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new DecodeException(Reason.BAD_TEXT, "record text is not base64url: " + e.getMessage());
    }
    return decode(bytes);
  }

  /** Starts a record signed by {@code key}. */
  public static SignedPeerRecordBuilder builder(PrivateKey key) {
    return new SignedPeerRecordBuilder(key);
  }

  static SignedPeerRecord signed(PrivateKey key, PeerRecord record, RecordFormat format) {
    byte[] payload = record.encode(format == RecordFormat.LOGOS);
    SignedEnvelope envelope =
        SignedEnvelope.sign(key, RecordFormat.DOMAIN, format.payloadType(), payload);
    return new SignedPeerRecord(envelope, record, format);
  }

  /** The {@code spr:} text form. */
  public String toText() {
    return TEXT_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(envelope.encoded());
  }

  /** The envelope bytes, as received or signed. */
  public byte[] encoded() {
    return envelope.encoded();
  }

  /** The size of the encoded record. */
  public int size() {
    return envelope.size();
  }

  /** The envelope. */
  public SignedEnvelope envelope() {
    return envelope;
  }

  /** The decoded payload (parsed on each call). */
  public PeerRecord record() {
    try {
      return PeerRecord.decodeVerified(envelope.payloadView(), peerId);
    } catch (DecodeException e) {
      throw new IllegalStateException("a verified record's payload always decodes", e);
    }
  }

  /** The payload format. */
  public RecordFormat format() {
    return format;
  }

  /** The peer's id. */
  public PeerId peerId() {
    return peerId;
  }

  /** The peer's node id. */
  public NodeId nodeId() {
    return peerId.nodeId();
  }

  /** The peer's public key. */
  public PublicKey publicKey() {
    return peerId.publicKey();
  }

  /** The sequence number. */
  public long seq() {
    return seq;
  }

  /** The addresses that parsed. */
  public List<Multiaddr> addresses() {
    return record().addresses();
  }

  /** The services listed. */
  public List<ServiceInfo> services() {
    return record().services();
  }

  /** The first service with this id. */
  public Optional<ServiceInfo> service(String id) {
    return services().stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** The UDP endpoint of the first {@code /ip4/.../udp/...} address. */
  public Optional<InetSocketAddress> udpEndpoint() {
    return firstUdp(false);
  }

  /** The UDP endpoint of the first {@code /ip6/.../udp/...} address. */
  public Optional<InetSocketAddress> udp6Endpoint() {
    return firstUdp(true);
  }

  private Optional<InetSocketAddress> firstUdp(boolean ip6) {
    for (Multiaddr a : addresses()) {
      if (ip6 ? a.isIp6() : a.isIp4()) {
        Optional<InetSocketAddress> e = a.udpEndpoint();
        if (e.isPresent()) {
          return e;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Whether this record supersedes {@code other} of the same peer: its seq is higher (unsigned), or
   * the seqs are equal and this one lists services while {@code other} lists none. A node signs a
   * plain and a full form of its record at one seq; the form with services wins, never the reverse.
   */
  public boolean isNewerThan(SignedPeerRecord other) {
    int c = Long.compareUnsigned(seq(), other.seq());
    return c > 0 || (c == 0 && !services().isEmpty() && other.services().isEmpty());
  }

  /** A copy of this record's content for building a successor. */
  public SignedPeerRecordBuilder toBuilder(PrivateKey key) {
    if (!key.publicKey().equals(publicKey())) {
      throw new IllegalArgumentException("the key does not own this record");
    }
    SignedPeerRecordBuilder b = builder(key).seq(seq()).format(format);
    b.addresses(new ArrayList<>(addresses()));
    services().forEach(b::service);
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedPeerRecord r && envelope.equals(r.envelope);
  }

  @Override
  public int hashCode() {
    return envelope.hashCode();
  }

  /** A short description for logs: node id prefix, seq and addresses. */
  @Override
  public String toString() {
    return "SPR["
        + nodeId().toShortString()
        + " seq="
        + Long.toUnsignedString(seq)
        + " "
        + addresses()
        + "]";
  }
}
