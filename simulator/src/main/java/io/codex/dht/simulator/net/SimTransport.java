package io.codex.dht.simulator.net;

import io.codex.dht.discv5.transport.Transport;
import io.codex.dht.simulator.VirtualScheduler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One node's {@link Transport} on a {@link SimNetwork}: a single IPv4 socket address, started and
 * stopped at once, with its own packet and byte counters.
 *
 * <p>{@link #start} and {@link #stop} return already-completed futures; a transport starts at most
 * once (start it again, or bind an address a started transport holds, and the future fails).
 * Datagrams are handed to the receiver on the loop's thread, as tasks of the node's scheduler when
 * it was given one (see {@link SimNetwork#transport(InetSocketAddress, VirtualScheduler)}). The
 * datagram arrays are passed through without copying (see {@link SimNetwork}).
 */
public final class SimTransport implements Transport {
  private static final int NEW = 0;
  private static final int STARTED = 1;
  private static final int STOPPED = 2;

  private final SimNetwork network;
  private final InetSocketAddress address;
  private final List<InetSocketAddress> addresses;
  private final VirtualScheduler owner;
  private DatagramReceiver receiver;
  private int state = NEW;

  private long packetsSent;
  private long bytesSent;
  private long droppedAtSend;
  private long packetsReceived;
  private long bytesReceived;

  SimTransport(SimNetwork network, InetSocketAddress address, VirtualScheduler owner) {
    this.network = network;
    this.address = address;
    this.addresses = List.of(address);
    this.owner = owner;
  }

  @Override
  public CompletableFuture<Void> start(DatagramReceiver receiver) {
    Objects.requireNonNull(receiver, "receiver");
    if (state != NEW) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("transport already started: " + address));
    }
    if (!network.bind(this)) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("address already in use: " + address));
    }
    this.receiver = receiver;
    state = STARTED;
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Sends {@code datagram} to {@code to}; the array belongs to the network (and then the receiver)
   * from now on. Never throws for network conditions: drops are counted by the network.
   */
  @Override
  public void send(InetSocketAddress to, byte[] datagram) {
    Objects.requireNonNull(to, "to");
    packetsSent++;
    bytesSent += datagram.length;
    if (network.send(this, to, datagram) != null) {
      droppedAtSend++;
    }
  }

  /** The address, once started and until stopped; empty otherwise (like the netty transport). */
  @Override
  public List<InetSocketAddress> localAddresses() {
    return state == STARTED ? addresses : List.of();
  }

  @Override
  public CompletableFuture<Void> stop() {
    if (state == STARTED) {
      network.unbind(this);
    }
    state = STOPPED;
    receiver = null;
    return CompletableFuture.completedFuture(null);
  }

  void receive(byte[] data, InetSocketAddress from) {
    packetsReceived++;
    bytesReceived += data.length;
    receiver.onDatagram(data, from);
  }

  SimNetwork network() {
    return network;
  }

  /** The address this transport binds (whether or not it is started). */
  public InetSocketAddress address() {
    return address;
  }

  /** The scheduler deliveries run as, or null. */
  public VirtualScheduler owner() {
    return owner;
  }

  /** Whether the transport is started and not stopped. */
  public boolean isStarted() {
    return state == STARTED;
  }

  /** Datagrams this node asked to send (including those the network dropped). */
  public long packetsSent() {
    return packetsSent;
  }

  /** Bytes this node asked to send (including those the network dropped). */
  public long bytesSent() {
    return bytesSent;
  }

  /**
   * Datagrams of this node the network dropped at once (oversize, not started, partition, loss,
   * unknown destination).
   */
  public long packetsDroppedAtSend() {
    return droppedAtSend;
  }

  /** Datagrams delivered to this node. */
  public long packetsReceived() {
    return packetsReceived;
  }

  /** Bytes delivered to this node. */
  public long bytesReceived() {
    return bytesReceived;
  }
}
