package io.codex.dht.simulator.scenario;

import io.codex.dht.session.CodexProfile;
import io.codex.dht.session.ForwardingWireProfile;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.PublicKey;
import io.codex.dht.spr.SignedPeerRecord;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.FutureTask;

/**
 * The Codex profile of one node of an in-memory simulation, which hands secp256k1 work that can be
 * known in advance to the {@link CryptoPrefetch} workers, so it runs on the machine's other cores
 * while the event loop carries on.
 *
 * <p>Two kinds of work qualify. When a node signs a handshake's id proof, everything its peer will
 * compute from the packet is known: the id-signature check and the peer's ECDH with the new
 * ephemeral key, both pure functions of their inputs; they run while the packet is in flight and
 * the recipient takes the results, used only if every input matches. And the node's next ephemeral
 * key is made ahead, from a key stream of its own (seeded once from the session's random source),
 * so a run is still a function of its seed. Nothing else changes: each node computes or receives
 * exactly the values it would have computed itself.
 */
final class PrefetchingProfile extends ForwardingWireProfile<SignedPeerRecord> {
  private final CryptoPrefetch prefetch;
  private Random ephemeralStream;
  private FutureTask<PrivateKey> nextEphemeral;

  /** The profile of the node whose key is registered with {@code prefetch}. */
  PrefetchingProfile(CryptoPrefetch prefetch) {
    super(CodexProfile.INSTANCE);
    this.prefetch = prefetch;
  }

  // Implementation notes: the node calls this on its own thread, one call at a time. Key i + 1 is
  // made by a task created after key i was taken, so the stream is never used by two threads at
  // once; the task runs once, on a worker or (if none got to it) here.
  @Override
  public PrivateKey newEphemeralKey(Random random) {
    if (ephemeralStream == null) {
      Random stream = new Random(random.nextLong());
      ephemeralStream = stream;
      nextEphemeral = new FutureTask<>(() -> PrivateKey.generate(stream));
    }
    PrivateKey key = prefetch.await(nextEphemeral);
    Random stream = ephemeralStream;
    nextEphemeral = new FutureTask<>(() -> PrivateKey.generate(stream));
    prefetch.start(nextEphemeral);
    return key;
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
      prefetch.submitEcdh(
          recipientKey.publicKey(),
          ephemeralKey,
          () -> delegate().ecdh(recipientKey, delegate().decodeEphemeralKey(ephemeralKey)));
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
    byte[] secret =
        prefetch.takeEcdh(
            local.publicKey(), encodeEphemeralKey(remote), () -> delegate().ecdh(local, remote));
    return Arrays.copyOf(secret, secret.length);
  }
}
