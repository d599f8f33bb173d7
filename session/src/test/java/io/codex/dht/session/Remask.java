package io.codex.dht.session;

import io.codex.dht.spr.NodeId;
import javax.crypto.spec.SecretKeySpec;

/**
 * Header masking for one destination, as a fuzzer needs it (the nim-eth technique): unmask a
 * packet, change its plain header, mask it again so that the destination's unmasking yields the
 * change and the packet gets past the protocol-id check.
 */
final class Remask {
  private final Crypto crypto = new Crypto();
  private final SecretKeySpec key;

  Remask(NodeId destination) {
    this.key = Crypto.maskingKey(destination);
  }

  /** The packet with its header unmasked (the extent its own authdata-size gives). */
  byte[] unmask(byte[] packet) {
    if (packet.length <= PacketCodec.HEADER_OFFSET) {
      return packet.clone();
    }
    byte[] probe = packet.clone();
    int head = Math.min(PacketCodec.STATIC_HEADER_SIZE, packet.length - PacketCodec.HEADER_OFFSET);
    crypto.maskInPlace(key, probe, PacketCodec.HEADER_OFFSET, head);
    return mask(packet, extent(probe));
  }

  /** Masks a plain packet: the static header and as much authdata as its authdata-size says. */
  byte[] mask(byte[] plain) {
    return mask(plain, extent(plain));
  }

  private byte[] mask(byte[] packet, int extent) {
    byte[] out = packet.clone();
    if (extent > 0) {
      crypto.maskInPlace(key, out, PacketCodec.HEADER_OFFSET, extent);
    }
    return out;
  }

  /** The number of header bytes after the IV that the receiver unmasks. */
  private static int extent(byte[] plain) {
    int available = plain.length - PacketCodec.HEADER_OFFSET;
    if (available <= 0) {
      return 0;
    }
    if (plain.length < PacketCodec.AUTHDATA_OFFSET) {
      return available;
    }
    int authSize =
        ((plain[PacketCodec.AUTHDATA_OFFSET - 2] & 0xFF) << 8)
            | (plain[PacketCodec.AUTHDATA_OFFSET - 1] & 0xFF);
    return Math.min(available, PacketCodec.STATIC_HEADER_SIZE + authSize);
  }
}
