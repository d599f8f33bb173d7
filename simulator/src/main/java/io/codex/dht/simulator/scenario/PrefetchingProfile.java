package io.codex.dht.simulator.scenario;

import io.codex.dht.session.CodexProfile;
import io.codex.dht.session.ForwardingWireProfile;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.PublicKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.FutureTask;

/**
 * The Codex profile of one node of an in-memory simulation, which hands secp256k1 work that can be
 * known in advance to the {@link CryptoPrefetch} workers, so it runs on the machine's other cores
 * while the event loop carries on.
 *
 * <p>Three kinds of work qualify. When the node sends the random packet that starts a handshake,
 * its ephemeral key for that handshake is made, and the ECDH with the peer's key computed, while
 * the WHOAREYOU is on its way. When the node signs the id proof, everything its peer will compute
 * from the handshake packet is known: the id-signature check and the peer's ECDH with the new
 * ephemeral key, both pure functions of their inputs, which run while the packet is in flight and
 * which the recipient takes only if every input matches. The ephemeral keys come from a key stream
 * of the node's own (its seed given at creation, one draw per handshake started, on the node's
 * thread), so a run is still a function of its seed; nothing else changes, and each node computes
 * or receives exactly the values it would have computed itself.
 */
final class PrefetchingProfile extends ForwardingWireProfile<SignedPeerRecord> {
  /** Handshakes started and not yet answered whose keys are kept ready; the oldest go first. */
  static final int MAX_PREPARED = 16;

  /** An ephemeral key made for a handshake with {@code remote}, and their ECDH secret. */
  private record Prepared(PrivateKey key, PublicKey remote, byte[] secret) {}

  private final CryptoPrefetch prefetch;
  private final Random stream;
  private final Map<PublicKey, FutureTask<Prepared>> prepared =
      new LinkedHashMap<>(MAX_PREPARED * 2) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PublicKey, FutureTask<Prepared>> eldest) {
          return size() > MAX_PREPARED;
        }
      };
  private Prepared current;

  /** The profile of the node whose key is registered with {@code prefetch}. */
  PrefetchingProfile(CryptoPrefetch prefetch, long ephemeralSeed) {
    super(CodexProfile.INSTANCE);
    this.prefetch = prefetch;
    this.stream = new Random(ephemeralSeed);
  }

  // Implementation notes: the node calls these on its own thread, one call at a time, and only the
  // draws of a seed from the stream depend on the order of calls; a task makes its key from its
  // own seed, so it runs once wherever it runs (a worker, or here if none got to it).
  @Override
  public void startingHandshake(PublicKey remote) {
    if (!prepared.containsKey(remote)) {
      FutureTask<Prepared> task = prepare(remote, stream.nextLong());
      prepared.put(remote, task);
      prefetch.start(task);
    }
  }

  @Override
  public PrivateKey newEphemeralKey(PublicKey remote, Random random) {
    FutureTask<Prepared> task = prepared.remove(remote);
    if (task == null) {
      task = prepare(remote, stream.nextLong()); // no random packet went first: made here
    }
    current = prefetch.await(task);
    return current.key();
  }

  private FutureTask<Prepared> prepare(PublicKey remote, long seed) {
    return new FutureTask<>(
        () -> {
          PrivateKey key = PrivateKey.generate(new Random(seed));
          return new Prepared(key, remote, delegate().ecdh(key, remote));
        });
  }

  @Override
  public byte[] signIdNonce(
      PrivateKey key, byte[] challengeData, byte[] ephemeralKey, NodeId recipient) {
    byte[] signature = super.signIdNonce(key, challengeData, ephemeralKey, recipient);
    PublicKey signer = key.publicKey();
    prefetch.submitVerify(
        new CryptoPrefetch.IdProof(signer, signature, challengeData, ephemeralKey, recipient),
        () -> delegate().verifyIdNonce(signer, signature, challengeData, ephemeralKey, recipient));
    PrivateKey recipientKey = prefetch.keyOf(recipient);
    if (recipientKey != null) {
      // The point is the one this node just made (no decompression), unless the ephemeral key did
      // not come from newEphemeralKey.
      Prepared ready = current;
      PublicKey point =
          ready != null && Arrays.equals(encodeEphemeralKey(ready.key().publicKey()), ephemeralKey)
              ? ready.key().publicKey()
              : null;
      prefetch.submitEcdh(
          recipientKey.publicKey(),
          ephemeralKey,
          () ->
              delegate()
                  .ecdh(
                      recipientKey,
                      point != null ? point : delegate().decodeEphemeralKey(ephemeralKey)));
    }
    return signature;
  }

  @Override
  public void verifyIdNonce(
      PublicKey key, byte[] signature, byte[] challengeData, byte[] ephemeralKey, NodeId recipient)
      throws DecodeException {
    CryptoPrefetch.IdProof proof =
        new CryptoPrefetch.IdProof(key, signature, challengeData, ephemeralKey, recipient);
    DecodeException failure =
        prefetch.takeVerify(
            proof,
            () -> delegate().verifyIdNonce(key, signature, challengeData, ephemeralKey, recipient));
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public byte[] ecdh(PrivateKey local, PublicKey remote) {
    Prepared ready = current;
    if (ready != null && ready.key() == local && ready.remote().equals(remote)) {
      current = null;
      return ready.secret().clone();
    }
    // A prefetched secret is removed from the memo when taken: it is this caller's alone.
    return prefetch.takeEcdh(
        local.publicKey(), encodeEphemeralKey(remote), () -> delegate().ecdh(local, remote));
  }
}
