package io.codex.dht.discv5.transport;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Moves datagrams between a node and the network; netty UDP in production, an in-memory network in
 * the simulator. Implementations never interpret the bytes.
 */
public interface Transport {
  /**
   * Starts receiving; every datagram is handed to {@code receiver}, possibly on a transport thread
   * (the receiver hops to the node's own thread). Completes when the transport is bound.
   */
  CompletableFuture<Void> start(DatagramReceiver receiver);

  /** Sends one datagram; never blocks and never throws for network errors (they are counted). */
  void send(InetSocketAddress to, byte[] datagram);

  /** The bound local addresses, once started (one per address family). */
  List<InetSocketAddress> localAddresses();

  /** Stops receiving and releases the sockets. */
  CompletableFuture<Void> stop();

  /** Receives datagrams from a transport. */
  @FunctionalInterface
  interface DatagramReceiver {
    /** One datagram; {@code data} is owned by the receiver from now on. */
    void onDatagram(byte[] data, InetSocketAddress sender);
  }
}
