package io.codex.dht.spr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes {@link Multiaddr#fromBytes}: only {@link DecodeException} may fail, a decoded address
 * keeps its bytes, and its text form is stable (parsing the text and printing it again gives the
 * same text) whenever the text parses.
 */
class MultiaddrFuzzTest {
  static Stream<Arguments> seeds() {
    return FuzzSeeds.arguments(FuzzSeeds.multiaddrs());
  }

  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  @MethodSource("seeds")
  @FuzzTest
  void fromBytes(byte[] input) {
    Multiaddr address;
    try {
      address = Multiaddr.fromBytes(input);
    } catch (DecodeException expected) {
      return; // bad input is rejected with the typed error: the outcome we want
    }
    assertArrayEquals(input, address.toBytes());
    String text = address.toString();
    Multiaddr parsed;
    try {
      parsed = Multiaddr.fromString(text);
    } catch (DecodeException noTextForm) {
      return; // protocols such as onion or certhash have no text form here
    }
    assertEquals(text, parsed.toString(), "text round trip");
    address.udpEndpoint();
  }
}
