package io.codex.dht.spr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes {@link SignedPeerRecord#decode} with real signature verification: bad input fails only
 * with {@link DecodeException}, and every record that decodes keeps its bytes, its limits and its
 * content through re-encoding.
 */
class SignedPeerRecordFuzzTest {
  static Stream<Arguments> seeds() {
    return FuzzSeeds.arguments(FuzzSeeds.envelopes());
  }

  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  @MethodSource("seeds")
  @FuzzTest
  void decode(byte[] input) throws DecodeException {
    SignedPeerRecord record;
    try {
      record = SignedPeerRecord.decode(input);
    } catch (DecodeException expected) {
      return; // bad input is rejected with the typed error: the outcome we want
    }
    assertTrue(input.length <= SignedPeerRecord.MAX_SIZE, "size limit");
    assertTrue(record.hasEncoding(input), "a decoded record keeps its bytes");
    assertArrayEquals(input, record.encoded());
    PeerRecord payload = record.record();
    assertTrue(payload.addresses().size() <= PeerRecord.MAX_ADDRESSES, "address limit");
    boolean logos = record.format() == RecordFormat.LOGOS;
    PeerRecord expected =
        logos
            ? payload
            : new PeerRecord(payload.peerId(), payload.seq(), payload.addresses(), List.of());
    assertEquals(expected, PeerRecord.decode(payload.encode(logos)), "payload round trip");
    assertEquals(record, SignedPeerRecord.fromText(record.toText()), "text round trip");
    assertEquals(record.nodeId(), SignedPeerRecord.claimedNodeId(input));
    assertEquals(record.nodeId(), NodeId.of(record.peerId()));
    record.udpEndpoint();
    record.udp6Endpoint();
    assertTrue(!record.toString().isEmpty());
  }
}
