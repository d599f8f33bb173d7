package io.codex.dht.discv5;

import io.codex.dht.routing.RecordView;
import io.codex.dht.session.NodeContact;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A verified record together with the UDP endpoint this node uses to reach it; the element type of
 * the routing table and of lookups.
 */
record Peer(SignedPeerRecord record, InetSocketAddress endpoint) {
  /** The {@link RecordView} the table and lookups read peers through. */
  static final RecordView<Peer> VIEW =
      new RecordView<>() {
        @Override
        public NodeId nodeId(Peer p) {
          return p.record.nodeId();
        }

        @Override
        public long seq(Peer p) {
          return p.record.seq();
        }

        @Override
        public int compareFreshness(Peer a, Peer b) {
          return a.record.isNewerThan(b.record) ? 1 : b.record.isNewerThan(a.record) ? -1 : 0;
        }

        @Override
        public InetAddress ip(Peer p) {
          return p.endpoint.getAddress();
        }
      };

  NodeId nodeId() {
    return record.nodeId();
  }

  long seq() {
    return record.seq();
  }

  NodeContact contact() {
    return new NodeContact(record.nodeId(), endpoint, record.publicKey());
  }

  /**
   * The peer for {@code record} as seen by a node with IPv4 and/or IPv6 sockets: the first {@code
   * /ip4/.../udp/...} address when the node speaks IPv4, else the first {@code /ip6/...} one when
   * it speaks IPv6; empty when the record has no usable endpoint.
   */
  static Optional<Peer> of(SignedPeerRecord record, boolean ipv4, boolean ipv6) {
    Optional<InetSocketAddress> endpoint = Optional.empty();
    if (ipv4) {
      endpoint = record.udpEndpoint();
    }
    if (endpoint.isEmpty() && ipv6) {
      endpoint = record.udp6Endpoint();
    }
    return endpoint
        .filter(e -> e.getPort() != 0 && !e.getAddress().isAnyLocalAddress())
        .map(e -> new Peer(record, e));
  }

  /** Whether {@code address} is an IPv4 address. */
  static boolean isIpv4(InetSocketAddress address) {
    return address.getAddress() instanceof Inet4Address;
  }
}
