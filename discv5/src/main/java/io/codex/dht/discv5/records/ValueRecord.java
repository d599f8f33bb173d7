package io.codex.dht.discv5.records;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.codex.dht.discv5.records.pb.SignedValue;
import io.codex.dht.discv5.records.pb.ValueBody;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.PeerId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A signed application record: key, publisher (peer id), seq, expiration (Unix milliseconds),
 * payload, and the publisher's secp256k1 signature over the encoded body. Wire form (see
 * values.proto): {@code SignedValue{1: body = ValueBody{1: key, 2: publisher, 3: seq, 4:
 * expires_unix_ms, 5: payload}, 2: signature}}, at most {@link #MAX_SIZE} bytes.
 *
 * <p>Decoding checks structure and bounds only; {@link #verifySignature()} checks the signature
 * (the validators call it).
 */
public final class ValueRecord {
  /** The signing domain (the peer-record rules, another domain). */
  public static final String DOMAIN = "codex-dht-value-record";

  /** The payload type in the signing buffer. */
  static final byte[] PAYLOAD_TYPE = ValuesProtocol.ID.getBytes(StandardCharsets.UTF_8);

  /** The largest encoded record, so a GET answer fits one 1280-byte packet. */
  public static final int MAX_SIZE = 1024;

  /** The largest payload. */
  public static final int MAX_PAYLOAD = 700;

  private final String key;
  private final PeerId publisher;
  private final long seq;
  private final long expiresAtMillis;
  private final byte[] payload;
  private final byte[] body;
  private final byte[] signature;
  private final byte[] encoded;

  private ValueRecord(
      String key,
      PeerId publisher,
      long seq,
      long expiresAtMillis,
      byte[] payload,
      byte[] body,
      byte[] signature,
      byte[] encoded) {
    this.key = key;
    this.publisher = publisher;
    this.seq = seq;
    this.expiresAtMillis = expiresAtMillis;
    this.payload = payload;
    this.body = body;
    this.signature = signature;
    this.encoded = encoded;
  }

  /**
   * Signs a record with the publisher's key.
   *
   * @throws IllegalArgumentException if the key is malformed or the payload or record is too large
   */
  public static ValueRecord sign(
      PrivateKey key, String recordKey, long seq, long expiresAtMillis, byte[] payload) {
    try {
      RecordKey.parse(recordKey);
    } catch (InvalidRecordException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (payload.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          "payload of " + payload.length + " bytes, limit " + MAX_PAYLOAD);
    }
    PeerId publisher = PeerId.of(key.publicKey());
    byte[] body =
        ValueBody.newBuilder()
            .setKey(recordKey)
            .setPublisher(ByteString.copyFrom(publisher.toBytes()))
            .setSeq(seq)
            .setExpiresUnixMs(expiresAtMillis)
            .setPayload(ByteString.copyFrom(payload))
            .build()
            .toByteArray();
    byte[] signature = key.sign(SignedEnvelope.signingBuffer(DOMAIN, PAYLOAD_TYPE, body));
    byte[] encoded =
        SignedValue.newBuilder()
            .setBody(ByteString.copyFrom(body))
            .setSignature(ByteString.copyFrom(signature))
            .build()
            .toByteArray();
    if (encoded.length > MAX_SIZE) {
      throw new IllegalArgumentException(
          "record of " + encoded.length + " bytes, limit " + MAX_SIZE);
    }
    return new ValueRecord(
        recordKey, publisher, seq, expiresAtMillis, payload.clone(), body, signature, encoded);
  }

  /**
   * Decodes a record's structure (not its signature): size first, then the protobuf, strictly (no
   * unknown fields), then the key and publisher.
   */
  public static ValueRecord decode(byte[] bytes) throws InvalidRecordException {
    if (bytes.length > MAX_SIZE) {
      throw new InvalidRecordException(
          Rejection.Reason.TOO_LARGE, "record of " + bytes.length + " bytes, limit " + MAX_SIZE);
    }
    if (bytes.length == 0) {
      throw new InvalidRecordException(Rejection.Reason.MALFORMED, "empty record");
    }
    SignedValue outer = parse(bytes);
    ValueBody b = parseBody(outer.getBody().toByteArray());
    if (outer.getSignature().isEmpty() || outer.getBody().isEmpty()) {
      throw new InvalidRecordException(
          Rejection.Reason.MALFORMED, "record lacks body or signature");
    }
    RecordKey.parse(b.getKey());
    if (b.getPayload().size() > MAX_PAYLOAD) {
      throw new InvalidRecordException(
          Rejection.Reason.TOO_LARGE,
          "payload of " + b.getPayload().size() + " bytes, limit " + MAX_PAYLOAD);
    }
    PeerId publisher;
    try {
      publisher = PeerId.fromBytes(b.getPublisher().toByteArray());
    } catch (DecodeException e) {
      throw new InvalidRecordException(Rejection.Reason.BAD_PUBLISHER, e.getMessage());
    }
    return new ValueRecord(
        b.getKey(),
        publisher,
        b.getSeq(),
        b.getExpiresUnixMs(),
        b.getPayload().toByteArray(),
        outer.getBody().toByteArray(),
        outer.getSignature().toByteArray(),
        bytes.clone());
  }

  private static SignedValue parse(byte[] bytes) throws InvalidRecordException {
    try {
      return strict(SignedValue.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidRecordException(
          Rejection.Reason.MALFORMED, "not a record: " + e.getMessage());
    }
  }

  private static ValueBody parseBody(byte[] bytes) throws InvalidRecordException {
    try {
      return strict(ValueBody.parseFrom(bytes));
    } catch (InvalidProtocolBufferException e) {
      throw new InvalidRecordException(
          Rejection.Reason.MALFORMED, "not a record body: " + e.getMessage());
    }
  }

  /** Refuses unknown fields: bytes nobody signed (outside) or nobody reads (inside). */
  private static <T extends com.google.protobuf.Message> T strict(T m)
      throws InvalidRecordException {
    if (!m.getUnknownFields().asMap().isEmpty()) {
      throw new InvalidRecordException(Rejection.Reason.MALFORMED, "record has unknown fields");
    }
    return m;
  }

  /** Checks the signature with the publisher's key. */
  public void verifySignature() throws InvalidRecordException {
    try {
      publisher
          .publicKey()
          .verify(SignedEnvelope.signingBuffer(DOMAIN, PAYLOAD_TYPE, body), signature);
    } catch (DecodeException e) {
      throw new InvalidRecordException(Rejection.Reason.BAD_SIGNATURE, e.getMessage());
    }
  }

  /** The key. */
  public String key() {
    return key;
  }

  /** The publisher's peer id. */
  public PeerId publisher() {
    return publisher;
  }

  /** The sequence number (unsigned; higher is newer). */
  public long seq() {
    return seq;
  }

  /** When the record expires, in Unix milliseconds. */
  public long expiresAtMillis() {
    return expiresAtMillis;
  }

  /** A copy of the payload. */
  public byte[] payload() {
    return payload.clone();
  }

  /** The payload size. */
  public int payloadSize() {
    return payload.length;
  }

  /** A copy of the encoded record. */
  public byte[] encoded() {
    return encoded.clone();
  }

  /** The encoded size. */
  public int size() {
    return encoded.length;
  }

  /** The encoded bytes, not copied (package code only reads them). */
  byte[] encodedUnsafe() {
    return encoded;
  }

  /** Whether the record has expired at {@code nowUnixMillis}. */
  public boolean isExpired(long nowUnixMillis) {
    return expiresAtMillis <= nowUnixMillis;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValueRecord r && Arrays.equals(encoded, r.encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "ValueRecord["
        + key
        + " by "
        + publisher
        + " seq="
        + Long.toUnsignedString(seq)
        + " payload="
        + HexFormat.of().formatHex(payload, 0, Math.min(payload.length, 16))
        + (payload.length > 16 ? "..." : "")
        + "]";
  }
}
