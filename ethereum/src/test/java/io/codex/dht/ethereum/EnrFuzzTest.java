package io.codex.dht.ethereum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.codex.dht.spr.DecodeException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the ENR decoder: bad input fails only with {@link DecodeException}, and whatever decodes
 * re-encodes to the same bytes. Seeds: the EIP-778 example and the real-world bootnode records.
 */
class EnrFuzzTest {
  static Stream<Arguments> seeds() {
    List<byte[]> out = new ArrayList<>();
    out.add(TestData.hex(TestData.ENR_EXAMPLE.get("rlp_derived")));
    for (String text : TestData.allRecords()) {
      out.add(Base64.getUrlDecoder().decode(text.substring(4)));
    }
    return out.stream().map(s -> Arguments.of((Object) s));
  }

  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  @MethodSource("seeds")
  @FuzzTest
  void record(byte[] input) {
    Enr enr;
    try {
      enr = Enr.decode(input);
    } catch (DecodeException expected) {
      return; // bad input is rejected with the typed error: the outcome we want
    }
    assertArrayEquals(input, enr.encoded());
    enr.udpEndpoint(); // the typed accessors never throw
    enr.port("tcp");
  }
}
