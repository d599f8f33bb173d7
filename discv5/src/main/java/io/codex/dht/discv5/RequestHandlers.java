package io.codex.dht.discv5;

import io.codex.dht.discv5.providers.SubnetAddLimiter;
import io.codex.dht.session.Message;
import io.codex.dht.session.NodeContact;
import io.codex.dht.session.SessionLayer;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves requests: PING, FINDNODE, FINDNODE_FAST, TALKREQ, ADD_PROVIDER and GET_PROVIDERS, on the
 * node's thread. Only table entries that answered us (see {@link #SEEN_THRESHOLD}) are offered to
 * others.
 */
final class RequestHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(RequestHandlers.class);

  /** Records in one FINDNODE answer (Codex {@code FindNodeResultLimit}). */
  static final int MAX_NODES = 16;

  /** Records in one FINDNODE_FAST answer (Codex {@code FindNodeFastResultLimit}). */
  static final int MAX_NODES_FAST = 6;

  /** Providers in one GET_PROVIDERS answer. */
  static final int MAX_PROVIDERS = 20;

  /**
   * The largest TALKRESP payload a handler may return: what one packet holds after the message's
   * type, request id and field headers (at most 32 bytes); a larger one is answered empty.
   */
  static final int MAX_TALK_RESPONSE = SessionLayer.MAX_MESSAGE_SIZE - 32;

  /**
   * The seen score a table entry needs to be offered to others: it has answered us. The table sets
   * 1.0 at the first success (an entry that never answered stays at 0); each exchange after that
   * moves the score by {@code 0.9 * old + 0.1 * outcome}, and a missed reply that leaves it at or
   * below 0.5 removes the entry (bootstrap entries, never removed, sink lower).
   *
   * <p>Implementation notes: Codex's {@code FindnodeSeenThreshold} is 1.0, which the smoothed score
   * never regains after a single missed reply (0.9, then 0.91, 0.919, ... after successes) while
   * the table keeps the entry: one lost PONG, or a reply late on a busy machine, hid a live peer
   * from every FINDNODE answer for as long as it stayed in the table (a bootstrap node whose ping
   * to a new node timed out once never introduced it to anyone).
   */
  static final double SEEN_THRESHOLD = 0.5;

  /** Records served per FINDNODE; a package-private switch for tests' negative controls. */
  int maxNodes = MAX_NODES;

  /** Providers served per GET_PROVIDERS; a package-private switch for negative controls. */
  int maxProviders = MAX_PROVIDERS;

  /** The TALKRESP payload cap; a test raises it to show what it prevents. */
  int maxTalkResponse = MAX_TALK_RESPONSE;

  /** ADD_PROVIDER rate per sender subnet; null switches it off (tests' negative controls). */
  SubnetAddLimiter subnetAdds;

  private final NodeCore node;
  private final Map<Bytes, TalkHandler> talkHandlers = new HashMap<>();
  private final RateLimitedLog talkLog;

  RequestHandlers(NodeCore node) {
    this.node = node;
    this.talkLog = new RateLimitedLog(LOG, 1_000, node.scheduler::nowMillis);
    this.subnetAdds = SubnetAddLimiter.of(node.config.providers());
  }

  /** Registers the handler of a TALKREQ protocol; one handler per protocol. */
  void register(Bytes protocol, TalkHandler handler) {
    if (talkHandlers.putIfAbsent(protocol, handler) != null) {
      throw new IllegalStateException("a handler is registered for " + protocol);
    }
  }

  void handle(NodeId from, InetSocketAddress address, Message message) {
    NodeContact to = NodeContact.of(from, address);
    if (message instanceof Message.Ping ping) {
      node.send(to, new Message.Pong(ping.requestId(), node.local.current().seq(), address));
    } else if (message instanceof Message.FindNode f) {
      sendRecords(to, f.requestId(), findNode(from, f.distances()), false);
    } else if (message instanceof Message.FindNodeFast f) {
      sendRecords(
          to,
          f.requestId(),
          encoded(from, node.table.closest(f.target(), MAX_NODES_FAST, node.relayMinSeen)),
          false);
    } else if (message instanceof Message.TalkReq t) {
      node.send(to, new Message.TalkResp(t.requestId(), talk(from, address, t)));
    } else if (message instanceof Message.AddProvider a) {
      addProvider(from, address, a);
    } else if (message instanceof Message.GetProviders g) {
      List<byte[]> records = new ArrayList<>();
      for (SignedPeerRecord r :
          node.providerStore.get(g.key(), maxProviders, node.scheduler.nowMillis())) {
        if (node.readable(from, r, "providers")) {
          records.add(r.encoded());
        }
      }
      sendRecords(to, g.requestId(), records, true);
    }
  }

  private List<byte[]> findNode(NodeId from, List<Integer> distances) {
    if (distances.stream().anyMatch(d -> d < 0 || d > 256)) {
      return List.of();
    }
    if (distances.contains(0)) {
      return List.of(node.ownRecordFor(from).encoded());
    }
    int[] ds = distances.stream().mapToInt(Integer::intValue).toArray();
    return encoded(from, node.table.atDistances(ds, maxNodes, node.relayMinSeen));
  }

  /**
   * The records {@code to} can read: for a Codex node PeerRecords only, a Logos record replaced by
   * the plain form of the same seq when we met it, else left out (both counted).
   */
  private List<byte[]> encoded(NodeId to, List<Peer> peers) {
    List<byte[]> out = new ArrayList<>(peers.size());
    for (Peer p : peers) {
      SignedPeerRecord r = node.readableForm(to, p.record(), "nodes");
      if (r != null) {
        out.add(r.encoded());
      }
    }
    return out;
  }

  private void sendRecords(NodeContact to, Bytes rid, List<byte[]> records, boolean providers) {
    List<List<byte[]>> groups = RecordPacker.pack(records, rid.size(), node.config.clientMode());
    for (List<byte[]> group : groups) {
      List<Bytes> wrapped = new ArrayList<>(group.size());
      for (byte[] r : group) {
        wrapped.add(Bytes.wrap(r));
      }
      node.send(
          to,
          providers
              ? new Message.Providers(rid, groups.size(), wrapped)
              : new Message.Nodes(rid, groups.size(), wrapped));
    }
  }

  private Bytes talk(NodeId from, InetSocketAddress address, Message.TalkReq t) {
    TalkHandler handler = talkHandlers.get(t.protocol());
    if (handler == null) {
      node.metrics.event("discv5.talk.requests", "result", "unknown_protocol");
      return Bytes.EMPTY;
    }
    try {
      byte[] response = handler.handle(from, address, t.request().toArrayUnsafe());
      if (response != null && response.length > maxTalkResponse) {
        // A TALKRESP travels in one packet of at most 1280 bytes: an empty answer, not a throw.
        node.metrics.event("discv5.talk.requests", "result", "response_too_large");
        return Bytes.EMPTY;
      }
      node.metrics.event("discv5.talk.requests", "result", "ok");
      return response == null ? Bytes.EMPTY : Bytes.wrap(response);
    } catch (RuntimeException | StackOverflowError e) {
      node.metrics.event("discv5.talk.requests", "result", "handler_failed");
      talkLog.warn("a talk handler failed; an empty response was sent", e);
      return Bytes.EMPTY;
    }
  }

  private void addProvider(NodeId from, InetSocketAddress address, Message.AddProvider a) {
    if (subnetAdds != null
        && !subnetAdds.tryAcquire(address.getAddress(), node.scheduler.nowMillis())) {
      // Checked first: a flood from one subnet costs no signature verification.
      node.metrics.event("discv5.providers.refused", "reason", "subnet_rate_limited");
      return;
    }
    SignedPeerRecord record;
    try {
      record = SignedPeerRecord.decode(a.record().toArrayUnsafe());
    } catch (DecodeException e) {
      node.metrics.event("discv5.providers.refused", "reason", "invalid_record");
      node.metrics.recordRejected("provider:" + e.reason().name());
      return;
    }
    if (!node.config.allowThirdPartyProviders() && !record.nodeId().equals(from)) {
      node.metrics.event("discv5.providers.refused", "reason", "not_sender");
      return;
    }
    // The store counts every outcome (bound as discv5.providers.adds{outcome}).
    node.providerStore.add(a.key(), record, from, node.scheduler.nowMillis());
  }
}
