package io.codex.dht.simulator.attack;

import io.codex.dht.session.Message;
import io.codex.dht.simulator.VirtualScheduler;
import io.codex.dht.simulator.net.SimNetwork;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The provider-spam attacker of security test G2: sybil node ids spread evenly over a few /24s (one
 * IP each) that flood one victim with ADD_PROVIDER for random keys, each naming itself as the
 * provider (so the record belongs to the sender and passes that check).
 */
public final class SpamFarm {
  private static final long TICK_MILLIS = 1;

  private final List<Sybil> senders = new ArrayList<>();
  private final VirtualScheduler scheduler;
  private final Random random;
  private long sent;

  /**
   * {@code count} senders over {@code subnets} fresh /24s; keys and choices follow {@code seed}.
   */
  public SpamFarm(SimNetwork network, int count, int subnets, long seed) {
    this.scheduler = network.loop().newScheduler();
    this.random = new Random(seed);
    List<InetSocketAddress> addresses = new ArrayList<>(count);
    for (int s = 0; s < subnets; s++) {
      int here = count / subnets + (s < count % subnets ? 1 : 0);
      if (here > 0) {
        addresses.addAll(network.addresses().nextInOneSubnet(here));
      }
    }
    Sybil.Responder silent = (self, from, request) -> List.of();
    for (InetSocketAddress a : addresses) {
      senders.add(
          new Sybil(PrivateKey.generate(random), a, network, scheduler, random.nextLong(), silent));
    }
  }

  /** Every sender pings the victim once, spread over {@code overMillis}: the sessions exist. */
  public void handshake(SignedPeerRecord victim, long overMillis) {
    for (int i = 0; i < senders.size(); i++) {
      Sybil s = senders.get(i);
      scheduler.schedule(
          () -> s.send(victim, new Message.Ping(s.requestId(random), 1)),
          overMillis * i / senders.size());
    }
  }

  /**
   * Sends {@code messages} ADD_PROVIDER to the victim at {@code perSecond}, the senders taking
   * turns, each for a key from {@code keys}; returns the flood's length in milliseconds.
   */
  public long flood(
      SignedPeerRecord victim, int messages, double perSecond, Supplier<NodeId> keys) {
    long millis = (long) Math.ceil(messages / perSecond * 1000);
    scheduler.execute(() -> tick(victim, messages, perSecond, keys, 0));
    return millis;
  }

  private void tick(
      SignedPeerRecord victim, int messages, double perSecond, Supplier<NodeId> keys, long t) {
    long due = Math.min(messages, (long) Math.floor((t + TICK_MILLIS) * perSecond / 1000));
    while (sent < due) {
      Sybil s = senders.get((int) (sent % senders.size()));
      s.send(victim, new Message.AddProvider(s.requestId(random), keys.get(), s.encodedRecord()));
      sent++;
    }
    if (sent < messages) {
      scheduler.schedule(
          () -> tick(victim, messages, perSecond, keys, t + TICK_MILLIS), TICK_MILLIS);
    }
  }

  /** ADD_PROVIDER messages sent so far. */
  public long sent() {
    return sent;
  }

  /** Unbinds every sender. */
  public void stop() {
    scheduler.halt();
    senders.forEach(Sybil::stop);
  }
}
