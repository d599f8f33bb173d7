package io.codex.dht.discv5;

import io.codex.dht.discv5.exec.NodeScheduler;
import io.codex.dht.routing.Failure;
import io.codex.dht.session.Message;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PeerId;
import io.codex.dht.spr.SignedPeerRecord;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.tuweni.bytes.Bytes;

/**
 * Content and service announcements: ADD_PROVIDER of the node's own record to the nodes closest to
 * a key (re-announced until withdrawn), and GET_PROVIDERS from the closest nodes, merged by peer
 * (highest seq wins) with what this node stores itself.
 */
final class ContentRouting {
  /** Providers read from one GET_PROVIDERS answer at most (Codex sends up to 200). */
  static final int MAX_PROVIDERS_PER_ANSWER = 200;

  private final NodeCore node;
  private final Map<NodeId, NodeScheduler.Cancellable> announced = new HashMap<>();
  private final Timer announceTimer;
  private final Timer findTimer;

  ContentRouting(NodeCore node) {
    this.node = node;
    this.announceTimer =
        Timer.builder("discv5.providers.announce.duration")
            .tags(node.metrics.nodeTags())
            .register(node.metrics.registry());
    this.findTimer =
        Timer.builder("discv5.providers.find.duration")
            .tags(node.metrics.nodeTags())
            .publishPercentiles(0.5, 0.95)
            .register(node.metrics.registry());
  }

  /** Announces this node as a provider of content {@code key}, now and every republish interval. */
  CompletableFuture<AnnounceResult> addProvider(NodeId key) {
    return addProvider(key, false);
  }

  // Implementation notes: content is announced with the plain PeerRecord form of our record, to
  // every peer: a Codex node asking any of the closest nodes for providers can read it, whoever
  // stored it. A service key is announced with the full record (its services are the point) to
  // peers known to read Logos records, and with the plain form to the others.
  /**
   * Announces this node as a provider of {@code key} now and every republish interval; {@code
   * service} keys carry the full record to peers that read it.
   */
  CompletableFuture<AnnounceResult> addProvider(NodeId key, boolean service) {
    NodeScheduler.Cancellable previous = announced.remove(key);
    if (previous != null) {
      previous.cancel();
    }
    CompletableFuture<AnnounceResult> first = announce(key, service);
    scheduleRepublish(key, service);
    return first;
  }

  /** Stops re-announcing {@code key} and drops this node's own entry for it. */
  boolean removeProvider(NodeId key) {
    NodeScheduler.Cancellable timer = announced.remove(key);
    if (timer != null) {
      timer.cancel();
    }
    node.providerStore.remove(key, node.local.current().peerId());
    return timer != null;
  }

  /** The keys being announced. */
  int announcedCount() {
    return announced.size();
  }

  void stop() {
    announced.values().forEach(NodeScheduler.Cancellable::cancel);
    announced.clear();
  }

  private void scheduleRepublish(NodeId key, boolean service) {
    long period = node.config.providerRepublish().toMillis();
    announced.put(
        key,
        node.scheduler.schedule(
            () -> {
              if (announced.containsKey(key) && node.running) {
                announce(key, service);
                scheduleRepublish(key, service);
              }
            },
            period));
  }

  private CompletableFuture<AnnounceResult> announce(NodeId key, boolean service) {
    long start = node.scheduler.nanoTime();
    return node.lookups
        .lookup(key, false)
        .thenApply(
            outcome -> {
              SignedPeerRecord own = service ? node.local.current() : node.local.plain();
              Bytes full = Bytes.wrap(own.encoded());
              Bytes plain = Bytes.wrap(node.local.plain().encoded());
              for (Peer p : outcome.closest()) {
                boolean logos = node.formats.readsLogos(p.nodeId()) || !node.legacyFiltering;
                if (!logos && own != node.local.plain()) {
                  node.metrics.event(
                      "discv5.records.plain_presented", "reason", "peer_not_known_to_read_logos");
                }
                node.send(
                    p.contact(),
                    new Message.AddProvider(randomRequestId(), key, logos ? full : plain));
              }
              boolean local = amongClosest(key, outcome.closest());
              if (local) {
                node.providerStore.add(key, own, node.localId, node.scheduler.nowMillis());
              }
              announceTimer.record(java.time.Duration.ofNanos(node.scheduler.nanoTime() - start));
              return new AnnounceResult(key, outcome.closest().size(), local);
            });
  }

