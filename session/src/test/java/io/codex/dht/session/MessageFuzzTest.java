package io.codex.dht.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.codex.dht.spr.DecodeException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the message decoder on plaintexts of every Codex message type: bad input fails only with
 * {@link DecodeException}, and whatever decodes re-encodes to a message that decodes equal.
 */
class MessageFuzzTest {
  static Stream<Arguments> seeds() {
    return SessionFuzzSeeds.arguments(SessionFuzzSeeds.messages());
  }

  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  @MethodSource("seeds")
  @FuzzTest
  void plaintext(byte[] input) {
    DecodedMessage decoded;
    try {
      decoded = CodexProfile.INSTANCE.decodeMessage(input);
    } catch (DecodeException expected) {
      return; // bad input is rejected with the typed error: the outcome we want
    }
    assertRoundTrip(decoded);
  }

  /** Re-encodes a decoded message and checks that it decodes to the same message. */
  static void assertRoundTrip(DecodedMessage decoded) {
    byte[] encoded = CodexProfile.INSTANCE.encodeMessage(decoded.message(), decoded.clientMode());
    try {
      assertEquals(decoded, CodexProfile.INSTANCE.decodeMessage(encoded), "message round trip");
    } catch (DecodeException e) {
      throw new AssertionError("a re-encoded message does not decode", e);
    }
  }
}
