package io.codex.dht.session;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.SignedPeerRecord;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the bodies of the provider messages: the first input byte picks ADD_PROVIDER,
 * GET_PROVIDERS or PROVIDERS, the rest is the body protobuf, wrapped in a message envelope and
 * decoded; every record a decoded message carries is then verified as a node would. Only {@link
 * DecodeException} may fail, and what decodes round-trips.
 */
class ProviderMessageFuzzTest {
  static final List<Integer> TYPES =
      List.of(Message.TYPE_ADD_PROVIDER, Message.TYPE_GET_PROVIDERS, Message.TYPE_PROVIDERS);

  static Stream<Arguments> seeds() {
    return SessionFuzzSeeds.arguments(SessionFuzzSeeds.providerBodies());
  }

  @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  @MethodSource("seeds")
  @FuzzTest
  void body(byte[] input) {
    if (input.length == 0) {
      return;
    }
    byte[] envelope =
        new RawProto()
            .bytes(1, new byte[] {1})
            .bytes(2, Arrays.copyOfRange(input, 1, input.length))
            .toByteArray();
    byte[] plaintext = new byte[1 + envelope.length];
    plaintext[0] = (byte) (int) TYPES.get((input[0] & 0xFF) % TYPES.size());
    System.arraycopy(envelope, 0, plaintext, 1, envelope.length);
    DecodedMessage decoded;
    try {
      decoded = CodexProfile.INSTANCE.decodeMessage(plaintext);
    } catch (DecodeException expected) {
      return; // bad input is rejected with the typed error: the outcome we want
    }
    MessageFuzzTest.assertRoundTrip(decoded);
    if (decoded.message() instanceof Message.AddProvider m) {
      verify(m.record());
    } else if (decoded.message() instanceof Message.Providers m) {
      m.records().forEach(ProviderMessageFuzzTest::verify);
    }
  }

  /** Body of a provider message, as the seeds hold it: the type selector, then the body. */
  static byte[] seed(Message message) {
    byte[] plaintext = CodexMessageCodec.encode(message, false);
    byte[] body = SessionFuzzSeeds.body(plaintext);
    byte[] out = new byte[1 + body.length];
    out[0] = (byte) TYPES.indexOf(message.type());
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  private static void verify(Bytes record) {
    try {
      SignedPeerRecord.decode(record.toArrayUnsafe());
    } catch (DecodeException expected) {
      // A bad record is refused with the typed error, as the node counts it.
    }
  }
}
