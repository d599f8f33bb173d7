package io.codex.dht.session;

import io.codex.dht.session.TestNet.Datagram;
import io.codex.dht.session.TestNet.Endpoint;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;

/**
 * The input stream of acceptance test A1 (security.md 4.1), shared by the test and the receive-path
 * benchmark: a victim session layer with live sessions, challenges and pending requests, and the
 * random and mutated datagrams sent to it. 30 % are uniform random bytes (0 to 2048); 70 % are
 * mutants of valid packets of every kind (ordinary packets carrying each message type, the random
 * packet that starts a handshake, WHOAREYOU, handshakes with and without a record). Mutations are
 * made on the unmasked packet and the header is masked again for the recipient (the nim-eth
 * technique), so they reach the header, authdata and handshake parsing; for ordinary packets of a
 * session half the mutations are made on the message plaintext, which is then sealed with the
 * session key, so they reach the message decoder. Operators: bit flips, truncation, extension,
 * overwrites, splices, and edits of authdata-size, sig-size, eph-key-size, the flag and protobuf
 * varint lengths (up to 2^64-1, 10 and 11 bytes) and group tags.
 */
final class A1Inputs {
  /** One datagram for the victim. */
  record Input(byte[] bytes, InetSocketAddress from, String kind) {}

  /** A valid packet to mutate: its plain (unmasked) bytes, its sender, and how it is made. */
  private record Template(String kind, byte[] plain, InetSocketAddress from, byte[] message) {}

  final TestNet net;
  final Endpoint victim;
  private final long seed;
  private final boolean armChallenges;
  private final Random random;
  private final Endpoint a;
  private final Endpoint c;
  private final Endpoint d;
  private final Remask remask;
  private final List<Template> templates = new ArrayList<>();
  // The fake peer P whose session keys the test knows, so it can seal mutated messages.
  private final PrivateKey peerKey;
  private final NodeId peerId;
  private final InetSocketAddress peerAddress = TestNet.address(9005);
  private final byte[] peerWriteKey;
  private final PacketCodec peerCodec;
  private byte[] challengeWithRecord;
  private byte[] challengeWithoutRecord;
  private long lastArm;

  /**
   * The stream for {@code seed}. With {@code armChallenges}, the A1 mix: a handshake input is
   * sometimes preceded by the challenge it answers, mutated random packets draw challenges too, and
   * the victim keeps a request towards C open, so mutated WHOAREYOUs start its handshake; some
   * inputs thus reach secp256k1 work (an id-signature check, or the victim's own handshake).
   * Without, none can: no challenge is armed, the random-packet template (whose WHOAREYOU would
   * open a challenge a handshake mutant could answer) is left out, and no request stays open.
   */
  A1Inputs(long seed, boolean armChallenges) {
    this.seed = seed;
    this.armChallenges = armChallenges;
    this.random = new Random(seed ^ 0x5DEECE66DL);
    this.net = new TestNet(seed, SessionConfig.defaults());
    this.a = net.add(9001);
    this.victim = net.add(9002);
    this.c = net.add(9003);
    this.d = net.add(9004);
    this.remask = new Remask(victim.id);
    this.peerKey = PrivateKey.generate(random);
    this.peerId = CodexProfile.INSTANCE.nodeId(peerKey.publicKey());
    this.peerWriteKey = bytes(16);
    this.peerCodec = new PacketCodec(new Crypto(), peerId);
    setUp();
    if (!armChallenges) {
      net.clock.advanceMillis(1_000);
      victim.layer.expire(); // the request towards C has timed out: a WHOAREYOU answers nothing
      templates.removeIf(t -> t.kind().equals("random packet"));
    }
  }

  long seed() {
    return seed;
  }

  /** The next input; the clock moves 1 ms and the victim's state is re-armed as needed. */
  Input next() {
    net.clock.advanceMillis(1);
    if (armChallenges && net.clock.nanos - lastArm > 600_000_000L) {
      armWhoareyou();
    }
    if (random.nextInt(10) < 3) {
      return new Input(
          bytes(random.nextInt(2049)), TestNet.address(10_000 + random.nextInt(1000)), "random");
    }
    Template t = templates.get(random.nextInt(templates.size()));
    String kind = t.kind();
    byte[] input;
    if (t.message() != null && random.nextBoolean()) {
      input = sealFromPeer(mutateMessage(t.message()));
      kind += " (message)";
    } else {
      input = remask.mask(mutatePacket(t.plain()));
    }
    if (armChallenges && kind.startsWith("handshake") && random.nextInt(10) < 3) {
      armChallenge(t);
    }
    return new Input(input, t.from(), kind);
  }

  /** Forgets what the victim's test listener collected and what it sent. */
  void clear() {
    victim.received.clear();
    victim.drops.clear();
    victim.handshakes.clear();
    victim.failures.clear();
    net.queue.clear();
  }

