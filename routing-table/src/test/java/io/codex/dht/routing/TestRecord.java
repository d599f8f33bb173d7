package io.codex.dht.routing;

import io.codex.dht.spr.NodeId;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.random.RandomGenerator;

/** A minimal record for the tests: id, seq and an optional IP. */
record TestRecord(NodeId id, long seq, InetAddress ip) {
  /** The view the tests hand to tables and lookups. */
  static final RecordView<TestRecord> VIEW =
      new RecordView<>() {
        @Override
        public NodeId nodeId(TestRecord r) {
          return r.id();
        }

        @Override
        public long seq(TestRecord r) {
          return r.seq();
        }

        @Override
        public InetAddress ip(TestRecord r) {
          return r.ip();
        }
      };

  TestRecord withSeq(long newSeq) {
    return new TestRecord(id, newSeq, ip);
  }

  TestRecord withIp(InetAddress newIp) {
    return new TestRecord(id, seq, newIp);
  }

  static InetAddress ip(int a, int b, int c, int d) {
    return address(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
  }

  static InetAddress address(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A public-looking IPv4 address in a /24 that differs for every {@code n} below 2^16. */
  static InetAddress uniqueIp(int n) {
    return ip(23 + (n >>> 16), (n >>> 8) & 0xFF, n & 0xFF, 7);
  }

  /** A random public-looking IPv4 address (first octet 11..99, never private). */
  static InetAddress randomPublicIp(RandomGenerator random) {
    return ip(
        11 + random.nextInt(89), random.nextInt(256), random.nextInt(256), 1 + random.nextInt(254));
  }

  /** A record at log distance {@code d} from {@code local} with a unique public /24. */
  static TestRecord atDistance(NodeId local, int d, int n, RandomGenerator random) {
    return new TestRecord(local.randomAtDistance(d, random), 1, uniqueIp(n));
  }
}