  /**
   * Whether this node is closer to {@code key} than the farthest of {@code closest}, or they are
   * few.
   */
  private boolean amongClosest(NodeId key, List<Peer> closest) {
    int k = node.config.lookup().resultSize();
    if (closest.size() < k) {
      return true;
    }
    NodeId farthest = closest.get(closest.size() - 1).nodeId();
    return key.compareDistance(node.localId, farthest) < 0;
  }

  private Bytes randomRequestId() {
    return Bytes.ofUnsignedLong(node.config.random().nextLong());
  }

  /**
   * Up to {@code max} providers of {@code key}: those stored here, then those the closest nodes
   * return, merged by peer; completes as soon as {@code max} are known or every answer is in.
   */
  CompletableFuture<List<SignedPeerRecord>> getProviders(NodeId key, int max) {
    long start = node.scheduler.nanoTime();
    Merge merge = new Merge(max);
    merge.addAll(node.providerStore.get(key, max, node.scheduler.nowMillis()));
    if (merge.full()) {
      return CompletableFuture.completedFuture(merge.result());
    }
    CompletableFuture<List<SignedPeerRecord>> done = new CompletableFuture<>();
    node.lookups
        .lookup(key, false)
        .thenAccept(
            outcome -> {
              List<Peer> targets = outcome.closest();
              int[] waiting = {targets.size()};
              if (targets.isEmpty()) {
                finish(done, merge, start);
              }
              for (Peer p : targets) {
                node.request(
                        p,
                        rid -> new Message.GetProviders(rid, key),
                        MAX_PROVIDERS_PER_ANSWER,
                        Failure.NO_REPLY,
                        late -> {
                          if (!done.isDone()) {
                            merge.addRaw(((Message.Providers) late).records(), node);
                            if (merge.full()) {
                              finish(done, merge, start);
                            }
                          }
                        })
                    .whenComplete(
                        (m, error) -> {
                          if (error == null) {
                            merge.addRaw(((Message.Providers) m).records(), node);
                          }
                          if (--waiting[0] == 0 || merge.full()) {
                            finish(done, merge, start);
                          }
                        });
              }
            });
    return done;
  }

  private void finish(
      CompletableFuture<List<SignedPeerRecord>> done, Merge merge, long startNanos) {
    if (done.complete(merge.result())) {
      findTimer.record(java.time.Duration.ofNanos(node.scheduler.nanoTime() - startNanos));
    }
  }

  /** Providers merged by peer id, the highest seq kept, in first-seen order. */
  private static final class Merge {
    private final int max;
    private final LinkedHashMap<PeerId, SignedPeerRecord> byPeer = new LinkedHashMap<>();

    Merge(int max) {
      this.max = max;
    }

    void addAll(List<SignedPeerRecord> records) {
      records.forEach(this::add);
    }

    void add(SignedPeerRecord r) {
      SignedPeerRecord held = byPeer.get(r.peerId());
      if (held == null) {
        if (byPeer.size() < max) {
          byPeer.put(r.peerId(), r);
        }
      } else if (r.isNewerThan(held)) {
        byPeer.put(r.peerId(), r);
      }
    }

    void addRaw(List<Bytes> raw, NodeCore node) {
      for (Bytes b : raw) {
        try {
          add(SignedPeerRecord.decode(b.toArrayUnsafe()));
        } catch (DecodeException e) {
          node.metrics.recordRejected("provider:" + e.reason().name());
        }
      }
    }

    boolean full() {
      return byPeer.size() >= max;
    }

    List<SignedPeerRecord> result() {
      return new ArrayList<>(byPeer.values());
    }
  }
}
