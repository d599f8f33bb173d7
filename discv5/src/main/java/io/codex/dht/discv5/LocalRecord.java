package io.codex.dht.discv5;

import io.codex.dht.spr.Multiaddr;
import io.codex.dht.spr.MultiaddrProtocol;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.RecordFormat;
import io.codex.dht.spr.ServiceInfo;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The node's own signed record: rebuilt with {@code seq = max(previous + 1, unix seconds)} on every
 * change of services or addresses. Pinned (operator-given) addresses are never replaced by observed
 * ones.
 *
 * <p>Two forms are signed at each seq: the full record (a Logos Routing Record when the {@link
 * RecordFormatOption} asks for one) and the plain libp2p PeerRecord with the same seq and
 * addresses, presented to peers not known to read Logos records. When the full record is itself a
 * PeerRecord the two are one object.
 */
final class LocalRecord {
  private final PrivateKey key;
  private final RecordFormatOption format;
  private final boolean pinned;
  private final LongSupplier wallMillis;
  private List<Multiaddr> addresses;
  private volatile java.util.Map<Multiaddr, String> sources; // read by API threads
  private List<ServiceInfo> services;
  private volatile SignedPeerRecord current; // read by API threads
  private volatile SignedPeerRecord plain;
  private Consumer<SignedPeerRecord> onChange = r -> {};

  LocalRecord(
      PrivateKey key,
      RecordFormatOption format,
      List<Multiaddr> pinnedAddresses,
      List<ServiceInfo> services,
      long previousSeq,
      LongSupplier wallMillis) {
    this.key = key;
    this.format = format;
    this.pinned = !pinnedAddresses.isEmpty();
    this.wallMillis = wallMillis;
    this.addresses = List.copyOf(pinnedAddresses);
    java.util.Map<Multiaddr, String> initial = new java.util.HashMap<>();
    pinnedAddresses.forEach(a -> initial.put(a, "announced"));
    this.sources = java.util.Map.copyOf(initial);
    this.services = List.copyOf(services);
    build(previousSeq);
  }

  /** Sets who hears about every new record. */
  void onChange(Consumer<SignedPeerRecord> listener) {
    this.onChange = listener;
  }

  SignedPeerRecord current() {
    return current;
  }

  /**
   * How each address of the current record was learned: {@code announced} (given by the operator),
   * {@code listen} (the bound address or an interface's), or {@code voted} (observed by peers).
   */
  java.util.Map<Multiaddr, String> addressSources() {
    return sources;
  }

  /** The plain PeerRecord form of {@link #current()}: the same seq, addresses and key. */
  SignedPeerRecord plain() {
    return plain;
  }

  /** Whether the full record differs from the plain one (it is a Logos Routing Record). */
  boolean hasFullForm() {
    return current != plain;
  }

  /** The form for a peer that does, or does not, read Logos records. */
  SignedPeerRecord forPeer(boolean readsLogos) {
    return readsLogos ? current : plain;
  }

  boolean isPinned() {
    return pinned;
  }

  List<ServiceInfo> services() {
    return services;
  }

  /** Replaces the advertised services; always a new record. */
  SignedPeerRecord setServices(List<ServiceInfo> newServices) {
    if (format == RecordFormatOption.PEER_RECORD && !newServices.isEmpty()) {
      throw new IllegalArgumentException("the peer-record format carries no services");
    }
    List<ServiceInfo> previous = services;
    services = List.copyOf(newServices);
    try {
      build(current.seq());
    } catch (IllegalArgumentException e) {
      services = previous;
      throw e;
    }
    onChange.accept(current);
    return current;
  }

  /**
   * Sets the UDP endpoint of one address family (the bound address at start, or the address others
   * observe); ignored when addresses are pinned. Returns whether the record changed.
   */
  boolean setEndpoint(InetSocketAddress endpoint) {
    return setEndpoint(endpoint, "listen");
  }

  /** {@link #setEndpoint(InetSocketAddress)}, noting how the endpoint was learned. */
  boolean setEndpoint(InetSocketAddress endpoint, String source) {
    if (pinned) {
      return false;
    }
    boolean v4 = endpoint.getAddress() instanceof Inet4Address;
    Multiaddr replacement = Multiaddr.udp(endpoint.getAddress(), endpoint.getPort());
    List<Multiaddr> next = new ArrayList<>();
    boolean replaced = false;
    for (Multiaddr a : addresses) {
      boolean sameFamily = v4 ? a.isIp4() : a.isIp6();
      boolean udp =
          a.components().size() >= 2 && a.components().get(1).protocol() == MultiaddrProtocol.UDP;
      if (sameFamily && udp && !replaced) {
        next.add(replacement);
        replaced = true;
      } else {
        next.add(a);
      }
    }
    if (!replaced) {
      if (v4) {
        next.add(0, replacement); // IPv4 first: Codex nodes read only the first ip4 address
      } else {
        next.add(replacement);
      }
    }
    if (next.equals(addresses)) {
      return false;
    }
    addresses = List.copyOf(next);
    java.util.Map<Multiaddr, String> nextSources = new java.util.HashMap<>();
    for (Multiaddr a : addresses) {
      nextSources.put(a, a.equals(replacement) ? source : sources.getOrDefault(a, "listen"));
    }
    sources = java.util.Map.copyOf(nextSources);
    build(current.seq());
    onChange.accept(current);
    return true;
  }

  private void build(long previousSeq) {
    long seq = Math.max(previousSeq + 1, wallMillis.getAsLong() / 1000);
    RecordFormat full = format.formatFor(!services.isEmpty());
    SignedPeerRecord next =
        SignedPeerRecord.builder(key)
            .seq(seq)
            .format(full)
            .addresses(addresses)
            .services(services)
            .build();
    SignedPeerRecord nextPlain =
        full == RecordFormat.PEER_RECORD
            ? next
            : SignedPeerRecord.builder(key)
                .seq(seq)
                .format(RecordFormat.PEER_RECORD)
                .addresses(addresses)
                .build();
    plain = nextPlain; // written before current: a reader of current then finds its plain twin
    current = next;
  }
}
