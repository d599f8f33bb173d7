package io.codex.dht.discv5;

import io.codex.dht.routing.TableListener;
import java.util.List;

/** Forwards the routing table's membership changes to the node's public listeners. */
final class TableEvents implements TableListener<Peer> {
  private final List<NodeListener> listeners;

  TableEvents(List<NodeListener> listeners) {
    this.listeners = listeners;
  }

  @Override
  public void added(Peer p) {
    for (NodeListener l : listeners) {
      l.nodeAdded(p.record());
    }
  }

  @Override
  public void removed(Peer p) {
    for (NodeListener l : listeners) {
      l.nodeRemoved(p.record());
    }
  }

  @Override
  public void updated(Peer previous, Peer current) {
    for (NodeListener l : listeners) {
      l.nodeUpdated(previous.record(), current.record());
    }
  }
}
