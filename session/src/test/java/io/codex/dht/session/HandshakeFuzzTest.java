package io.codex.dht.session;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes handshake authdata ({@code src-id || sig-size || eph-key-size || id-signature || eph-key
 * || record}): the input becomes the authdata of a handshake packet carrying a PING, sealed with
 * the key its ephemeral key yields and received by node B holding a challenge, under {@link
 * RelaxedProfile} so that mutations get past the id-signature to ECDH, decryption and the record.
 */
class HandshakeFuzzTest {
  private final FuzzNode node = new FuzzNode(new RelaxedProfile(), new CheckingListener());

  static Stream<Arguments> seeds() {
    return SessionFuzzSeeds.arguments(SessionFuzzSeeds.authdata());
  }

  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  @MethodSource("seeds")
  @FuzzTest
  void authdata(byte[] input) {
    if (input.length > SessionLayer.MAX_PACKET_SIZE) {
      return; // larger handshakes are refused by size alone
    }
    node.receive(packet(input));
  }

  /**
   * The unmasked handshake packet around {@code authdata}: zero IV (bit 2 picks the challenge with
   * a record when the authdata is longer than its fixed part plus a signature and key), the static
   * header with flag 2 and a fixed nonce, the authdata, and a PING.
   */
  static byte[] packet(byte[] authdata) {
    byte[] ping = SessionFuzzSeeds.ping();
    int at = PacketCodec.AUTHDATA_OFFSET;
    byte[] out = new byte[at + authdata.length + ping.length];
    byte[] head = SessionFuzzSeeds.staticHeader(PacketCodec.FLAG_HANDSHAKE, authdata.length);
    System.arraycopy(head, 0, out, 0, at);
    out[0] = (byte) (hasRecord(authdata) ? 4 : 0);
    System.arraycopy(authdata, 0, out, at, authdata.length);
    System.arraycopy(ping, 0, out, at + authdata.length, ping.length);
    return out;
  }

  private static boolean hasRecord(byte[] authdata) {
    if (authdata.length < PacketCodec.AUTHDATA_HEAD_SIZE) {
      return false;
    }
    int fixed = PacketCodec.AUTHDATA_HEAD_SIZE + (authdata[32] & 0xFF) + (authdata[33] & 0xFF);
    return authdata.length > fixed;
  }
}
