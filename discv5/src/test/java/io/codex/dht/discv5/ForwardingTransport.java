package io.codex.dht.discv5;

import io.codex.dht.discv5.transport.Transport;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A transport that passes everything to another; tests override {@link #send} to watch or drop. */
abstract class ForwardingTransport implements Transport {
  final Transport inner;

  ForwardingTransport(Transport inner) {
    this.inner = inner;
  }

  @Override
  public CompletableFuture<Void> start(DatagramReceiver receiver) {
    return inner.start(receiver);
  }

  @Override
  public void send(InetSocketAddress to, byte[] datagram) {
    inner.send(to, datagram);
  }

  @Override
  public List<InetSocketAddress> localAddresses() {
    return inner.localAddresses();
  }

  @Override
  public CompletableFuture<Void> stop() {
    return inner.stop();
  }
}
