package io.codex.dht.session;

import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Builds a {@link SessionLayer}: {@link #output} and {@link #listener} are required; the rest
 * defaults to {@link SessionConfig#defaults()}, {@link System#nanoTime()}, a {@link SecureRandom}
 * and {@link NodeDirectory#EMPTY}.
 *
 * @param <R> the wire profile's record type
 */
public final class SessionLayerBuilder<R> {
  final WireProfile<R> profile;
  final PrivateKey localKey;
  final Supplier<R> localRecord;
  SessionConfig config = SessionConfig.defaults();
  LongSupplier clock = System::nanoTime;
  Random random;
  BiConsumer<InetSocketAddress, byte[]> output;
  SessionListener<R> listener;
  NodeDirectory directory = NodeDirectory.EMPTY;
  Function<NodeId, R> recordFor;
  IntSupplier features = () -> 0;

  SessionLayerBuilder(WireProfile<R> profile, PrivateKey localKey, Supplier<R> localRecord) {
    this.profile = Objects.requireNonNull(profile, "profile");
    this.localKey = Objects.requireNonNull(localKey, "localKey");
    this.localRecord = Objects.requireNonNull(localRecord, "localRecord");
  }

  /** The limits and timeouts. */
  public SessionLayerBuilder<R> config(SessionConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    return this;
  }

  /** The monotonic clock, in nanoseconds. */
  public SessionLayerBuilder<R> clock(LongSupplier nanoClock) {
    this.clock = Objects.requireNonNull(nanoClock, "nanoClock");
    return this;
  }

  /** The source of IVs, nonces, id-nonces, random packets and ephemeral keys. */
  public SessionLayerBuilder<R> random(Random random) {
    this.random = Objects.requireNonNull(random, "random");
    return this;
  }

  /** Where datagrams go: {@code (destination, packet)}. */
  public SessionLayerBuilder<R> output(BiConsumer<InetSocketAddress, byte[]> output) {
    this.output = Objects.requireNonNull(output, "output");
    return this;
  }

  /** Who hears about messages, handshakes, drops and failed sends. */
  public SessionLayerBuilder<R> listener(SessionListener<R> listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** What the node knows about other nodes. */
  public SessionLayerBuilder<R> directory(NodeDirectory directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
    return this;
  }

  /**
   * The record a handshake to a node carries, chosen per node (by default the current record for
   * every node): a node may present another signed form of its record to peers that cannot read the
   * full one. Both forms must have the same seq.
   */
  public SessionLayerBuilder<R> recordFor(Function<NodeId, R> recordFor) {
    this.recordFor = Objects.requireNonNull(recordFor, "recordFor");
    return this;
  }

  /** The {@link Features} bits every message sent carries (by default none). */
  public SessionLayerBuilder<R> features(IntSupplier features) {
    this.features = Objects.requireNonNull(features, "features");
    return this;
  }

  /** The layer. */
  public SessionLayer<R> build() {
    if (random == null) {
      random = new SecureRandom();
    }
    return new SessionLayer<>(this);
  }
}
