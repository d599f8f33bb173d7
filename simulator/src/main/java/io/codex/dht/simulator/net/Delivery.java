package io.codex.dht.simulator.net;

import io.codex.dht.simulator.Event;
import java.net.InetSocketAddress;

/** A datagram in flight: the event that hands it to its destination when it arrives. */
final class Delivery extends Event {
  private final SimTransport destination;
  private final InetSocketAddress from;
  private byte[] data;

  Delivery(SimTransport destination, InetSocketAddress from, byte[] data) {
    this.destination = destination;
    this.from = from;
    this.data = data;
  }

  @Override
  protected void run() {
    byte[] d = data;
    data = null;
    destination.network().arrive(destination, from, d);
  }

  @Override
  protected void onDiscard() {
    byte[] d = data;
    data = null;
    destination.network().lostInFlight(destination, from, d);
  }
}
