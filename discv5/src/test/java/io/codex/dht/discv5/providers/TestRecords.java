package io.codex.dht.discv5.providers;

import io.codex.dht.spr.Multiaddr;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.RecordFormat;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Signed provider records for store tests, from seeded keys. */
final class TestRecords {
  private TestRecords() {}

  /** A Codex-style provider record (one UDP address) of {@code key} with {@code seq}. */
  static SignedPeerRecord record(PrivateKey key, long seq) {
    return record(key, seq, 1);
  }

  /** A record of {@code key} with {@code seq} and {@code addresses} distinct addresses. */
  static SignedPeerRecord record(PrivateKey key, long seq, int addresses) {
    var b = SignedPeerRecord.builder(key).format(RecordFormat.PEER_RECORD).seq(seq);
    for (int i = 0; i < addresses; i++) {
      b.address(Multiaddr.udp(address(10, 0, i / 256, i % 256), 9000 + i));
    }
    return b.build();
  }

  /** {@code n} records of fresh keys, seq 1. */
  static List<SignedPeerRecord> records(Random random, int n) {
    List<SignedPeerRecord> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(record(PrivateKey.generate(random), 1));
    }
    return out;
  }

  /** A random DHT key. */
  static NodeId randomKey(Random random) {
    return NodeId.random(random);
  }

  private static InetAddress address(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
