package io.codex.dht.discv5;

import io.codex.dht.routing.AddResult;
import io.codex.dht.session.DropReason;
import io.codex.dht.session.Message;
import io.codex.dht.session.NodeContact;
import io.codex.dht.session.SendFailure;
import io.codex.dht.session.SessionListener;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * What the session layer tells the node: authenticated messages (requests to the handlers,
 * responses to the request tracker), completed inbound handshakes (a peer offering its record),
 * drops and failed sends (counted).
 */
final class SessionEvents implements SessionListener<SignedPeerRecord> {
  private final NodeCore node;

  SessionEvents(NodeCore node) {
    this.node = node;
  }

  @Override
  public void onMessage(NodeId from, InetSocketAddress address, Message message, boolean client) {
    node.metrics.messageIn(message);
    if (client) {
      if (node.table.remove(from)) {
        node.metrics.tableEvent("removed_client");
      }
    } else {
      node.table
          .get(from)
          .filter(p -> p.endpoint().equals(address))
          .ifPresent(p -> node.table.onSuccess(from, node.scheduler.nowMillis()));
    }
    if (message.isRequest()) {
      node.handlers.handle(from, address, message);
    } else if (message instanceof Message.Ignored ignored) {
      node.metrics.ignoredMessage(ignored.type());
    } else {
      node.requests.onResponse(from, address, message);
    }
  }

  @Override
  public void onHandshake(
      NodeId peer, InetSocketAddress address, SignedPeerRecord record, boolean client) {
    if (record == null) {
      return;
    }
    node.recent.put(record);
    if (client) {
      node.table.remove(peer);
      return;
    }
    Peer.of(record, node.ipv4, node.ipv6)
        .filter(p -> p.endpoint().equals(address))
        .ifPresent(
            p -> {
              if (!node.acceptInbound) {
                node.holdEarlyInbound(p);
                node.metrics.tableEvent("inbound_before_join");
                return;
              }
              AddResult r = node.table.add(p, true);
              node.metrics.tableEvent("inbound_" + r.name().toLowerCase(Locale.ROOT));
              if (r.stored()) {
                node.table.onSuccess(peer, node.scheduler.nowMillis());
              }
            });
  }

  @Override
  public void onDrop(InetSocketAddress from, DropReason reason, DecodeException.Reason detail) {
    node.metrics.drop(reason, detail);
  }

  @Override
  public void onSendFailed(NodeContact to, Message message, SendFailure reason) {
    node.metrics.sendFailed(reason);
    node.requests.onSendFailed(message);
  }
}
