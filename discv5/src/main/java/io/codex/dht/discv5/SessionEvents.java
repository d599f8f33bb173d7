package io.codex.dht.discv5;

import io.codex.dht.routing.AddResult;
import io.codex.dht.session.DecodedMessage;
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
import java.util.Optional;

/**
 * What the session layer tells the node: authenticated messages (requests to the handlers,
 * responses to the request tracker), completed inbound handshakes (a peer offering its record) and
 * requests from peers the table lacks (offered to it again), drops and failed sends (counted).
 */
final class SessionEvents implements SessionListener<SignedPeerRecord> {
  private final NodeCore node;

  SessionEvents(NodeCore node) {
    this.node = node;
  }

  @Override
  public void onMessage(NodeId from, InetSocketAddress address, Message message, boolean client) {
    onMessage(from, address, new DecodedMessage(message, client));
  }

  @Override
  public void onMessage(NodeId from, InetSocketAddress address, DecodedMessage decoded) {
    Message message = decoded.message();
    boolean client = decoded.clientMode();
    node.metrics.messageIn(message);
    node.heard(from, address, decoded.features()); // before the handlers choose what to send
    if (client) {
      if (node.table.remove(from)) {
        node.metrics.tableEvent("removed_client");
      }
    } else {
      Optional<Peer> held = node.table.get(from);
      if (held.isPresent()) {
        if (held.get().endpoint().equals(address)) {
          node.table.onSuccess(from, node.scheduler.nowMillis());
        }
      } else if (message.isRequest()) {
        readmit(from, address);
      }
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
              addInbound(p, "inbound_");
            });
  }

  // Implementation notes: a peer enters the table as an inbound contact through the record its
  // handshake carries, but a handshake carries no record when our WHOAREYOU showed that we hold
  // its current one, and a session outlives the table entry: a peer removed after one request
  // timed out (a FINDNODE that went unanswered while it was busy) kept talking to us in the same
  // session and was never offered again, so a bootstrap node forgot a new node for good and
  // introduced it to nobody. A request from a peer we do not hold is that contact again; its
  // verified record (held since its handshake or a NODES answer) must match the source address.
  // Peers penalised for invalid records stay out; before the first self lookup the handshake's
  // hold covers early contacts.
  /** Offers a peer that sent us a request but is not in the table, as its handshake would. */
  private void readmit(NodeId from, InetSocketAddress address) {
    if (!node.acceptInbound
        || (node.penaltiesEnabled
            && node.penalties.isPenalised(from, node.scheduler.nowMillis()))) {
      return;
    }
    SignedPeerRecord record = node.recent.get(from);
    if (record == null) {
      return;
    }
    Peer.of(record, node.ipv4, node.ipv6)
        .filter(p -> p.endpoint().equals(address))
        .ifPresent(p -> addInbound(p, "readmit_"));
  }

  private void addInbound(Peer p, String event) {
    AddResult r = node.table.add(p, true);
    node.metrics.tableEvent(event + r.name().toLowerCase(Locale.ROOT));
    if (r.stored()) {
      node.table.onSuccess(p.nodeId(), node.scheduler.nowMillis());
    }
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
