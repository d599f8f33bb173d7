package io.codex.dht.simulator.attack;

import io.codex.dht.session.Message;
import io.codex.dht.simulator.EventLoop;
import io.codex.dht.simulator.VirtualScheduler;
import io.codex.dht.simulator.net.SimNetwork;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes;

/**
 * The eclipse attacker of security test E4: {@code S} /24 subnets of 50 IPs each, hosting a large
 * pool of sybil identities, that tries to take over one victim's routing table and lookups.
 *
 * <p>The attacker is as strong as the simulation allows. Its ids are "ground": out of the pool it
 * uses the ids closest to the victim to ping the victim again and again (inbound table entries),
 * and it answers every FINDNODE with the sybils of its pool closest to the target of the lookup, at
 * the distances asked (so the answers pass the distance checks). It knows the victim's lookup
 * targets ({@link #focus}): a real attacker cannot read a FINDNODE's target, so this is an upper
 * bound. For a query whose target it does not know it answers with the sybils closest to the
 * victim. It answers PING always, so its entries pass liveness checks, and never names an honest
 * node.
 */
public final class EclipseFarm {
  /** IPs per attacker subnet (security.md E4). */
  public static final int IPS_PER_SUBNET = 50;

  /** Sybils pinging the victim per log distance from it. */
  static final int FRONT_PER_DISTANCE = 16;

  private static final int RECORDS_PER_MESSAGE = 3;
  private static final int MAX_NODES = 16;
  private static final int MAX_NODES_FAST = 6;

  private final List<Sybil> pool = new ArrayList<>();
  private final Set<NodeId> ids = new HashSet<>();
  private final Set<NodeId> focus = new LinkedHashSet<>();
  private final NodeId victim;
  private final VirtualScheduler scheduler;
  private final Random random;
  private long pings;
  private long answers;

  /**
   * A farm of {@code poolSize} sybils on {@code subnets} fresh /24s of {@link #IPS_PER_SUBNET} IPs,
   * aimed at the node {@code victim}; keys and choices are a function of {@code seed}.
   */
  public EclipseFarm(SimNetwork network, int subnets, int poolSize, NodeId victim, long seed) {
    EventLoop loop = network.loop();
    this.scheduler = loop.newScheduler();
    this.victim = victim;
    this.random = new Random(seed);
    List<InetSocketAddress> ips = new ArrayList<>();
    for (int s = 0; s < subnets; s++) {
      ips.addAll(network.addresses().nextInOneSubnet(IPS_PER_SUBNET));
    }
    Sybil.Responder responder = this::answer;
    for (int i = 0; i < poolSize; i++) {
      InetSocketAddress ip = ips.get(i % ips.size());
      InetSocketAddress at = new InetSocketAddress(ip.getAddress(), 10_000 + i / ips.size());
      Sybil s =
          new Sybil(
              PrivateKey.generate(random), at, network, scheduler, random.nextLong(), responder);
      pool.add(s);
      ids.add(s.id());
    }
  }

  /** Whether {@code id} is one of the attacker's identities. */
  public boolean contains(NodeId id) {
    return ids.contains(id);
  }

  /** The attacker's identities. */
  public int size() {
    return pool.size();
  }

  /** Tells the attacker that the victim is looking up {@code target} (an upper-bound attacker). */
  public void focus(NodeId target) {
    focus.add(target);
  }

  /** The lookup of {@code target} is over. */
  public void unfocus(NodeId target) {
    focus.remove(target);
  }

  /**
   * Starts pinging the victim: for every log distance from it, up to {@link #FRONT_PER_DISTANCE} of
   * the pool's ids at that distance ping it now and then every {@code everyMillis}.
   */
  public void besiege(SignedPeerRecord target, long everyMillis) {
    List<Sybil> sorted = new ArrayList<>(pool);
    sorted.sort(Comparator.comparing(Sybil::id, victim::compareDistance));
    int[] perDistance = new int[NodeId.BITS + 1];
    for (Sybil s : sorted) {
      int d = s.id().logDistance(victim);
      if (perDistance[d]++ < FRONT_PER_DISTANCE) {
        long offset = (long) (random.nextDouble() * everyMillis);
        scheduler.schedule(() -> ping(s, target, everyMillis), offset);
      }
    }
  }

  /** PINGs sent to the victim so far. */
  public long pingsSent() {
    return pings;
  }

  /** FINDNODE and FINDNODE_FAST requests answered so far. */
  public long findNodesAnswered() {
    return answers;
  }

  /** Sybils whose session layer was ever used. */
  public long activeSybils() {
    return pool.stream().filter(Sybil::isActive).count();
  }

  /** Unbinds every identity and stops pinging. */
  public void stop() {
    scheduler.halt();
    pool.forEach(Sybil::stop);
  }

  private void ping(Sybil s, SignedPeerRecord target, long everyMillis) {
    pings++;
    s.send(target, new Message.Ping(s.requestId(random), 1));
    scheduler.schedule(() -> ping(s, target, everyMillis), everyMillis);
  }

  private List<Message> answer(Sybil self, NodeId from, Message request) {
    if (request instanceof Message.FindNode f) {
      answers++;
      if (f.distances().contains(0)) {
        return List.of(new Message.Nodes(f.requestId(), 1, List.of(self.encodedRecord())));
      }
      if (f.distances().isEmpty()) {
        return List.of(new Message.Nodes(f.requestId(), 1, List.of()));
      }
      NodeId target = targetFor(self.id(), f.distances().get(0));
      return nodes(f.requestId(), closest(target, self.id(), f.distances(), MAX_NODES));
    }
    if (request instanceof Message.FindNodeFast f) {
      answers++;
      return nodes(f.requestId(), closest(f.target(), self.id(), null, MAX_NODES_FAST));
    }
    if (request instanceof Message.TalkReq t) {
      return List.of(new Message.TalkResp(t.requestId(), Bytes.EMPTY));
    }
    return List.of();
  }

  /** The known target at log distance {@code td} from the responder, else the victim. */
  private NodeId targetFor(NodeId responder, int td) {
    for (NodeId t : focus) {
      if (t.logDistance(responder) == td) {
        return t;
      }
    }
    return victim;
  }

  /**
   * Up to {@code max} sybils closest to {@code target}, at {@code distances} from the responder.
   */
  private List<Sybil> closest(NodeId target, NodeId responder, List<Integer> distances, int max) {
    List<Sybil> best = new ArrayList<>(max + 1);
    for (Sybil s : pool) {
      if (s.id().equals(responder)
          || (distances != null && !distances.contains(s.id().logDistance(responder)))) {
        continue;
      }
      int pos = best.size();
      while (pos > 0 && target.compareDistance(s.id(), best.get(pos - 1).id()) < 0) {
        pos--;
      }
      if (pos < max) {
        best.add(pos, s);
        if (best.size() > max) {
          best.remove(max);
        }
      }
    }
    return best;
  }

  private static List<Message> nodes(Bytes rid, List<Sybil> sybils) {
    int total = Math.max(1, (sybils.size() + RECORDS_PER_MESSAGE - 1) / RECORDS_PER_MESSAGE);
    List<Message> out = new ArrayList<>(total);
    for (int i = 0; i < total; i++) {
      List<Bytes> records = new ArrayList<>(RECORDS_PER_MESSAGE);
      for (int j = i * RECORDS_PER_MESSAGE;
          j < Math.min(sybils.size(), (i + 1) * RECORDS_PER_MESSAGE);
          j++) {
        records.add(sybils.get(j).encodedRecord());
      }
      out.add(new Message.Nodes(rid, total, records));
    }
    return out;
  }
}
