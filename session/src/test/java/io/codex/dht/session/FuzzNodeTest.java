package io.codex.dht.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fuzz harness reaches deep: every packet seed that carries a valid message delivers it (the
 * WHOAREYOU is counted as unsolicited), both vector handshakes complete, and so does every authdata
 * seed.
 */
class FuzzNodeTest {
  private final List<String> outcomes = new ArrayList<>();

  private final SessionListener<SignedPeerRecord> recorder =
      new SessionListener<>() {
        @Override
        public void onMessage(NodeId from, InetSocketAddress at, Message message, boolean client) {
          outcomes.add("message");
        }

        @Override
        public void onHandshake(
            NodeId peer, InetSocketAddress at, SignedPeerRecord record, boolean client) {
          outcomes.add(record == null ? "handshake" : "handshake+record");
        }

        @Override
        public void onDrop(InetSocketAddress from, DropReason reason, DecodeException.Reason d) {
          outcomes.add("drop " + reason);
        }
      };

  @Test
  void packetSeedsReachTheMessageLayer() {
    FuzzNode node = new FuzzNode(CodexProfile.INSTANCE, recorder);
    List<byte[]> seeds = SessionFuzzSeeds.packets();
    for (byte[] seed : seeds) {
      node.receive(seed);
    }
    List<String> expected = new ArrayList<>();
    expected.add("message");
    expected.add("drop " + DropReason.UNSOLICITED_WHOAREYOU);
    expected.addAll(List.of("handshake", "message"));
    // The same handshake when B's challenge lacks A's key: refused, then found in the directory.
    expected.add("drop " + DropReason.HANDSHAKE_UNKNOWN_KEY);
    expected.addAll(List.of("handshake", "message", "handshake+record", "message"));
    for (byte[] message : SessionFuzzSeeds.messages()) {
      expected.add(decodes(message) ? "message" : "drop " + DropReason.MALFORMED);
    }
    assertEquals(expected, outcomes);
  }

  private static boolean decodes(byte[] plaintext) {
    try {
      CodexProfile.INSTANCE.decodeMessage(plaintext);
      return true;
    } catch (DecodeException e) {
      return false; // the two negative message vectors
    }
  }

  @Test
  void authdataSeedsCompleteHandshakesPastTheRelaxedSignatureCheck() {
    FuzzNode node = new FuzzNode(new RelaxedProfile(), recorder);
    for (byte[] seed : SessionFuzzSeeds.authdata()) {
      node.receive(HandshakeFuzzTest.packet(seed));
    }
    assertEquals(List.of("handshake", "message", "handshake+record", "message"), outcomes);
  }
}
