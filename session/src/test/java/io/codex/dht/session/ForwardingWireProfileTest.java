package io.codex.dht.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.codex.dht.session.TestNet.Endpoint;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.PublicKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A wrapping profile sees the handshake's ECDH and record decoding, so a simulation can share that
 * work between nodes; whatever it returns is what the session uses.
 */
class ForwardingWireProfileTest {
  /** Records the calls a handshake makes and can corrupt a secret it hands back. */
  static final class Recording extends ForwardingWireProfile<SignedPeerRecord> {
    final List<NodeId> claimed = new ArrayList<>();
    final List<byte[]> secrets = new ArrayList<>();

    /** Which ECDH call (1-based) to hand back changed; 0: none. */
    int corruptCall;

    Recording() {
      super(CodexProfile.INSTANCE);
    }

    @Override
    public byte[] ecdh(PrivateKey local, PublicKey remote) {
      byte[] secret = super.ecdh(local, remote);
      secrets.add(secret.clone());
      if (secrets.size() == corruptCall) {
        secret[1] ^= 1;
      }
      return secret;
    }

    @Override
    public SignedPeerRecord decodeRecord(NodeId claimedId, byte[] encoded) throws DecodeException {
      claimed.add(claimedId);
      return super.decodeRecord(claimedId, encoded);
    }
  }

  @Test
  void theHandshakeTakesItsSecretAndItsRecordFromTheProfile() {
    TestNet net = new TestNet(11);
    Recording profile = new Recording();
    net.profile = profile;
    Endpoint a = net.add(9001);
    Endpoint b = net.add(9002);

    a.ping(b);
    net.deliverAll();

    assertEquals(1, a.messages(Message.Pong.class).size());
    assertEquals(2, profile.secrets.size()); // one ECDH on each side, the same secret
    assertArrayEquals(profile.secrets.get(0), profile.secrets.get(1));
    assertEquals(List.of(a.id), profile.claimed); // B decoded A's record, claimed by A's id
  }

  @Test
  void aSecretTheProfileChangesBreaksTheSession() {
    TestNet net = new TestNet(11);
    Recording profile = new Recording();
    net.profile = profile;
    Endpoint a = net.add(9001);
    Endpoint b = net.add(9002);
    profile.corruptCall = 2; // the recipient's: the session really uses what the profile returns

    a.ping(b);
    net.deliverAll();

    assertEquals(0, a.messages(Message.Pong.class).size());
    assertEquals(0, b.messages(Message.Ping.class).size());
  }
}