  private void setUp() {
    victim.answerPings = false;
    // A handshakes with a record (the victim does not know A), D without (the victim knows D).
    challengeWithRecord = handshake(a, "handshake with record");
    victim.knows(d);
    challengeWithoutRecord = handshake(d, "handshake without record");
    // The random packet that starts a handshake.
    a.layer.reset();
    a.ping(victim);
    Datagram first = net.take();
    templates.add(new Template("random packet", remask.unmask(first.bytes()), a.address, null));
    net.queue.clear();
    // P: a session whose keys the test holds; one ordinary packet per message kind.
    victim.layer.installSession(peerId, peerAddress, peerWriteKey, bytes(16), peerKey.publicKey());
    Bytes record = Bytes.wrap(a.record.encoded());
    NodeId key = NodeId.fromBytes(bytes(32));
    Bytes rid = Bytes.of(1, 2, 3);
    for (Message m :
        List.of(
            new Message.Ping(rid, 7),
            new Message.Pong(rid, 7, a.address),
            new Message.FindNode(rid, List.of(256, 255, 1)),
            new Message.Nodes(rid, 2, List.of(record, record)),
            new Message.TalkReq(rid, Bytes.of(1, 2), Bytes.wrap(bytes(40))),
            new Message.TalkResp(rid, Bytes.wrap(bytes(40))),
            new Message.AddProvider(rid, key, record),
            new Message.GetProviders(rid, key),
            new Message.Providers(rid, 1, List.of(record)),
            new Message.FindNodeFast(rid, key))) {
      byte[] plaintext = CodexProfile.INSTANCE.encodeMessage(m, random.nextBoolean());
      byte[] packet = sealFromPeer(plaintext);
      templates.add(
          new Template(
              "ordinary " + m.getClass().getSimpleName(),
              remask.unmask(packet),
              peerAddress,
              plaintext));
    }
    armWhoareyou();
  }

  /** Runs a handshake from {@code from} to the victim; keeps its packet; returns its challenge. */
  private byte[] handshake(Endpoint from, String kind) {
    from.ping(victim);
    net.deliver(net.take());
    Datagram whoareyou = net.take();
    byte[] challenge;
    try {
      challenge =
          ((Packet.Whoareyou) new PacketCodec(new Crypto(), from.id).decode(whoareyou.bytes()))
              .challengeData();
    } catch (DecodeException e) {
      throw new AssertionError(e);
    }
    net.deliver(whoareyou);
    Datagram handshake = net.take();
    net.deliver(handshake);
    net.deliverAll();
    templates.add(new Template(kind, remask.unmask(handshake.bytes()), from.address, null));
    return challenge;
  }

  /** Gives the victim the challenge a handshake template answers (one attempt per challenge). */
  private void armChallenge(Template t) {
    if (t.from().equals(a.address)) {
      victim.layer.installChallenge(a.id, a.address, challengeWithRecord, null);
    } else if (t.from().equals(d.address)) {
      victim.layer.installChallenge(d.id, d.address, challengeWithoutRecord, d.key.publicKey());
    }
  }

  /** The victim asks C something; C's WHOAREYOU (not delivered) becomes the WHOAREYOU template. */
  private void armWhoareyou() {
    lastArm = net.clock.nanos;
    victim.layer.expire(); // the previous handshake towards C has timed out
    c.layer.reset();
    net.queue.clear();
    victim.layer.send(c.contact(), victim.ping(), false);
    net.deliver(net.take());
    Datagram whoareyou = net.take();
    net.queue.clear();
    Template t = new Template("whoareyou", remask.unmask(whoareyou.bytes()), c.address, null);
    templates.removeIf(old -> old.kind().equals("whoareyou"));
    templates.add(t);
  }

  private byte[] sealFromPeer(byte[] plaintext) {
    return peerCodec.encodeOrdinary(
        Crypto.maskingKey(victim.id),
        bytes(16),
        bytes(12),
        peerId,
        Crypto.aesKey(peerWriteKey, 0),
        plaintext);
  }

  // ---- mutations

  // Varint values spliced into messages as lengths. Small negative values (2^64-k) are left to
  // A3, which runs them under a time limit: a reader that takes them for negative lengths could
  // step backwards forever.
  private static final long[] LENGTHS = {
    0, 1, 0x7F, 0x80, 0x3FFF, 0xFFFF_FFFFL, 1L << 31, 1L << 63, -1L
  };

