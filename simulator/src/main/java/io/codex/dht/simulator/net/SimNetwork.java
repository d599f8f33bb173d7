package io.codex.dht.simulator.net;

import io.codex.dht.simulator.EventLoop;
import io.codex.dht.simulator.VirtualScheduler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * An in-memory datagram network on an {@link EventLoop}: transports bound to socket addresses, with
 * latency and jitter, random loss (global and per link) and partitions, all drawn from one seeded
 * generator so that a run is a function of its seed.
 *
 * <p>A datagram that survives the checks at send time (size, sender started, partition, loss,
 * destination bound) becomes an event at now plus the latency, which hands it to the destination's
 * receiver if the destination is still started. Every datagram sent ends up exactly once as
 * delivered or as dropped with a {@link DropReason}; the rest are in flight.
 *
 * <p>Ownership of the bytes: {@link SimTransport#send} gives the array away and the receiver gets
 * that same array, which it owns from then on (the {@code Transport} contract); nothing is copied,
 * so a sender must never touch an array after sending it (the discv5 node never does). {@link
 * #setCopyDatagrams} copies at send time instead, for code that reuses its buffers.
 *
 * <p>Like the loop, the network is not thread-safe; its settings may change at any moment of a run
 * and apply to datagrams sent from then on.
 */
public final class SimNetwork {
  /** The largest datagram the network carries (the UDP maximum). */
  public static final int MAX_DATAGRAM = 65_535;

  /** The default latency: 20 ms plus up to 10 ms of jitter. */
  public static final LatencyModel DEFAULT_LATENCY =
      LatencyModel.uniform(Duration.ofMillis(20), Duration.ofMillis(10));

  private final EventLoop loop;
  private final SplittableRandom random;
  private final AddressAllocator addresses;
  private final Map<InetSocketAddress, SimTransport> endpoints = new HashMap<>();
  private final LinkConditions conditions = new LinkConditions();

  private LatencyModel latency = DEFAULT_LATENCY;
  private boolean copyDatagrams;
  private PacketObserver observer;

  private long sent;
  private long bytesSent;
  private long delivered;
  private long bytesDelivered;
  private final long[] dropped = new long[DropReason.values().length];

  /**
   * A network on {@code loop} whose addresses, losses and jitter are a function of {@code seed}
   * (and of the order of events, which the loop makes deterministic).
   */
  public SimNetwork(EventLoop loop, long seed) {
    this.loop = Objects.requireNonNull(loop, "loop");
    SplittableRandom root = new SplittableRandom(seed);
    // Separate streams: allocating one more address does not shift every later loss or jitter draw.
    this.addresses = new AddressAllocator(root.nextLong());
    this.random = root.split();
  }

  /** The loop datagrams travel on. */
  public EventLoop loop() {
    return loop;
  }

  /** The network's address allocator (seeded from the network's seed). */
  public AddressAllocator addresses() {
    return addresses;
  }

  /** A new address in a /24 of its own; see {@link AddressAllocator} for the other shapes. */
  public InetSocketAddress allocateAddress() {
    return addresses.next();
  }

  /**
   * A transport for {@code address} whose deliveries run as tasks of {@code owner} (its node's
   * scheduler, so that {@code owner.inNodeThread()} holds in the receiver; null: nobody's). It
   * binds the address when started.
   */
  public SimTransport transport(InetSocketAddress address, VirtualScheduler owner) {
    Objects.requireNonNull(address, "address");
    if (owner != null && owner.loop() != loop) {
      throw new IllegalArgumentException("scheduler of another loop");
    }
    return new SimTransport(this, address, owner);
  }

  /**
   * A transport on a freshly allocated address; see {@link #transport(InetSocketAddress,
   * VirtualScheduler)}.
   */
  public SimTransport transport(VirtualScheduler owner) {
    return transport(allocateAddress(), owner);
  }

  /** The started transport bound to {@code address}, or null. */
  public SimTransport endpoint(InetSocketAddress address) {
    return endpoints.get(address);
  }

  /** Started transports. */
  public int endpointCount() {
    return endpoints.size();
  }

  // ---- settings ----

  /** Sets the latency of datagrams sent from now on. */
  public void setLatency(LatencyModel latency) {
    this.latency = Objects.requireNonNull(latency, "latency");
  }

  /** The current latency model. */
  public LatencyModel latency() {
    return latency;
  }

  /**
   * Sets the probability (0 to 1) that a datagram is lost, on links without a rate of their own.
   */
  public void setLossRate(double rate) {
    conditions.setLossRate(rate);
  }

  /** The global loss rate. */
  public double lossRate() {
    return conditions.lossRate();
  }

  /**
   * Sets the loss rate of datagrams from {@code from} to {@code to} (one direction), overriding the
   * global rate on that link.
   */
  public void setLinkLoss(InetSocketAddress from, InetSocketAddress to, double rate) {
    conditions.setLinkLoss(from, to, rate);
  }

  /** Removes every per-link loss rate. */
  public void clearLinkLoss() {
    conditions.clearLinkLoss();
  }

  /**
   * Splits the network: members of different {@code groups} cannot reach each other, and addresses
   * in no group form one more group together. Replaces any earlier partition; checked when a
   * datagram is sent (datagrams already in flight arrive).
   */
  public void partition(List<? extends Collection<InetSocketAddress>> groups) {
    conditions.partition(groups);
  }

  /** Cuts {@code address} off from everybody else, on top of any existing partition. */
  public void isolate(InetSocketAddress address) {
    conditions.isolate(address);
  }

  /** Removes all partitions. */
  public void heal() {
    conditions.heal();
  }

  /** Whether the current partition lets {@code from} reach {@code to}. */
  public boolean connected(InetSocketAddress from, InetSocketAddress to) {
    return conditions.connected(from, to);
  }

  /** Whether to copy every datagram at send time (off by default; see the class comment). */
  public void setCopyDatagrams(boolean copy) {
    this.copyDatagrams = copy;
  }

  /** Sets the observer told about every delivered or dropped datagram (null: none). */
  public void setObserver(PacketObserver observer) {
    this.observer = observer;
  }

  // ---- the datapath ----

  boolean bind(SimTransport t) {
    return endpoints.putIfAbsent(t.address(), t) == null;
  }

  void unbind(SimTransport t) {
    endpoints.remove(t.address(), t);
  }

  /** Sends a datagram; returns why it was dropped at once, or null if it is on its way. */
  DropReason send(SimTransport source, InetSocketAddress to, byte[] data) {
    InetSocketAddress from = source.address();
    int size = data.length;
    sent++;
    bytesSent += size;
    if (size > MAX_DATAGRAM) {
      return drop(from, to, size, DropReason.OVERSIZE);
    }
    if (!source.isStarted()) {
      return drop(from, to, size, DropReason.SENDER_CLOSED);
    }
    if (!conditions.connected(from, to)) {
      return drop(from, to, size, DropReason.PARTITION);
    }
    double loss = conditions.lossFor(from, to);
    if (loss > 0 && random.nextDouble() < loss) {
      return drop(from, to, size, DropReason.LOSS);
    }
    SimTransport destination = endpoints.get(to);
    if (destination == null) {
      return drop(from, to, size, DropReason.UNREACHABLE);
    }
    long delay = Math.max(0, latency.latencyNanos(from, to, random));
    byte[] payload = copyDatagrams ? data.clone() : data;
    loop.post(
        new Delivery(destination, from, payload),
        saturatedAdd(loop.now(), delay),
        destination.owner());
    return null;
  }

  void arrive(SimTransport destination, InetSocketAddress from, byte[] data) {
    if (!destination.isStarted()) {
      drop(from, destination.address(), data.length, DropReason.RECEIVER_CLOSED);
      return;
    }
    delivered++;
    bytesDelivered += data.length;
    if (observer != null) {
      observer.onPacket(loop.now(), from, destination.address(), data.length, null);
    }
    destination.receive(data, from);
  }

  void lostInFlight(SimTransport destination, InetSocketAddress from, byte[] data) {
    drop(from, destination.address(), data.length, DropReason.RECEIVER_CLOSED);
  }

  private DropReason drop(
      InetSocketAddress from, InetSocketAddress to, int size, DropReason reason) {
    dropped[reason.ordinal()]++;
    if (observer != null) {
      observer.onPacket(loop.now(), from, to, size, reason);
    }
    return reason;
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return r < a ? Long.MAX_VALUE : r;
  }

  // ---- counters ----

  /** Datagrams handed to {@link SimTransport#send}, dropped ones included. */
  public long packetsSent() {
    return sent;
  }

  /** Bytes handed to {@link SimTransport#send}, dropped ones included. */
  public long bytesSent() {
    return bytesSent;
  }

  /** Datagrams handed to a receiver. */
  public long packetsDelivered() {
    return delivered;
  }

  /** Bytes handed to receivers. */
  public long bytesDelivered() {
    return bytesDelivered;
  }

  /** Datagrams dropped, for any reason. */
  public long packetsDropped() {
    long n = 0;
    for (long d : dropped) {
      n += d;
    }
    return n;
  }

  /** Datagrams dropped for {@code reason}. */
  public long packetsDropped(DropReason reason) {
    return dropped[reason.ordinal()];
  }

  /** Datagrams sent but neither delivered nor dropped yet. */
  public long packetsInFlight() {
    return sent - delivered - packetsDropped();
  }
}
