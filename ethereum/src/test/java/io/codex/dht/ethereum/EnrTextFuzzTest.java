package io.codex.dht.ethereum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.codex.dht.spr.DecodeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the {@code enr:} text decoder: bad text fails only with {@link DecodeException}, and
 * whatever decodes prints back to the same text. Seeds: the EIP-778 example and the real records.
 */
class EnrTextFuzzTest {
  static Stream<Arguments> textSeeds() {
    List<byte[]> out = new ArrayList<>();
    out.add(TestData.ENR_EXAMPLE.get("text").asText().getBytes(StandardCharsets.US_ASCII));
    for (String text : TestData.allRecords()) {
      out.add(text.getBytes(StandardCharsets.US_ASCII));
    }
    return out.stream().map(s -> Arguments.of((Object) s));
  }

  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  @MethodSource("textSeeds")
  @FuzzTest
  void text(byte[] input) {
    String text = new String(input, StandardCharsets.ISO_8859_1);
    Enr enr;
    try {
      enr = Enr.fromText(text);
    } catch (DecodeException expected) {
      return;
    }
    assertEquals(text, enr.toText());
  }
}
