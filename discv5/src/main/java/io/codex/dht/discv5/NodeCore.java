package io.codex.dht.discv5;

import io.codex.dht.discv5.exec.NodeScheduler;
import io.codex.dht.discv5.providers.ProviderStore;
import io.codex.dht.discv5.transport.Transport;
import io.codex.dht.routing.AddResult;
import io.codex.dht.routing.Failure;
import io.codex.dht.routing.RoutingTable;
import io.codex.dht.session.Features;
import io.codex.dht.session.Message;
import io.codex.dht.session.NodeContact;
import io.codex.dht.session.NodeDirectory;
import io.codex.dht.session.SessionLayer;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.RecordFormat;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.tuweni.bytes.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol state of one node and its wiring: session layer, routing table, requests in flight,
 * and the handlers that serve requests; the directory the session layer asks about known nodes.
 * Every method runs on the node's thread.
 */
final class NodeCore implements NodeDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(NodeCore.class);

  /** How long a peer that sent invalid records is not queried. */
  static final long PENALTY_MILLIS = 15 * 60_000L;

  final NodeConfig config;
  final NodeScheduler scheduler;
  final Transport transport;
  final NodeId localId;
  final SessionLayer<SignedPeerRecord> session;
  final RoutingTable<Peer> table;
  final RequestTracker requests;
  final RttEstimator rtt;
  final NodeMetrics metrics;
  final LocalRecord local;
  final IpVotes votes;
  final RecentRecords recent;
  final ProviderStore providerStore;
  final RequestHandlers handlers;
  final LookupRunner lookups;
  final ContentRouting content;
  final ServiceDiscovery services;
  final EntryVerifier verifier;
  final PenaltyBox penalties = new PenaltyBox(PENALTY_MILLIS, 4096);
  final PeerFormats formats = new PeerFormats(PeerFormats.DEFAULT_CAPACITY);

  /**
   * The plain forms of peers that have a full record, as first met (in a handshake or from a Codex
   * node), relayed to Codex nodes in place of the full record of the same seq.
   */
  final RecentRecords plainTwins = new RecentRecords(1024);

  private final RateLimitedLog failureLog;
  final List<NodeListener> listeners = new CopyOnWriteArrayList<>();
  RecordChecks checks;
  boolean ipv4 = true;
  boolean ipv6;
  boolean running;

  /**
   * Whether peers that contact us first may enter the table: not before the first self lookup
   * completed, so an attacker cannot fill an empty table before the node has met the network.
   */
  boolean acceptInbound;

  /** Peers that contacted us before the gate opened, offered to the table once it does. */
  private final List<Peer> earlyInbound = new ArrayList<>();

  private static final int MAX_EARLY_INBOUND = 64;

  // Defence switches for the security tests' negative controls (package-private, node thread).
  boolean penaltiesEnabled = true;
  boolean containFailures = true;
  double relayMinSeen = RequestHandlers.SEEN_THRESHOLD;

  /** Whether peers not known to read Logos records get only records they read (tests' control). */
  boolean legacyFiltering = true;

  NodeCore(
      NodeConfig config,
      NodeScheduler scheduler,
      Transport transport,
      ProviderStore providerStore,
      long previousSeq) {
    this.config = config;
    this.scheduler = scheduler;
    this.transport = transport;
    this.providerStore = providerStore;
    this.local =
        new LocalRecord(
            config.privateKey(),
            config.recordFormat(),
            config.announceAddresses(),
            config.services(),
            previousSeq,
            scheduler::currentTimeMillis);
    this.localId = local.current().nodeId();
    this.local.onChange(
        r -> {
          for (NodeListener l : listeners) {
            l.localRecordUpdated(r);
          }
        });
    this.metrics = new NodeMetrics(config.meterRegistry(), localId.toShortString());
    this.session =
        SessionLayer.builder(
                RecordMemoProfile.wrap(config.wireProfile(), config.verifiedRecords()),
                config.privateKey(),
                local::current)
            .config(config.session())
            .clock(scheduler::nanoTime)
            .random(config.random())
            .output(this::output)
            .listener(new SessionEvents(this))
            .directory(this)
            .recordFor(this::ownRecordFor)
            .features(this::features)
            .build();
    this.table = new RoutingTable<>(localId, Peer.VIEW, config.table(), config.random());
    this.table.setListener(new TableEvents(listeners));
    this.rtt = new RttEstimator(config.rtt());
    this.requests =
        new RequestTracker(
            scheduler,
            config.random(),
            config.responseTimeout().toMillis(),
            config.session().maxPendingRequests(),
            new RequestTracker.Events() {
              @Override
              public void timeout(Message request) {
                metrics.timeout(request);
              }

              @Override
              public void unsolicited(Message response) {
                metrics.unsolicited(response);
              }

              @Override
              public void roundTrip(long nanos) {
                metrics.roundTrip(nanos);
              }
            },
            rtt);
    this.votes = new IpVotes(10, 5, 5 * 60_000L, 200);
    this.recent = new RecentRecords(1024);
    this.checks =
        new RecordChecks(
            localId, true, false, this::knownRecord, config.verifiedRecords(), config.seenSeqs());
    this.handlers = new RequestHandlers(this);
    this.lookups = new LookupRunner(this);
    this.content = new ContentRouting(this);
    this.services = new ServiceDiscovery(this, content);
    this.verifier = new EntryVerifier(this);
    this.failureLog = new RateLimitedLog(LOG, 1_000, scheduler::nowMillis);
    metrics.bind(
        session.stats(),
        session::sessionCount,
        table::size,
        table::heldSubnetSlots,
        requests::size);
    metrics.bindRtt(rtt);
    metrics.bindProviders(providerStore);
    metrics.bindFormats(formats::legacyCount);
  }

  /** Adapts to the sockets actually bound and seeds the table; the node is live after this. */
  void start(List<InetSocketAddress> bound) {
    ipv4 = bound.stream().anyMatch(Peer::isIpv4);
    ipv6 = bound.stream().anyMatch(a -> !Peer.isIpv4(a));
    checks =
        new RecordChecks(
            localId, ipv4, ipv6, this::knownRecord, config.verifiedRecords(), config.seenSeqs());
    for (InetSocketAddress a : bound) {
      InetSocketAddress announced = LocalAddresses.announceable(a);
      if (announced != null) {
        local.setEndpoint(announced);
      }
    }
    for (SignedPeerRecord r : config.bootstrapRecords()) {
      Peer.of(r, ipv4, ipv6).ifPresent(p -> table.addBootstrap(p));
    }
    running = true;
  }

  void stop() {
    running = false;
    content.stop();
    verifier.stop();
    requests.cancelAll();
  }

  /** A datagram from the transport, now on the node thread. */
  void onDatagram(byte[] data, InetSocketAddress from) {
    if (!running) {
      return;
    }
    try {
      session.onDatagram(data, from);
    } catch (Throwable t) { // containment: no input, handler or bug stops the receive path
      if (!containFailures) {
        throw t;
      }
      metrics.event("discv5.receive.failures", "type", t.getClass().getSimpleName());
      failureLog.warn("handling a datagram failed; the node carries on", t);
    }
  }

  private void output(InetSocketAddress to, byte[] packet) {
    transport.send(to, packet);
  }

  // ---- sending

  /** Sends a message that expects no response (responses, ADD_PROVIDER). */
  void send(NodeContact to, Message message) {
    metrics.messageOut(message);
    session.send(to, message, config.clientMode());
  }

  /**
   * Sends a request to {@code peer} and completes with its response (NODES and PROVIDERS collected
   * over all their messages, at most {@code maxRecords} records), updating the peer's table entry
   * with the outcome.
   */
  CompletableFuture<Message> request(
      Peer peer, Function<Bytes, Message> make, int maxRecords, Failure onTimeout) {
    return request(peer, make, maxRecords, onTimeout, null);
  }

  /**
   * As {@link #request(Peer, Function, int, Failure)}; the messages of a multi-message answer that
   * arrive after it completed (see {@link RequestTracker}) go to {@code late} (null: dropped).
   */
  CompletableFuture<Message> request(
      Peer peer,
      Function<Bytes, Message> make,
      int maxRecords,
      Failure onTimeout,
      Consumer<Message> late) {
    CompletableFuture<Message> result = new CompletableFuture<>();
    if (!running) {
      result.completeExceptionally(new RequestException(RequestException.Kind.STOPPED, "stopped"));
      return result;
    }
    if (penaltiesEnabled && penalties.isPenalised(peer.nodeId(), scheduler.nowMillis())) {
      result.completeExceptionally(
          new RequestException(RequestException.Kind.PENALISED, "peer sent invalid records"));
      return result;
    }
    NodeContact contact = peer.contact();
    requests.request(
        contact,
        make,
        maxRecords,
        m -> send(contact, m),
        new RequestTracker.Callback() {
          @Override
          public void onResponse(Message response) {
            table.onSuccess(peer.nodeId(), scheduler.nowMillis());
            result.complete(response);
          }

          @Override
          public void onFailure(RequestTracker.Failure failure) {
            if (failure == RequestTracker.Failure.TIMEOUT) {
              table.onFailure(peer.nodeId(), onTimeout, scheduler.nowMillis());
            } else if (failure == RequestTracker.Failure.INVALID_RESPONSE) {
              table.onFailure(peer.nodeId(), Failure.INVALID_REPLY, scheduler.nowMillis());
            }
            result.completeExceptionally(RequestException.of(failure, "request to " + peer));
          }

          @Override
          public void onLate(Message part) {
            if (late != null && running) {
              late.accept(part);
            }
          }
        });
    return result;
  }

  /** PING; a PONG is a success, a vote for our external address, and a record-freshness hint. */
  CompletableFuture<Message.Pong> ping(Peer peer) {
    return request(peer, rid -> new Message.Ping(rid, local.current().seq()), 0, Failure.NO_REPLY)
        .thenApply(
            m -> {
              Message.Pong pong = (Message.Pong) m;
              onPong(peer, pong);
              return pong;
            });
  }

  /** FINDNODE at {@code distances}; the verified records at those distances. */
  CompletableFuture<List<Peer>> findNode(Peer peer, List<Integer> distances) {
    return findNode(peer, distances, null);
  }

  /**
   * FINDNODE at {@code distances}; the verified records at those distances, and those of messages
   * that arrive late to {@code late} (null: dropped).
   */
  CompletableFuture<List<Peer>> findNode(
      Peer peer, List<Integer> distances, Consumer<List<Peer>> late) {
    return request(
            peer,
            rid -> new Message.FindNode(rid, distances),
            RequestHandlers.MAX_NODES,
            Failure.INVALID_REPLY,
            late == null
                ? null
                : m ->
                    late.accept(
                        verified(
                            peer,
                            ((Message.Nodes) m).records(),
                            distances,
                            RequestHandlers.MAX_NODES)))
        .thenApply(
            m ->
                verified(
                    peer, ((Message.Nodes) m).records(), distances, RequestHandlers.MAX_NODES));
  }

  /**
   * FINDNODE_FAST for {@code target}; the verified records, and those of messages that arrive late
   * to {@code late} (null: dropped).
   */
  CompletableFuture<List<Peer>> findNodeFast(Peer peer, NodeId target, Consumer<List<Peer>> late) {
    return request(
            peer,
            rid -> new Message.FindNodeFast(rid, target),
            RequestHandlers.MAX_NODES_FAST,
            Failure.INVALID_REPLY,
            late == null
                ? null
                : m ->
                    late.accept(
                        verified(
                            peer,
                            ((Message.Nodes) m).records(),
                            null,
                            RequestHandlers.MAX_NODES_FAST)))
        .thenApply(
            m ->
                verified(
                    peer, ((Message.Nodes) m).records(), null, RequestHandlers.MAX_NODES_FAST));
  }

  /** Checks received records, counting rejections; learns the good ones. */
  List<Peer> verified(Peer from, List<Bytes> raw, List<Integer> distances, int max) {
    boolean[] invalid = {false};
    List<Peer> peers =
        checks.check(
            raw,
            from.nodeId(),
            from.endpoint(),
            distances,
            max,
            (rejection, detail) -> {
              if (rejection != RecordChecks.Rejection.SELF) {
                metrics.recordRejected(
                    detail == null ? rejection.name() : rejection.name() + ":" + detail.name());
              }
              invalid[0] |= rejection.isMisbehaviour();
            });
    if (invalid[0]) {
      penalties.penalise(from.nodeId(), scheduler.nowMillis());
      table.onFailure(from.nodeId(), Failure.INVALID_REPLY, scheduler.nowMillis());
      metrics.event("discv5.peers.penalised", "reason", "invalid_records");
    }
    for (Peer p : peers) {
      recent.put(p.record());
    }
    return peers;
  }

  private void onPong(Peer peer, Message.Pong pong) {
    if (config.autoUpdateAddress() && !local.isPinned()) {
      votes.add(peer.nodeId(), peer.endpoint(), pong.observed(), scheduler.nowMillis());
      votes
          .winner(scheduler.nowMillis())
          .filter(AddressRules::isRoutable)
          .ifPresent(
              address -> {
                if (local.setEndpoint(address, "voted")) {
                  metrics.event("discv5.record.updates", "cause", "address");
                }
              });
    }
  }

  /**
   * Opens the table to peers that contact us first (after the first self lookup) and offers the
   * ones that did so earlier as entries to verify, like any learned record.
   */
  void openInbound() {
    acceptInbound = true;
    earlyInbound.forEach(this::learn);
    earlyInbound.clear();
  }

  /** Keeps a peer that contacted us before the table opened (bounded), to offer it later. */
  void holdEarlyInbound(Peer peer) {
    if (earlyInbound.size() < MAX_EARLY_INBOUND) {
      earlyInbound.add(peer);
    }
  }

  /** Adds a record learned from our own queries and queues a new entry for a liveness check. */
  AddResult learn(Peer peer) {
    AddResult r = table.add(peer, false);
    if (r == AddResult.ADDED) {
      verifier.enqueue(peer.nodeId());
    }
    metrics.tableEvent("add_" + r.name().toLowerCase(java.util.Locale.ROOT));
    return r;
  }

  // ---- record forms (see docs/design.md, "Mixed networks")

  /**
   * The form of our record {@code peer} can read: the full one if it is known to read Logos Routing
   * Records, else the plain PeerRecord of the same seq (counted when they differ).
   */
  SignedPeerRecord ownRecordFor(NodeId peer) {
    boolean logos = formats.readsLogos(peer) || !legacyFiltering;
    if (!logos && local.hasFullForm()) {
      metrics.event("discv5.records.plain_presented", "reason", "peer_not_known_to_read_logos");
    }
    return local.forPeer(logos);
  }

  /**
   * The features every message we send announces: we read Logos records, and (while we advertise
   * services) our full record has more than the plain form a peer may hold.
   */
  int features() {
    boolean richer = local.hasFullForm() && !local.current().services().isEmpty();
    return Features.READS_LOGOS | (richer ? Features.FULL_RECORD : 0);
  }

  /** Whether {@code peer} can read {@code record}; counts the record as withheld if not. */
  boolean readable(NodeId peer, SignedPeerRecord record, String message) {
    return readableForm(peer, record, message) == record;
  }

  /**
   * {@code record} if {@code peer} can read it; else the plain form of the same seq if we met it
   * (counted as relayed), else null (counted as withheld).
   */
  SignedPeerRecord readableForm(NodeId peer, SignedPeerRecord record, String message) {
    if (record.format() == RecordFormat.PEER_RECORD
        || formats.readsLogos(peer)
        || !legacyFiltering) {
      return record;
    }
    SignedPeerRecord twin = message.equals("nodes") ? plainTwins.get(record.nodeId()) : null;
    if (twin != null && twin.seq() == record.seq()) {
      metrics.event("discv5.records.plain_relayed", "reason", "logos_record_in_" + message);
      return twin;
    }
    metrics.event("discv5.records.withheld", "reason", "logos_record_in_" + message);
    return null;
  }

  /**
   * Learns the features of a message from {@code peer}; if it has a full record we hold only in its
   * plain form, asks for the full one once per seq with FINDNODE [0].
   */
  void heard(NodeId peer, InetSocketAddress address, int features) {
    formats.heard(peer, features);
    if (!Features.has(features, Features.FULL_RECORD) || !running) {
      return;
    }
    SignedPeerRecord held = knownRecord(peer);
    if (held == null || held.format() != RecordFormat.PEER_RECORD) {
      return;
    }
    plainTwins.put(held); // the form Codex nodes read, kept to relay once the full one replaces it
    if (!formats.shouldAskFull(peer, held.seq())) {
      return;
    }
    metrics.event("discv5.records.full_requested", "reason", "peer_has_full_record");
    Peer target = new Peer(held, address);
    findNode(target, List.of(0))
        .thenAccept(
            peers -> {
              for (Peer p : peers) {
                if (p.nodeId().equals(peer)) {
                  recent.put(p.record());
                  if (table.get(peer).isPresent()) {
                    table.add(p, false);
                  }
                }
              }
            });
  }

  // ---- NodeDirectory

  @Override
  public KnownNode lookup(NodeId id) {
    SignedPeerRecord r = table.get(id).map(Peer::record).orElseGet(() -> recent.get(id));
    return r == null ? null : new KnownNode(r.publicKey(), r.seq());
  }

  /** Sessions with routing-table members are evicted last when the session cache is full. */
  @Override
  public boolean isProtected(NodeId id) {
    return table.get(id).isPresent();
  }

  /** The best record we hold for {@code id}: the table's, else a recently seen one. */
  SignedPeerRecord knownRecord(NodeId id) {
    return table.get(id).map(Peer::record).orElseGet(() -> recent.get(id));
  }
}
