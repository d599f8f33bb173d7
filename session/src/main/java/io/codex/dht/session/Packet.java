package io.codex.dht.session;

import io.codex.dht.spr.NodeId;
import java.util.Arrays;
import org.apache.tuweni.bytes.Bytes;

/**
 * A packet whose header was unmasked and parsed by {@link PacketCodec}; its message, if any, is
 * still encrypted. {@link #header()} is {@code masking-iv || static-header || authdata} unmasked:
 * the AES-GCM associated data, and for a WHOAREYOU the challenge data.
 */
sealed interface Packet {
  /** The masking IV followed by the unmasked header. */
  byte[] header();

  /** The 12-byte nonce of the static header (a WHOAREYOU's is the request nonce it answers). */
  default Bytes nonce() {
    return Bytes.wrap(header(), PacketCodec.NONCE_OFFSET, Crypto.NONCE_SIZE);
  }

  /** Flag 0: {@code authdata = src-id}; {@code packet[messageOffset..]} is the ciphertext. */
  record Ordinary(NodeId srcId, byte[] header, byte[] packet, int messageOffset)
      implements Packet {}

  /** Flag 1: {@code authdata = id-nonce (16) || record-seq (8, BE)}; no message. */
  record Whoareyou(byte[] header) implements Packet {
    /** The challenge data: masking IV, static header and authdata (63 bytes). */
    byte[] challengeData() {
      return header;
    }

    byte[] idNonce() {
      return Arrays.copyOfRange(
          header, PacketCodec.AUTHDATA_OFFSET, PacketCodec.AUTHDATA_OFFSET + 16);
    }

    long recordSeq() {
      long seq = 0;
      for (int i = PacketCodec.AUTHDATA_OFFSET + 16; i < PacketCodec.WHOAREYOU_SIZE; i++) {
        seq = (seq << 8) | (header[i] & 0xFF);
      }
      return seq;
    }
  }

  /**
   * Flag 2: {@code authdata = src-id || sig-size || eph-key-size || id-signature || eph-key ||
   * record}; {@code record} is empty when the sender left it out.
   */
  record Handshake(
      NodeId srcId,
      byte[] header,
      byte[] idSignature,
      byte[] ephemeralKey,
      byte[] record,
      byte[] packet,
      int messageOffset)
      implements Packet {}
}
