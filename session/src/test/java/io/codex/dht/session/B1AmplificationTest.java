package io.codex.dht.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.session.TestNet.Endpoint;
import io.codex.dht.spr.Multiaddr;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * B1: 100 sources each send unauthenticated input, from garbage to well-formed packets of every
 * kind (ordinary with random content, handshakes with random authdata, some answering a challenge
 * the source really got, WHOAREYOUs, packets with a wrong protocol id, undersized and oversized
 * packets). Per source, what the layer sends back never exceeds what came in, in bytes or packets;
 * every reply is a 63-byte WHOAREYOU; nothing under 87 bytes and nothing with a wrong protocol id
 * is answered. Run with the rate limits on (defaults) and off: the invariant must not depend on
 * them.
 */
class B1AmplificationTest {
  private static final long SEED = 11;
  private static final int SOURCES = 100;

  /** Bytes and packets one source sent and got back. */
  private static final class Account {
    long bytesIn;
    long packetsIn;
    long bytesOut;
    long packetsOut;
  }

  /** Builds the inputs: masked for the victim so they get past the protocol-id check. */
  private static final class Inputs {
    private final Random random;
    private final NodeId victim;
    private final PacketCodec codec = new PacketCodec(new Crypto(), NodeId.ZERO);
    private final Crypto crypto = new Crypto();
    private final Flood flood;
    // Real identities: a handshake claiming one carries its valid record and a valid ephemeral
    // key, so with a live challenge it gets as far as the id-signature check.
    private final NodeId[] ids = new NodeId[4];
    private final byte[][] records = new byte[4][];
    private final byte[] ephemeralKey;

    Inputs(Random random, NodeId victim) {
      this.random = random;
      this.victim = victim;
      this.flood = new Flood(victim, random);
      for (int i = 0; i < ids.length; i++) {
        PrivateKey key = PrivateKey.generate(random);
        ids[i] = CodexProfile.INSTANCE.nodeId(key.publicKey());
        records[i] =
            SignedPeerRecord.builder(key)
                .seq(1)
                .address(Multiaddr.udp(TestNet.publicAddress(i, 9000).getAddress(), 9000))
                .build()
                .encoded();
      }
      ephemeralKey =
          CodexProfile.INSTANCE.encodeEphemeralKey(PrivateKey.generate(random).publicKey());
    }

    NodeId claim() {
      return random.nextInt(10) == 0 ? ids[random.nextInt(ids.length)] : flood.randomId();
    }

    byte[] bytes(int n) {
      byte[] b = new byte[n];
      random.nextBytes(b);
      return b;
    }

    /** A handshake with random signature, key and record from {@code source} (sizes random). */
    byte[] handshake(NodeId source) {
      for (int i = 0; i < ids.length; i++) {
        if (ids[i].equals(source)) {
          return codec.encodeHandshake(
              Crypto.maskingKey(victim),
              bytes(16),
              bytes(12),
              source,
              bytes(70),
              ephemeralKey,
              records[i],
              Crypto.aesKey(bytes(16), 0),
              bytes(random.nextInt(200)));
        }
      }
      byte[] record = random.nextBoolean() ? new byte[0] : bytes(random.nextInt(300));
      return codec.encodeHandshake(
          Crypto.maskingKey(victim),
          bytes(16),
          bytes(12),
          source,
          bytes(random.nextInt(80)),
          bytes(random.nextInt(40)),
          record,
          Crypto.aesKey(bytes(16), 0),
          bytes(random.nextInt(200)));
    }

    /** A WHOAREYOU (63 bytes) with random content, masked for the victim. */
    byte[] whoareyou() {
      byte[] challenge =
          PacketCodec.whoareyouChallenge(bytes(16), bytes(12), bytes(16), random.nextLong());
      return codec.encodeWhoareyou(Crypto.maskingKey(victim), challenge);
    }

    /** A well-formed ordinary packet whose masked protocol id is not "discv5". */
    byte[] wrongProtocol() {
      byte[] p = flood.unknownPacket(flood.randomId(), 16 + random.nextInt(1200));
      // Masking is a stream cipher: flipping a masked bit flips the unmasked one.
      p[PacketCodec.HEADER_OFFSET + random.nextInt(6)] ^= (byte) (1 << random.nextInt(8));
      return p;
    }
  }

