package io.codex.dht.simulator.net;

import java.net.InetSocketAddress;

/** Watches every datagram's fate on a {@link SimNetwork}: for traces, reports and tests. */
@FunctionalInterface
public interface PacketObserver {
  /**
   * A datagram of {@code bytes} bytes from {@code from} to {@code to} was delivered ({@code drop}
   * null) or dropped for {@code drop}, at virtual time {@code timeNanos}. Delivery is reported just
   * before the receiver gets the datagram; the observer must not keep or modify the bytes.
   */
  void onPacket(
      long timeNanos, InetSocketAddress from, InetSocketAddress to, int bytes, DropReason drop);
}
