package io.codex.dht.session;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.NodeId;
import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encodes and decodes discv5 v5.1 packets: {@code packet = masking-iv (16) || masked-header ||
 * message}, {@code header = static-header || authdata}, {@code static-header = "discv5" || version
 * 0x0001 || flag (1) || nonce (12) || authdata-size (2, BE)}, the header masked with AES-128-CTR
 * (key = the destination id's first 16 bytes, IV = masking-iv), the message sealed with AES-128-GCM
 * (nonce from the header, associated data = masking-iv || unmasked header).
 *
 * <p>Pure: no I/O, clock or randomness (IVs, nonces and keys are passed in), and
 * profile-independent (id-signatures, ephemeral keys and records are opaque bytes). Not
 * thread-safe: it uses the owner thread's {@link Crypto}.
 */
final class PacketCodec {
  /** Offset of the static header in a packet (after the masking IV). */
  static final int HEADER_OFFSET = Crypto.IV_SIZE;

  /** Size of the static header. */
  static final int STATIC_HEADER_SIZE = 23;

  /** Offset of the nonce in a packet or in an IV-prefixed header. */
  static final int NONCE_OFFSET = HEADER_OFFSET + 9;

  /** Offset of the authdata in a packet or in an IV-prefixed header. */
  static final int AUTHDATA_OFFSET = HEADER_OFFSET + STATIC_HEADER_SIZE;

  /** Size of a WHOAREYOU packet, and the smallest packet: 16 + 23 + 24. */
  static final int WHOAREYOU_SIZE = AUTHDATA_OFFSET + 24;

  /** The smallest ordinary packet: 16 + 23 + 32 (src-id) + 16 (GCM tag). */
  static final int MIN_ORDINARY_SIZE = AUTHDATA_OFFSET + 32 + Crypto.TAG_SIZE;

  /** Size of a handshake's fixed authdata: src-id, sig-size, eph-key-size. */
  static final int AUTHDATA_HEAD_SIZE = 34;

  /** The largest packet sent, and received unless it is an ordinary packet of a session. */
  static final int MAX_PACKET_SIZE = 1280;

  /** The largest ordinary packet received (Codex peers send oversized PROVIDERS replies). */
  static final int MAX_ORDINARY_SIZE = 65535;

  static final int FLAG_ORDINARY = 0;
  static final int FLAG_WHOAREYOU = 1;
  static final int FLAG_HANDSHAKE = 2;

  private static final byte[] PROTOCOL_ID = {'d', 'i', 's', 'c', 'v', '5'};

  private final Crypto crypto;
  private final SecretKeySpec localMaskingKey;
  private final byte[] staticHeader = new byte[STATIC_HEADER_SIZE];

  PacketCodec(Crypto crypto, NodeId localId) {
    this.crypto = crypto;
    this.localMaskingKey = Crypto.maskingKey(localId);
  }

  /**
   * Unmasks and parses a packet sent to us. Ordinary packets may have up to 65,535 bytes, other
   * kinds at most 1280.
   *
   * @throws DecodeException for a packet of the wrong size, protocol, version or flag, or whose
   *     authdata does not fit its kind
   */
  Packet decode(byte[] packet) throws DecodeException {
    int length = packet.length;
    if (length < WHOAREYOU_SIZE) {
      throw new DecodeException(Reason.PACKET_TOO_SMALL, "packet of " + length + " bytes");
    }
    if (length > MAX_ORDINARY_SIZE) {
      throw new DecodeException(Reason.PACKET_TOO_LARGE, "packet of " + length + " bytes");
    }
    crypto.startUnmask(localMaskingKey, packet, 0);
    crypto.unmask(packet, HEADER_OFFSET, STATIC_HEADER_SIZE, staticHeader, 0);
    if (!Arrays.equals(staticHeader, 0, 6, PROTOCOL_ID, 0, 6)) {
      throw new DecodeException(Reason.BAD_PROTOCOL_ID, "not a discv5 packet");
    }
    if (staticHeader[6] != 0 || staticHeader[7] != 1) {
      throw new DecodeException(Reason.BAD_VERSION, "protocol version is not 1");
    }
    int flag = staticHeader[8] & 0xFF;
    if (flag > FLAG_HANDSHAKE) {
      throw new DecodeException(Reason.BAD_FLAG, "packet flag " + flag);
    }
    int authSize = ((staticHeader[21] & 0xFF) << 8) | (staticHeader[22] & 0xFF);
    int messageOffset = AUTHDATA_OFFSET + authSize;
    if (messageOffset > length) {
      throw new DecodeException(Reason.BAD_AUTHDATA, "authdata runs past the packet");
    }
    int messageLength = length - messageOffset;
    switch (flag) {
      case FLAG_ORDINARY -> {
        if (authSize != 32) {
          throw new DecodeException(Reason.BAD_AUTHDATA, "ordinary authdata of " + authSize);
        }
        if (messageLength < Crypto.TAG_SIZE) {
          throw new DecodeException(Reason.PACKET_TOO_SMALL, "message shorter than its tag");
        }
      }
      case FLAG_WHOAREYOU -> {
        if (authSize != 24) {
          throw new DecodeException(Reason.BAD_AUTHDATA, "WHOAREYOU authdata of " + authSize);
        }
        if (messageLength != 0) {
          throw new DecodeException(Reason.WHOAREYOU_WITH_MESSAGE, "WHOAREYOU with a message");
        }
      }
      default -> {
        if (length > MAX_PACKET_SIZE) {
          throw new DecodeException(Reason.PACKET_TOO_LARGE, "handshake of " + length + " bytes");
        }
        if (authSize <= AUTHDATA_HEAD_SIZE) {
          throw new DecodeException(Reason.BAD_AUTHDATA, "handshake authdata of " + authSize);
        }
        if (messageLength < Crypto.TAG_SIZE) {
          throw new DecodeException(Reason.PACKET_TOO_SMALL, "message shorter than its tag");
        }
      }
    }
    byte[] header = new byte[messageOffset];
    System.arraycopy(packet, 0, header, 0, HEADER_OFFSET);
    System.arraycopy(staticHeader, 0, header, HEADER_OFFSET, STATIC_HEADER_SIZE);
    crypto.unmask(packet, AUTHDATA_OFFSET, authSize, header, AUTHDATA_OFFSET);
    return switch (flag) {
      case FLAG_ORDINARY ->
          new Packet.Ordinary(
              NodeId.fromBytes(header, AUTHDATA_OFFSET), header, packet, messageOffset);
      case FLAG_WHOAREYOU -> new Packet.Whoareyou(header);
      default -> decodeHandshake(header, authSize, packet, messageOffset);
    };
  }

  private static Packet.Handshake decodeHandshake(
      byte[] header, int authSize, byte[] packet, int messageOffset) throws DecodeException {
    int sigSize = header[AUTHDATA_OFFSET + 32] & 0xFF;
    int keySize = header[AUTHDATA_OFFSET + 33] & 0xFF;
    if (AUTHDATA_HEAD_SIZE + sigSize + keySize > authSize) {
      throw new DecodeException(Reason.BAD_AUTHDATA, "signature and key run past the authdata");
    }
    int sigAt = AUTHDATA_OFFSET + AUTHDATA_HEAD_SIZE;
    int keyAt = sigAt + sigSize;
    int recordAt = keyAt + keySize;
    return new Packet.Handshake(
        NodeId.fromBytes(header, AUTHDATA_OFFSET),
        header,
        Arrays.copyOfRange(header, sigAt, keyAt),
        Arrays.copyOfRange(header, keyAt, recordAt),
        Arrays.copyOfRange(header, recordAt, header.length),
        packet,
        messageOffset);
  }

  /** Decrypts the message of an ordinary or handshake packet; {@code null} if it does not open. */
  byte[] open(byte[] header, byte[] packet, int messageOffset, SecretKeySpec readKey) {
    return crypto.open(
        readKey,
        header,
        NONCE_OFFSET,
        header,
        packet,
        messageOffset,
        packet.length - messageOffset);
  }

  /** An ordinary packet carrying {@code plaintext} sealed with {@code writeKey}. */
  byte[] encodeOrdinary(
      SecretKeySpec destinationMask,
      byte[] maskingIv,
      byte[] nonce,
      NodeId source,
      SecretKeySpec writeKey,
      byte[] plaintext) {
    int headerEnd = AUTHDATA_OFFSET + 32;
    byte[] out = new byte[headerEnd + plaintext.length + Crypto.TAG_SIZE];
    writeStaticHeader(out, maskingIv, FLAG_ORDINARY, nonce, 32);
    source.writeTo(out, AUTHDATA_OFFSET);
    crypto.seal(writeKey, nonce, 0, out, headerEnd, plaintext, out, headerEnd);
    crypto.maskInPlace(destinationMask, out, HEADER_OFFSET, headerEnd - HEADER_OFFSET);
    return out;
  }

  /**
   * An ordinary packet whose message is {@code filler} (random bytes): sent to a node without a
   * session, it makes the node answer with WHOAREYOU.
   */
  byte[] encodeRandom(
      SecretKeySpec destinationMask, byte[] maskingIv, byte[] nonce, NodeId source, byte[] filler) {
    int headerEnd = AUTHDATA_OFFSET + 32;
    byte[] out = new byte[headerEnd + filler.length];
    writeStaticHeader(out, maskingIv, FLAG_ORDINARY, nonce, 32);
    source.writeTo(out, AUTHDATA_OFFSET);
    System.arraycopy(filler, 0, out, headerEnd, filler.length);
    crypto.maskInPlace(destinationMask, out, HEADER_OFFSET, headerEnd - HEADER_OFFSET);
    return out;
  }

  /** The unmasked WHOAREYOU packet, which is also its challenge data (63 bytes). */
  static byte[] whoareyouChallenge(
      byte[] maskingIv, byte[] requestNonce, byte[] idNonce, long recordSeq) {
    byte[] out = new byte[WHOAREYOU_SIZE];
    writeStaticHeader(out, maskingIv, FLAG_WHOAREYOU, requestNonce, 24);
    System.arraycopy(idNonce, 0, out, AUTHDATA_OFFSET, 16);
    for (int i = 0; i < 8; i++) {
      out[WHOAREYOU_SIZE - 1 - i] = (byte) (recordSeq >>> (8 * i));
    }
    return out;
  }

  /** The WHOAREYOU packet of {@code challengeData}: its header masked for the destination. */
  byte[] encodeWhoareyou(SecretKeySpec destinationMask, byte[] challengeData) {
    byte[] out = challengeData.clone();
    crypto.maskInPlace(destinationMask, out, HEADER_OFFSET, WHOAREYOU_SIZE - HEADER_OFFSET);
    return out;
  }

  /** A handshake packet carrying {@code plaintext} sealed with {@code writeKey}. */
  byte[] encodeHandshake(
      SecretKeySpec destinationMask,
      byte[] maskingIv,
      byte[] nonce,
      NodeId source,
      byte[] idSignature,
      byte[] ephemeralKey,
      byte[] record,
      SecretKeySpec writeKey,
      byte[] plaintext) {
    if (idSignature.length > 255 || ephemeralKey.length > 255) {
      throw new IllegalArgumentException("signature and ephemeral key have at most 255 bytes");
    }
    int authSize = AUTHDATA_HEAD_SIZE + idSignature.length + ephemeralKey.length + record.length;
    if (authSize > 0xFFFF) {
      throw new IllegalArgumentException("authdata of " + authSize + " bytes");
    }
    int headerEnd = AUTHDATA_OFFSET + authSize;
    byte[] out = new byte[headerEnd + plaintext.length + Crypto.TAG_SIZE];
    writeStaticHeader(out, maskingIv, FLAG_HANDSHAKE, nonce, authSize);
    source.writeTo(out, AUTHDATA_OFFSET);
    out[AUTHDATA_OFFSET + 32] = (byte) idSignature.length;
    out[AUTHDATA_OFFSET + 33] = (byte) ephemeralKey.length;
    int at = AUTHDATA_OFFSET + AUTHDATA_HEAD_SIZE;
    System.arraycopy(idSignature, 0, out, at, idSignature.length);
    at += idSignature.length;
    System.arraycopy(ephemeralKey, 0, out, at, ephemeralKey.length);
    at += ephemeralKey.length;
    System.arraycopy(record, 0, out, at, record.length);
    crypto.seal(writeKey, nonce, 0, out, headerEnd, plaintext, out, headerEnd);
    crypto.maskInPlace(destinationMask, out, HEADER_OFFSET, headerEnd - HEADER_OFFSET);
    return out;
  }

  private static void writeStaticHeader(
      byte[] out, byte[] maskingIv, int flag, byte[] nonce, int authSize) {
    System.arraycopy(maskingIv, 0, out, 0, Crypto.IV_SIZE);
    System.arraycopy(PROTOCOL_ID, 0, out, HEADER_OFFSET, 6);
    out[HEADER_OFFSET + 6] = 0;
    out[HEADER_OFFSET + 7] = 1;
    out[HEADER_OFFSET + 8] = (byte) flag;
    System.arraycopy(nonce, 0, out, NONCE_OFFSET, Crypto.NONCE_SIZE);
    out[AUTHDATA_OFFSET - 2] = (byte) (authSize >>> 8);
    out[AUTHDATA_OFFSET - 1] = (byte) authSize;
  }
}
