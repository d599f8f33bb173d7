package io.codex.dht.ethereum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.codex.dht.session.DecodedMessage;
import io.codex.dht.session.Message;
import io.codex.dht.spr.DecodeException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the RLP message decoder: bad input fails only with {@link DecodeException}, and whatever
 * decodes (topic messages aside, whose bodies are not read) re-encodes to the same bytes, since
 * decoding accepts only canonical RLP (a PONG to an equal message: an IPv4-mapped address shrinks).
 * Seeds: the vectors' plaintexts and one message of every type, NODES carrying real records.
 */
class EthereumMessageFuzzTest {
  static Stream<Arguments> seeds() throws Exception {
    List<byte[]> out = new ArrayList<>();
    out.add(TestData.hex("01c6840000000102"));
    out.add(TestData.hex("01c6840000000101"));
    out.add(TestData.hex("01c20101"));
    Bytes id = Bytes.fromHexString("0x00000001");
    List<Bytes> records = new ArrayList<>();
    for (String text : TestData.allRecords().subList(0, 3)) {
      records.add(Bytes.wrap(Base64.getUrlDecoder().decode(text.substring(4))));
    }
    List<Message> messages =
        List.of(
            new Message.Ping(id, 7),
            new Message.Pong(id, 7, new InetSocketAddress(InetAddress.getByName("1.2.3.4"), 9000)),
            new Message.Pong(id, 7, new InetSocketAddress(InetAddress.getByName("::1"), 9000)),
            new Message.FindNode(id, List.of(256, 255, 254)),
            new Message.Nodes(id, 2, records),
            new Message.TalkReq(id, Bytes.wrap("discv5".getBytes()), Bytes.of(1, 2)),
            new Message.TalkResp(id, Bytes.of(3)));
    for (Message m : messages) {
      out.add(EthereumProfile.INSTANCE.encodeMessage(m, false));
    }
    out.add(TestData.hex("07c58400000001"));
    return out.stream().map(s -> Arguments.of((Object) s));
  }

  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  @MethodSource("seeds")
  @FuzzTest
  void plaintext(byte[] input) {
    DecodedMessage decoded;
    try {
      decoded = EthereumProfile.INSTANCE.decodeMessage(input);
    } catch (DecodeException expected) {
      return; // bad input is rejected with the typed error: the outcome we want
    }
    if (decoded.message() instanceof Message.Ignored) {
      return;
    }
    byte[] encoded = EthereumProfile.INSTANCE.encodeMessage(decoded.message(), false);
    if (decoded.message() instanceof Message.Pong) {
      // An IPv4-mapped IPv6 recipient-ip reads as the IPv4 address and re-encodes in 4 bytes.
      try {
        assertEquals(decoded, EthereumProfile.INSTANCE.decodeMessage(encoded), "PONG round trip");
      } catch (DecodeException e) {
        throw new AssertionError("a re-encoded PONG does not decode", e);
      }
      return;
    }
    assertEquals(Bytes.wrap(input), Bytes.wrap(encoded), "canonical input re-encodes unchanged");
  }
}
