package io.codex.dht.session;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the whole receive path of a node, {@link SessionLayer#onDatagram}, with real signature
 * verification: the input is an unmasked packet that {@link FuzzNode} masks (and seals) for node B
 * of the Codex vectors, so mutations reach the header checks, the session and handshake logic and
 * the message decoder. The layer must turn every input into a counted outcome and never throw.
 */
class PacketFuzzTest {
  private final FuzzNode node = new FuzzNode(CodexProfile.INSTANCE, new CheckingListener());

  static Stream<Arguments> seeds() {
    return SessionFuzzSeeds.arguments(SessionFuzzSeeds.packets());
  }

  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  @MethodSource("seeds")
  @FuzzTest
  void maskedPacket(byte[] input) {
    node.receive(input);
  }
}
