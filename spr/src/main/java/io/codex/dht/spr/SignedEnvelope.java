package io.codex.dht.spr;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Parser;
import com.google.protobuf.UnsafeByteOperations;
import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.proto.EnvelopeProtos.Envelope;
import io.codex.dht.spr.proto.Protobufs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A libp2p signed envelope ({@code envelope.proto}): {@code Envelope{1: public_key (PublicKey
 * protobuf), 2: payload_type, 3: payload, 5: signature}}, signed over {@code uvarint(len(domain))
 * || domain || uvarint(len(type)) || type || uvarint(len(payload)) || payload}.
 *
 * <p>Decoding checks only the structure; {@link #verify(String)} checks the key and signature.
 */
public final class SignedEnvelope {
  private static final Parser<Envelope> PARSER = Protobufs.parser(Envelope.parser());

  // Implementation notes: the encoded bytes are kept as received, with the payload as a view of
  // them (protobuf-java parses with aliasing), so a record costs its wire size plus one small view
  // (nodes hold many records), and the signature is checked over exactly the payload bytes
  // received. The other fields, read rarely, are parsed again when asked for. Accessors copy.
  private final byte[] encoded;
  private final ByteString payload;

  private SignedEnvelope(byte[] encoded, Envelope e) {
    this.encoded = encoded;
    this.payload = e.getPayload();
  }

  /** The envelope parsed again; it parsed when this object was made. */
  private Envelope fields() {
    try {
      return Protobufs.parse(PARSER, encoded);
    } catch (DecodeException e) {
      throw new IllegalStateException("a decoded envelope always parses", e);
    }
  }

  /**
   * Decodes the envelope structure of at most {@code maxLength} bytes (checked before parsing).
   * Fields 1, 3 and 5 are required; a missing payload type reads as empty. As in every libp2p
   * implementation, unknown fields are skipped and a field given twice keeps its last value: the
   * signature covers the payload bytes, not the envelope, so nothing unsigned reaches the payload.
   */
  public static SignedEnvelope decode(byte[] bytes, int maxLength) throws DecodeException {
    if (bytes.length > maxLength) {
      throw new DecodeException(
          Reason.TOO_LARGE, "envelope of " + bytes.length + " bytes, limit " + maxLength);
    }
    byte[] copy = bytes.clone();
    Envelope e = Protobufs.parse(PARSER, copy);
    if (!e.hasPublicKey() || !e.hasPayload() || !e.hasSignature()) {
      throw new DecodeException(
          Reason.MISSING_FIELD, "envelope lacks its public key, payload or signature");
    }
    return new SignedEnvelope(copy, e);
  }

  /** Signs {@code payload} under {@code domain} and encodes the envelope. */
  public static SignedEnvelope sign(
      PrivateKey key, String domain, byte[] payloadType, byte[] payload) {
    byte[] signature = key.sign(signingBuffer(domain, payloadType, payload));
    byte[] encoded = encode(key.publicKey().toProtobuf(), payloadType, payload, signature);
    try {
      return decode(encoded, Integer.MAX_VALUE);
    } catch (DecodeException e) {
      throw new IllegalStateException("an envelope we encoded always decodes", e);
    }
  }

  /** The envelope bytes of the four fields, each written (in field order) even when empty. */
  static byte[] encode(byte[] publicKey, byte[] payloadType, byte[] payload, byte[] signature) {
    return Envelope.newBuilder()
        .setPublicKey(UnsafeByteOperations.unsafeWrap(publicKey))
        .setPayloadType(UnsafeByteOperations.unsafeWrap(payloadType))
        .setPayload(UnsafeByteOperations.unsafeWrap(payload))
        .setSignature(UnsafeByteOperations.unsafeWrap(signature))
        .build()
        .toByteArray();
  }

  /** The bytes a signature covers. */
  public static byte[] signingBuffer(String domain, byte[] payloadType, byte[] payload) {
    byte[] d = domain.getBytes(StandardCharsets.UTF_8);
    byte[] out =
        new byte
            [CodedOutputStream.computeByteArraySizeNoTag(d)
                + CodedOutputStream.computeByteArraySizeNoTag(payloadType)
                + CodedOutputStream.computeByteArraySizeNoTag(payload)];
    CodedOutputStream w = CodedOutputStream.newInstance(out);
    try {
      w.writeByteArrayNoTag(d);
      w.writeByteArrayNoTag(payloadType);
      w.writeByteArrayNoTag(payload);
      w.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException("the buffer was sized for its content", e);
    }
    return out;
  }

  /**
   * Checks the signature under {@code domain}; the key must be secp256k1 (the only scheme Codex
   * builds in).
   */
  public void verify(String domain) throws DecodeException {
    Envelope e = fields();
    PublicKey.fromProtobuf(e.getPublicKey().toByteArray())
        .verify(
            signingBuffer(domain, e.getPayloadType().toByteArray(), payload()),
            e.getSignature().toByteArray());
  }

  /** The signer's key, parsed from field 1. */
  public PublicKey publicKey() throws DecodeException {
    return PublicKey.fromProtobuf(publicKeyBytes());
  }

  /** The raw field 1 bytes (a libp2p PublicKey protobuf). */
  public byte[] publicKeyBytes() {
    return fields().getPublicKey().toByteArray();
  }

  /** The payload type bytes. */
  public byte[] payloadType() {
    return fields().getPayloadType().toByteArray();
  }

  /** The payload bytes, exactly as received, as a view (no copy). */
  ByteString payloadView() {
    return payload;
  }

  /** The payload bytes, exactly as received. */
  public byte[] payload() {
    return payload.toByteArray();
  }

  /** The signature bytes. */
  public byte[] signature() {
    return fields().getSignature().toByteArray();
  }

  /** The envelope bytes, exactly as decoded or signed. */
  public byte[] encoded() {
    return encoded.clone();
  }

  /** Whether the encoded envelope is exactly {@code bytes}. */
  public boolean hasEncoding(byte[] bytes) {
    return Arrays.equals(encoded, bytes);
  }

  /** The size of the encoded envelope. */
  public int size() {
    return encoded.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedEnvelope e && Arrays.equals(encoded, e.encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }
}
