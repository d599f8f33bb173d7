package io.codex.dht.simulator.scenario;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.PublicKey;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Pure secp256k1 computations started ahead of need on worker threads, and taken by whoever needs
 * them: the result if a worker finished it, a wait if one is on it, or the computation in place if
 * none started it. Whichever way, the caller gets exactly the value of the computation.
 *
 * <p>Bounds: at most {@code capacity} results waiting per kind in each of two generations (a result
 * nobody takes, because its packet was lost, is dropped with its generation), and at most {@link
 * #QUEUE} computations queued for the workers (beyond that they are left to the caller).
 */
final class CryptoPrefetch implements AutoCloseable {
  static final int QUEUE = 16_384;

  /** Results waiting per kind and generation. */
  static final int CAPACITY = 1 << 16;

  /** A check that fails with a decode exception. */
  @FunctionalInterface
  interface Check {
    void run() throws DecodeException;
  }

  /** A secret that may fail to decode its input. */
  @FunctionalInterface
  interface Secret {
    byte[] compute() throws DecodeException;
  }

  /** The inputs of one id-signature check, compared by content. */
  static final class IdProof {
    private final PublicKey key;
    private final byte[] signature;
    private final byte[] challengeData;
    private final byte[] ephemeralKey;
    private final NodeId recipient;
    private final int hash;

    IdProof(
        PublicKey key,
        byte[] signature,
        byte[] challengeData,
        byte[] ephemeralKey,
        NodeId recipient) {
      this.key = key;
      this.signature = signature.clone();
      this.challengeData = challengeData.clone();
      this.ephemeralKey = ephemeralKey.clone();
      this.recipient = recipient;
      this.hash = Arrays.hashCode(this.signature) * 31 + Arrays.hashCode(this.ephemeralKey);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof IdProof p
          && hash == p.hash
          && Arrays.equals(signature, p.signature)
          && Arrays.equals(ephemeralKey, p.ephemeralKey)
          && Arrays.equals(challengeData, p.challengeData)
          && key.equals(p.key)
          && recipient.equals(p.recipient);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** The inputs of one ECDH: our public key (standing for the private one) and the peer's point. */
  private record EcdhInputs(PublicKey local, Bytes remote) {}

  /** A byte array compared by content. */
  private record Bytes(byte[] value) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }
  }

  private final ThreadPoolExecutor workers;
  private final Map<NodeId, PrivateKey> keys = new ConcurrentHashMap<>();
  private final Memo<IdProof, Optional<DecodeException>> checks;
  private final Memo<EcdhInputs, byte[]> secrets;
  private final LongAdder taken = new LongAdder();
  private final LongAdder inPlace = new LongAdder();

  /** Prefetching on {@code threads} workers (none: everything is computed in place). */
  CryptoPrefetch(int threads, int capacity) {
    this.workers = threads <= 0 ? null : newPool(threads);
    this.checks = new Memo<>(capacity);
    this.secrets = new Memo<>(capacity);
  }

  /** Lets the workers compute ECDH on behalf of the node with {@code key}. */
  void register(NodeId node, PrivateKey key) {
    keys.put(node, key);
  }

  /** The key of a registered node, or null. */
  PrivateKey keyOf(NodeId node) {
    return keys.get(node);
  }

  /** Queues {@code task} for a worker (a full queue leaves it to {@link #await}). */
  void start(FutureTask<?> task) {
    if (workers != null) {
      workers.execute(task);
    }
  }

  /** The value of {@code task}: run here unless a worker started it, then waited for. */
  <V> V await(FutureTask<V> task) {
    task.run();
    try {
      return task.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a prefetched computation failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a prefetched value", e);
    }
  }

  void submitVerify(IdProof proof, Check check) {
    submit(checks, proof, () -> Optional.ofNullable(failureOf(check)));
  }

  void submitEcdh(PublicKey local, byte[] remote, Secret secret) {
    submit(secrets, new EcdhInputs(local, new Bytes(remote.clone())), secret::compute);
  }

  /** The failure of the check on {@code proof}, or null when it passed. */
  DecodeException takeVerify(IdProof proof, Check check) {
    Optional<DecodeException> prefetched = take(checks, proof);
    return prefetched != null ? prefetched.orElse(null) : failureOf(check);
  }

  /** The ECDH secret of {@code local} and the encoded point {@code remote}. */
  byte[] takeEcdh(PublicKey local, byte[] remote, Supplier<byte[]> compute) {
    byte[] prefetched = take(secrets, new EcdhInputs(local, new Bytes(remote)));
    return prefetched != null ? prefetched : compute.get();
  }

  /** Computations whose result was taken from a worker. */
  long taken() {
    return taken.sum();
  }

  /** Computations done in place by the caller. */
  long computedInPlace() {
    return inPlace.sum();
  }

  @Override
  public void close() {
    if (workers != null) {
      workers.shutdownNow();
    }
  }

  private <K, V> void submit(Memo<K, V> memo, K key, Callable<V> computation) {
    if (workers == null) {
      return;
    }
    FutureTask<V> task = new FutureTask<>(computation);
    if (memo.put(key, task)) {
      workers.execute(task); // a full queue discards it: the caller then runs it in place
    }
  }

  /** The prefetched value, or null when the caller must compute it. */
  private <K, V> V take(Memo<K, V> memo, K key) {
    FutureTask<V> task = memo.remove(key);
    if (task == null) {
      inPlace.increment();
      return null;
    }
    task.run(); // runs it here unless a worker started it, then waits for its result
    try {
      V value = task.get();
      taken.increment();
      return value;
    } catch (ExecutionException e) {
      inPlace.increment();
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      inPlace.increment();
      return null;
    }
  }

  private static DecodeException failureOf(Check check) {
    try {
      check.run();
      return null;
    } catch (DecodeException e) {
      return e;
    }
  }

  private static ThreadPoolExecutor newPool(int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "sim-crypto-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    return new ThreadPoolExecutor(
        threads,
        threads,
        0,
        TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUEUE),
        factory,
        new ThreadPoolExecutor.DiscardPolicy());
  }

  /** Waiting results in two generations of at most {@code capacity} each. */
  private static final class Memo<K, V> {
    private final int capacity;
    private volatile Map<K, FutureTask<V>> current = new ConcurrentHashMap<>();
    private volatile Map<K, FutureTask<V>> previous = new ConcurrentHashMap<>();

    Memo(int capacity) {
      this.capacity = capacity;
    }

    synchronized boolean put(K key, FutureTask<V> task) {
      if (current.size() >= capacity) {
        previous = current;
        current = new ConcurrentHashMap<>();
      }
      return current.putIfAbsent(Objects.requireNonNull(key), task) == null;
    }

    FutureTask<V> remove(K key) {
      FutureTask<V> task = current.remove(key);
      return task != null ? task : previous.remove(key);
    }
  }
}
