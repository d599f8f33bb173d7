package io.codex.dht.spr;

import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.proto.ProtoReader;
import io.codex.dht.spr.proto.ProtoWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A libp2p signed envelope: {@code Envelope{1: public_key (PublicKey protobuf), 2: payload_type, 3:
 * payload, 5: signature}}, signed over {@code uvarint(len(domain)) || domain || uvarint(len(type))
 * || type || uvarint(len(payload)) || payload}.
 *
 * <p>Decoding checks only the structure; {@link #verify(String)} checks the key and signature.
 */
public final class SignedEnvelope {
  // Implementation notes: only the encoded bytes are kept, with the offset and length of each
  // field, so a record costs its wire size plus a few ints; accessors copy.
  private final byte[] encoded;
  private final int keyOffset;
  private final int keyLength;
  private final int typeOffset;
  private final int typeLength;
  private final int payloadOffset;
  private final int payloadLength;
  private final int signatureOffset;
  private final int signatureLength;

  private SignedEnvelope(byte[] encoded, int[] slices) {
    this.encoded = encoded;
    this.keyOffset = slices[0];
    this.keyLength = slices[1];
    this.typeOffset = slices[2];
    this.typeLength = slices[3];
    this.payloadOffset = slices[4];
    this.payloadLength = slices[5];
    this.signatureOffset = slices[6];
    this.signatureLength = slices[7];
  }

  /**
   * Decodes the envelope structure of at most {@code maxLength} bytes. Fields 1, 3 and 5 are
   * required; a missing payload type reads as empty. The envelope is strict: a repeated field, an
   * unknown field or a wrong wire type is refused, so bytes nobody signed cannot ride along in a
   * valid record (every libp2p encoder writes exactly these four fields, once each).
   */
  public static SignedEnvelope decode(byte[] bytes, int maxLength) throws DecodeException {
    if (bytes.length > maxLength) {
      throw new DecodeException(
          Reason.TOO_LARGE, "envelope of " + bytes.length + " bytes, limit " + maxLength);
    }
    byte[] copy = bytes.clone();
    // {offset, length} per field: key, type, payload, signature; -1 = absent.
    int[] slices = {-1, 0, -1, 0, -1, 0, -1, 0};
    ProtoReader r = ProtoReader.of(copy);
    while (r.next()) {
      int index =
          switch (r.field()) {
            case 1 -> 0;
            case 2 -> 2;
            case 3 -> 4;
            case 5 -> 6;
            default -> -1;
          };
      if (index < 0 || r.wireType() != ProtoReader.LEN) {
        throw new DecodeException(
            Reason.MALFORMED_PROTOBUF, "envelope has an unexpected field " + r.field());
      }
      if (slices[index] >= 0) {
        throw new DecodeException(Reason.MALFORMED_PROTOBUF, "envelope repeats field " + r.field());
      }
      slices[index + 1] = r.slice();
      slices[index] = r.sliceOffset();
    }
    if (slices[0] < 0 || slices[4] < 0 || slices[6] < 0) {
      throw new DecodeException(
          Reason.MISSING_FIELD, "envelope lacks its public key, payload or signature");
    }
    if (slices[2] < 0) {
      slices[2] = 0; // no payload type: empty
    }
    return new SignedEnvelope(copy, slices);
  }

  /** Signs {@code payload} under {@code domain} and encodes the envelope. */
  public static SignedEnvelope sign(
      PrivateKey key, String domain, byte[] payloadType, byte[] payload) {
    byte[] signature = key.sign(signingBuffer(domain, payloadType, payload));
    byte[] publicKey = key.publicKey().toProtobuf();
    byte[] encoded =
        new ProtoWriter(publicKey.length + payloadType.length + payload.length + 96)
            .bytes(1, publicKey)
            .bytes(2, payloadType)
            .bytes(3, payload)
            .bytes(5, signature)
            .toByteArray();
    try {
      return decode(encoded, Integer.MAX_VALUE);
    } catch (DecodeException e) {
      throw new IllegalStateException("an envelope we encoded always decodes", e);
    }
  }

  /** The bytes a signature covers. */
  public static byte[] signingBuffer(String domain, byte[] payloadType, byte[] payload) {
    byte[] d = domain.getBytes(StandardCharsets.UTF_8);
    byte[] out =
        new byte
            [ProtoWriter.varintSize(d.length)
                + d.length
                + ProtoWriter.varintSize(payloadType.length)
                + payloadType.length
                + ProtoWriter.varintSize(payload.length)
                + payload.length];
    int at = append(out, 0, d);
    at = append(out, at, payloadType);
    append(out, at, payload);
    return out;
  }

  private static int append(byte[] out, int at, byte[] part) {
    at = ProtoWriter.writeVarint(out, at, part.length);
    System.arraycopy(part, 0, out, at, part.length);
    return at + part.length;
  }

  /**
   * Checks the signature under {@code domain}; the key must be secp256k1 (the only scheme Codex
   * builds in).
   */
  public void verify(String domain) throws DecodeException {
    publicKey().verify(signingBuffer(domain, payloadType(), payload()), signature());
  }

  /** The signer's key, parsed from field 1. */
  public PublicKey publicKey() throws DecodeException {
    return PublicKey.fromProtobuf(publicKeyBytes());
  }

  /** The raw field 1 bytes (a libp2p PublicKey protobuf). */
  public byte[] publicKeyBytes() {
    return Arrays.copyOfRange(encoded, keyOffset, keyOffset + keyLength);
  }

  /** The payload type bytes. */
  public byte[] payloadType() {
    return Arrays.copyOfRange(encoded, typeOffset, typeOffset + typeLength);
  }

  /** The payload bytes. */
  public byte[] payload() {
    return Arrays.copyOfRange(encoded, payloadOffset, payloadOffset + payloadLength);
  }

  /** The signature bytes. */
  public byte[] signature() {
    return Arrays.copyOfRange(encoded, signatureOffset, signatureOffset + signatureLength);
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
