package io.codex.dht.spr;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random peer records, envelope fields and keys for the encoding tests: seqs across the
 * whole uint64 range (0 and "negative" included), 0 to 16 IPv4/IPv6 UDP/TCP addresses, 0 to 3
 * services with 0 to 33 bytes of data and non-ASCII ids, random payload types and signatures.
 */
final class RandomRecords {
  private final Random random;
  private final List<PrivateKey> keys = new ArrayList<>();

  RandomRecords(long seed) {
    random = new Random(seed);
    for (int i = 0; i < 16; i++) {
      keys.add(PrivateKey.generate(random));
    }
  }

  PrivateKey key() {
    return keys.get(random.nextInt(keys.size()));
  }

  PeerRecord record() {
    List<Multiaddr> addresses = new ArrayList<>();
    int n = random.nextInt(PeerRecord.MAX_ADDRESSES + 1);
    for (int i = 0; i < n; i++) {
      addresses.add(address());
    }
    List<ServiceInfo> services = new ArrayList<>();
    int s = random.nextInt(4);
    for (int i = 0; i < s; i++) {
      String id = random.nextBoolean() ? "/mix/1.0.0/" + i : "svc-\u00e9\u4e2d-" + random.nextInt();
      services.add(ServiceInfo.of(id, bytes(random.nextInt(ServiceInfo.MAX_DATA_LENGTH + 1))));
    }
    return new PeerRecord(PeerId.of(key().publicKey()), seq(), addresses, services);
  }

  long seq() {
    return switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> random.nextInt(1000);
      case 2 -> -1L - random.nextInt(3);
      default -> random.nextLong();
    };
  }

  Multiaddr address() {
    try {
      InetAddress ip = InetAddress.getByAddress(bytes(random.nextBoolean() ? 4 : 16));
      int port = random.nextInt(65536);
      return random.nextBoolean() ? Multiaddr.udp(ip, port) : Multiaddr.tcp(ip, port);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  byte[] payloadType() {
    return switch (random.nextInt(4)) {
      case 0 -> RecordFormat.PEER_RECORD.payloadType();
      case 1 -> "/libp2p/logos-routing-record/".getBytes(StandardCharsets.UTF_8);
      case 2 -> new byte[0];
      default -> bytes(random.nextInt(40));
    };
  }

  byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }
}
