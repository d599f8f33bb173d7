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
  private final byte[] publicKey;
  private final byte[] payloadType;
  private final byte[] payload;
  private final byte[] signature;
  private final byte[] encoded;

  private SignedEnvelope(
      byte[] publicKey, byte[] payloadType, byte[] payload, byte[] signature, byte[] encoded) {
    this.publicKey = publicKey;
    this.payloadType = payloadType;
    this.payload = payload;
    this.signature = signature;
    this.encoded = encoded;
  }

  /**
   * Decodes the envelope structure of at most {@code maxLength} bytes. Fields 1, 3 and 5 are
   * required; a missing payload type reads as empty.
   */
  public static SignedEnvelope decode(byte[] bytes, int maxLength) throws DecodeException {
    if (bytes.length > maxLength) {
      throw new DecodeException(
          Reason.TOO_LARGE, "envelope of " + bytes.length + " bytes, limit " + maxLength);
    }
    byte[] key = null;
    byte[] type = new byte[0];
    byte[] payload = null;
    byte[] signature = null;
    ProtoReader r = ProtoReader.of(bytes);
    while (r.next()) {
      if (r.wireType() != ProtoReader.LEN) {
        r.skip();
        continue;
      }
      switch (r.field()) {
        case 1 -> key = r.bytes(bytes.length);
        case 2 -> type = r.bytes(bytes.length);
        case 3 -> payload = r.bytes(bytes.length);
        case 5 -> signature = r.bytes(bytes.length);
        default -> r.skip();
      }
    }
    if (key == null || payload == null || signature == null) {
      throw new DecodeException(
          Reason.MISSING_FIELD, "envelope lacks its public key, payload or signature");
    }
    return new SignedEnvelope(key, type, payload, signature, bytes.clone());
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
    return new SignedEnvelope(publicKey, payloadType.clone(), payload.clone(), signature, encoded);
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
    publicKey().verify(signingBuffer(domain, payloadType, payload), signature);
  }

  /** The signer's key, parsed from field 1. */
  public PublicKey publicKey() throws DecodeException {
    return PublicKey.fromProtobuf(publicKey);
  }

  /** The raw field 1 bytes (a libp2p PublicKey protobuf). */
  public byte[] publicKeyBytes() {
    return publicKey.clone();
  }

  /** The payload type bytes. */
  public byte[] payloadType() {
    return payloadType.clone();
  }

  /** The payload bytes. */
  public byte[] payload() {
    return payload.clone();
  }

  /** The signature bytes. */
  public byte[] signature() {
    return signature.clone();
  }

  /** The envelope bytes, exactly as decoded or signed. */
  public byte[] encoded() {
    return encoded.clone();
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
