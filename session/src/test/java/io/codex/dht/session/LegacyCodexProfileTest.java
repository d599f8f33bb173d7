package io.codex.dht.session;

import static io.codex.dht.session.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.session.Message.AddProvider;
import io.codex.dht.session.Message.Nodes;
import io.codex.dht.session.Message.Ping;
import io.codex.dht.session.Message.Providers;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.Multiaddr;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.RecordFormat;
import io.codex.dht.spr.ServiceInfo;
import io.codex.dht.spr.SignedPeerRecord;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/**
 * The features field (envelope field 16) and the v0.5 stand-in: what a deployed Codex node reads,
 * what makes it drop a whole message, and that our additions are skipped by it.
 */
class LegacyCodexProfileTest {
  private static final Bytes ID = Bytes.of(1);
  private final Random random = new Random(16);
  private final LongAdder refused = new LongAdder();
  private final LegacyCodexProfile legacy = new LegacyCodexProfile(CodexProfile.INSTANCE, refused);

  private SignedPeerRecord record(RecordFormat format, boolean services) throws Exception {
    var b =
        SignedPeerRecord.builder(PrivateKey.generate(random))
            .seq(7)
            .format(format)
            .addresses(List.of(Multiaddr.fromString("/ip4/192.0.2.1/udp/8090")));
    if (services) {
      b.services(List.of(ServiceInfo.of("/mix/1.0.0", new byte[] {1, 2})));
    }
    return b.build();
  }

  private Bytes bytes(SignedPeerRecord r) {
    return Bytes.wrap(r.encoded());
  }

  @Test
  void featuresAreWrittenOnlyWhenSetAndTheV05VectorsStay() throws Exception {
    assertEquals("010a010112020801", hex(CodexMessageCodec.encode(new Ping(ID, 1), false, 0)));
    // field 16, varint: tag 0x80 0x01, value 3
    assertEquals(
        "010a010112020801800103", hex(CodexMessageCodec.encode(new Ping(ID, 1), false, 3)));
    assertEquals(
        "010a0101120208011801800101",
        hex(CodexMessageCodec.encode(new Ping(ID, 1), true, Features.READS_LOGOS)));
    DecodedMessage d = CodexMessageCodec.decode(hex("010a010112020801800103"));
    assertEquals(3, d.features());
    assertFalse(d.clientMode());
    assertEquals(0, CodexMessageCodec.decode(hex("010a010112020801")).features());
    assertEquals(
        Features.KNOWN,
        CodexMessageCodec.decode(hex("010a01011202080180017f")).features(),
        "unknown bits are ignored");
  }

  @Test
  void theStandInSkipsOurFieldsAndWritesNone() throws Exception {
    DecodedMessage d = legacy.decodeMessage(hex("010a0101120208011801800103"));
    assertEquals(new Ping(ID, 1), d.message());
    assertEquals(0, d.features(), "v0.5 does not read field 16");
    assertFalse(d.clientMode(), "nor field 3");
    assertEquals(
        "010a010112020801", hex(legacy.encodeMessage(new Ping(ID, 1), true, Features.KNOWN)));
    assertEquals(0, refused.sum());
  }

  @Test
  void oneLogosRecordMakesTheWholeNodesMessageUndecodable() throws Exception {
    SignedPeerRecord plain1 = record(RecordFormat.PEER_RECORD, false);
    SignedPeerRecord plain2 = record(RecordFormat.PEER_RECORD, false);
    SignedPeerRecord logos = record(RecordFormat.LOGOS, true);
    byte[] ok =
        CodexMessageCodec.encode(new Nodes(ID, 1, List.of(bytes(plain1), bytes(plain2))), false);
    assertEquals(2, ((Nodes) legacy.decodeMessage(ok).message()).records().size());
    byte[] mixed =
        CodexMessageCodec.encode(
            new Nodes(ID, 1, List.of(bytes(plain1), bytes(logos), bytes(plain2))), false);
    DecodeException e = assertThrows(DecodeException.class, () -> legacy.decodeMessage(mixed));
    assertEquals(Reason.WRONG_PAYLOAD_TYPE, e.reason());
    assertEquals(1, refused.sum());
    // our own decoder reads all three: the refusal is the stand-in's, not the codec's
    assertEquals(3, ((Nodes) CodexMessageCodec.decode(mixed).message()).records().size());
  }

  @Test
  void providersAndAddProviderWithALogosRecordAreRefused() throws Exception {
    SignedPeerRecord logos = record(RecordFormat.LOGOS, false);
    SignedPeerRecord plain = record(RecordFormat.PEER_RECORD, false);
    NodeId key = NodeId.fromBytes(new byte[32]);
    assertInstanceOf(
        Providers.class,
        legacy
            .decodeMessage(
                CodexMessageCodec.encode(new Providers(ID, 1, List.of(bytes(plain))), false))
            .message());
    assertThrows(
        DecodeException.class,
        () ->
            legacy.decodeMessage(
                CodexMessageCodec.encode(
                    new Providers(ID, 1, List.of(bytes(plain), bytes(logos))), false)));
    assertThrows(
        DecodeException.class,
        () ->
            legacy.decodeMessage(
                CodexMessageCodec.encode(new AddProvider(ID, key, bytes(logos)), false)));
    assertEquals(2, refused.sum());
  }

  @Test
  void aHandshakeRecordMustBeAPeerRecord() throws Exception {
    SignedPeerRecord plain = record(RecordFormat.PEER_RECORD, false);
    SignedPeerRecord logos = record(RecordFormat.LOGOS, true);
    assertEquals(plain.publicKey(), legacy.recordPublicKey(plain.encoded()));
    assertThrows(DecodeException.class, () -> legacy.recordPublicKey(logos.encoded()));
    assertEquals(1, refused.sum());
    assertTrue(LegacyCodexProfile.isPeerRecord(plain.encoded()));
    assertFalse(LegacyCodexProfile.isPeerRecord(logos.encoded()));
    assertFalse(LegacyCodexProfile.isPeerRecord(new byte[] {0x12, 0x02, 0x03}), "truncated");
  }
}
