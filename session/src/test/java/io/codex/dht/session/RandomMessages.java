package io.codex.dht.session;

import io.codex.dht.spr.NodeId;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;

/**
 * Seeded random messages of every kind for the encoding tests: request ids of 0 to 8 bytes, seqs
 * across the uint64 range, IPv4 and IPv6 PONGs, 1 to 16 distances, 0 to 5 records of 64 to 300
 * bytes, empty and non-empty TALK fields, and the four ignored topic kinds.
 */
final class RandomMessages {
  private final Random random;

  RandomMessages(long seed) {
    random = new Random(seed);
  }

  Message next() {
    Bytes id = bytes(random.nextInt(Message.MAX_REQUEST_ID_SIZE + 1));
    return switch (random.nextInt(11)) {
      case 0 -> new Message.Ping(id, seq());
      case 1 -> new Message.Pong(id, seq(), address());
      case 2 -> {
        List<Integer> distances = new ArrayList<>();
        int n = 1 + random.nextInt(CodexMessageCodec.MAX_DISTANCES);
        for (int i = 0; i < n; i++) {
          distances.add(random.nextBoolean() ? random.nextInt(257) : random.nextInt(65536));
        }
        yield new Message.FindNode(id, distances);
      }
      case 3 -> new Message.Nodes(id, random.nextInt(10), records());
      case 4 -> new Message.TalkReq(id, bytes(random.nextInt(12)), bytes(random.nextInt(100)));
      case 5 -> new Message.TalkResp(id, bytes(random.nextInt(100)));
      case 6 -> new Message.AddProvider(id, nodeId(), bytes(64 + random.nextInt(300)));
      case 7 -> new Message.GetProviders(id, nodeId());
      case 8 -> new Message.Providers(id, random.nextInt(3), records());
      case 9 -> new Message.FindNodeFast(id, nodeId());
      default -> new Message.Ignored(id, Message.TYPE_REGTOPIC + random.nextInt(4));
    };
  }

  boolean nextBoolean() {
    return random.nextBoolean();
  }

  private long seq() {
    return switch (random.nextInt(3)) {
      case 0 -> 0;
      case 1 -> random.nextInt(1000);
      default -> random.nextLong();
    };
  }

  private InetSocketAddress address() {
    byte[] ip = new byte[random.nextBoolean() ? 4 : 16];
    random.nextBytes(ip);
    try {
      return new InetSocketAddress(InetAddress.getByAddress(ip), random.nextInt(65536));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Bytes> records() {
    List<Bytes> out = new ArrayList<>();
    int n = random.nextInt(6);
    for (int i = 0; i < n; i++) {
      out.add(bytes(CodexMessageCodec.MIN_RECORD_SIZE + random.nextInt(240)));
    }
    return out;
  }

  private NodeId nodeId() {
    return NodeId.fromBytes(bytes(NodeId.BYTES).toArrayUnsafe());
  }

  private Bytes bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return Bytes.wrap(b);
  }
}
