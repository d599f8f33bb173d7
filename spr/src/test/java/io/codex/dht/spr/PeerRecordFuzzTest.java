package io.codex.dht.spr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the peer record payload decoder, which the signature shields from mutation in the record
 * target: only {@link DecodeException} may fail, what decodes keeps to the address limit, and its
 * encoding is canonical (re-encoding and decoding again changes nothing).
 */
class PeerRecordFuzzTest {
  static Stream<Arguments> seeds() {
    return FuzzSeeds.arguments(FuzzSeeds.payloads());
  }

  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  @MethodSource("seeds")
  @FuzzTest
  void decode(byte[] input) throws DecodeException {
    PeerRecord record;
    try {
      record = PeerRecord.decode(input);
    } catch (DecodeException expected) {
      return; // bad input is rejected with the typed error: the outcome we want
    }
    assertTrue(record.addresses().size() <= PeerRecord.MAX_ADDRESSES, "address limit");
    byte[] encoded = record.encode(true);
    PeerRecord again = PeerRecord.decode(encoded);
    assertEquals(record, again, "payload round trip");
    assertArrayEquals(encoded, again.encode(true), "canonical encoding");
    assertEquals(record.peerId(), PeerId.fromBase58(record.peerId().toBase58()));
  }
}