  private static void run(SessionConfig config, int perSource) {
    TestNet net = new TestNet(SEED, config);
    Endpoint victim = net.add(TestNet.publicAddress(1, 30303), config);
    Random random = new Random(SEED ^ 0x5DEECE66DL);
    Inputs in = new Inputs(random, victim.id);
    Map<InetSocketAddress, Account> accounts = new HashMap<>();
    Map<InetSocketAddress, NodeId> lastClaimed = new HashMap<>();
    InetSocketAddress[] sources = new InetSocketAddress[SOURCES];
    for (int i = 0; i < SOURCES; i++) {
      sources[i] = TestNet.publicAddress(100 + i, 9000 + i);
      accounts.put(sources[i], new Account());
      lastClaimed.put(sources[i], in.claim());
    }
    long answered = 0;
    for (int round = 0; round < perSource; round++) {
      net.clock.advanceMillis(10);
      for (InetSocketAddress source : sources) {
        NodeId claimed = random.nextInt(3) == 0 ? lastClaimed.get(source) : in.claim();
        lastClaimed.put(source, claimed);
        boolean mustNotBeAnswered = false;
        byte[] packet;
        int kind = random.nextInt(100);
        if (kind < 10) {
          packet = in.bytes(random.nextInt(1500)); // garbage
        } else if (kind < 20) {
          packet = in.flood.unknownPacket(claimed, random.nextInt(16)); // 71..86 bytes
          mustNotBeAnswered = true;
        } else if (kind < 30) {
          packet = in.wrongProtocol();
          mustNotBeAnswered = true;
        } else if (kind < 60) {
          packet = in.flood.unknownPacket(claimed, 16 + random.nextInt(1194)); // 87..1280
        } else if (kind < 65) {
          packet = in.flood.unknownPacket(claimed, 1210 + random.nextInt(800)); // oversized
          mustNotBeAnswered = true;
        } else if (kind < 85) {
          packet = in.handshake(claimed); // sometimes for a live challenge of this source
        } else {
          packet = in.whoareyou();
        }
        Account a = accounts.get(source);
        a.bytesIn += packet.length;
        a.packetsIn++;
        victim.layer.onDatagram(packet, source);
        if (mustNotBeAnswered || packet.length < 87) {
          assertTrue(net.queue.isEmpty(), "answered a packet of " + packet.length + " bytes");
        }
        while (!net.queue.isEmpty()) {
          TestNet.Datagram out = net.queue.pollFirst();
          assertEquals(63, out.bytes().length, "only WHOAREYOU goes to an unauthenticated source");
          Account to = accounts.get(out.to());
          to.bytesOut += out.bytes().length;
          to.packetsOut++;
          answered++;
        }
      }
    }
    for (Map.Entry<InetSocketAddress, Account> e : accounts.entrySet()) {
      Account a = e.getValue();
      assertTrue(a.bytesOut <= a.bytesIn, e.getKey() + ": bytes " + a.bytesOut + " > " + a.bytesIn);
      assertTrue(a.packetsOut <= a.packetsIn, e.getKey() + ": packets out > in");
    }
    assertEquals(0, victim.layer.sessionCount());
    assertTrue(answered > 0);
    System.out.printf(
        "B1 (%s): %d inputs from %d sources, %d WHOAREYOU, %d handshakes tried (%d bad signatures)%n",
        config.whoareyouPerSecond() > 0 ? "limits on" : "limits off",
        (long) perSource * SOURCES,
        SOURCES,
        answered,
        victim.layer.stats().handshakesFailed()
            - victim.layer.stats().drops(DropReason.HANDSHAKE_NO_CHALLENGE),
        victim.layer.stats().drops(DropReason.HANDSHAKE_BAD_ID_SIGNATURE));
  }

  @Test
  void noSourceGetsBackMoreThanItSentWithTheLimits() {
    run(SessionConfig.defaults(), 1000);
  }

  @Test
  void noSourceGetsBackMoreThanItSentWithoutTheLimits() {
    run(SessionConfig.defaults().withoutRateLimits(), 1000);
  }

  @Test
  @Tag("slow")
  void fullCountHundredThousandInputsPerSource() {
    run(SessionConfig.defaults(), 100_000);
  }
}