  private byte[] mutatePacket(byte[] plain) {
    byte[] p = plain.clone();
    int rounds = 1 + random.nextInt(3);
    for (int r = 0; r < rounds; r++) {
      int len = p.length;
      switch (random.nextInt(9)) {
        case 0 -> flip(p, 0, len, 1 + random.nextInt(8));
        case 1 ->
            flip(p, 0, Math.min(len, PacketCodec.AUTHDATA_OFFSET + 140), 1 + random.nextInt(4));
        case 2 -> p = Arrays.copyOf(p, random.nextInt(len + 1));
        case 3 -> p = extend(p, 1 + random.nextInt(Math.max(1, 2048 - len)));
        case 4 ->
            setShort(
                p,
                PacketCodec.AUTHDATA_OFFSET - 2,
                pick(
                    0,
                    1,
                    23,
                    24,
                    31,
                    32,
                    33,
                    34,
                    35,
                    0xFFFF,
                    0x7FFF,
                    len - PacketCodec.AUTHDATA_OFFSET,
                    len - PacketCodec.AUTHDATA_OFFSET + 1,
                    random.nextInt(0x10000)));
        case 5 -> {
          int at = PacketCodec.AUTHDATA_OFFSET + 32 + random.nextInt(2);
          if (at < len) {
            p[at] = (byte) pick(0, 1, 32, 33, 37, 63, 64, 65, 70, 71, 72, 255, random.nextInt(256));
          }
        }
        case 6 -> {
          if (len > PacketCodec.HEADER_OFFSET + 8) {
            p[PacketCodec.HEADER_OFFSET + 6 + random.nextInt(3)] =
                (byte) pick(0, 1, 2, 3, random.nextInt(256));
          }
        }
        case 7 -> overwrite(p);
        default -> {
          byte[] other = templates.get(random.nextInt(templates.size())).plain();
          int cut = random.nextInt(len + 1);
          int from = random.nextInt(other.length + 1);
          byte[] spliced = Arrays.copyOf(p, cut + other.length - from);
          System.arraycopy(other, from, spliced, cut, other.length - from);
          p = spliced;
        }
      }
    }
    return p;
  }

  private byte[] mutateMessage(byte[] plaintext) {
    byte[] m = plaintext.clone();
    int rounds = 1 + random.nextInt(3);
    for (int r = 0; r < rounds; r++) {
      int len = m.length;
      switch (random.nextInt(7)) {
        case 0 -> flip(m, 0, len, 1 + random.nextInt(4));
        case 1 -> m = Arrays.copyOf(m, random.nextInt(len + 1));
        case 2 -> m = extend(m, 1 + random.nextInt(64));
        case 3 -> m = splice(m, varint(LENGTHS[random.nextInt(LENGTHS.length)]), random.nextInt(3));
        case 4 -> m = splice(m, new byte[] {(byte) pick(0x0B, 0x0C, 0x13, 0x14, 0x1B)}, 0);
        case 5 -> {
          if (len > 1) {
            int from = random.nextInt(len);
            int to = from + random.nextInt(len - from);
            m = splice(m, Arrays.copyOfRange(m, from, to), 0);
          }
        }
        default -> {
          if (len > 0) {
            m[0] = (byte) pick(1, 2, 3, 4, 5, 6, 7, 11, 12, 13, 14, random.nextInt(256));
          }
        }
      }
    }
    return m;
  }

  /** Inserts {@code part} at a random position, replacing {@code replace} bytes there. */
  private byte[] splice(byte[] m, byte[] part, int replace) {
    int at = random.nextInt(m.length + 1);
    int cut = Math.min(m.length, at + replace);
    byte[] out = new byte[at + part.length + m.length - cut];
    System.arraycopy(m, 0, out, 0, at);
    System.arraycopy(part, 0, out, at, part.length);
    System.arraycopy(m, cut, out, at + part.length, m.length - cut);
    return out;
  }

  private void flip(byte[] p, int from, int to, int bits) {
    if (to <= from) {
      return;
    }
    for (int i = 0; i < bits; i++) {
      int bit = random.nextInt((to - from) * 8);
      p[from + bit / 8] ^= (byte) (1 << (bit % 8));
    }
  }

  private byte[] extend(byte[] p, int n) {
    byte[] out = Arrays.copyOf(p, p.length + n);
    for (int i = p.length; i < out.length; i++) {
      out[i] = (byte) random.nextInt(256);
    }
    return out;
  }

  private void overwrite(byte[] p) {
    if (p.length == 0) {
      return;
    }
    int at = random.nextInt(p.length);
    int n = 1 + random.nextInt(Math.min(16, p.length - at));
    for (int i = 0; i < n; i++) {
      p[at + i] = (byte) random.nextInt(256);
    }
  }

  private static void setShort(byte[] p, int at, int value) {
    if (at + 1 < p.length) {
      p[at] = (byte) (value >>> 8);
      p[at + 1] = (byte) value;
    }
  }

  private int pick(int... values) {
    return values[random.nextInt(values.length)];
  }

  private static byte[] varint(long value) {
    byte[] out = new byte[10];
    int n = 0;
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out[n++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out[n++] = (byte) v;
    return Arrays.copyOf(out, n);
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
