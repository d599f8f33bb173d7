package io.codex.dht.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.PublicKey;
import java.util.Random;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Results computed ahead are taken only for exactly the same inputs, and are the values the caller
 * would have computed; anything else, or no worker, means computing in place. Bounded by capacity.
 */
class CryptoPrefetchTest {
  private final Random random = new Random(5);
  private final PublicKey key = PrivateKey.generate(random).publicKey();
  private final PublicKey other = PrivateKey.generate(random).publicKey();
  private final NodeId recipient = NodeId.random(random);
  private CryptoPrefetch prefetch;

  @AfterEach
  void close() {
    if (prefetch != null) {
      prefetch.close();
    }
  }

  private CryptoPrefetch.IdProof proof(int challenge) {
    return new CryptoPrefetch.IdProof(
        key, new byte[] {1, 2, 3}, new byte[] {(byte) challenge}, new byte[] {9}, recipient);
  }

  private static CryptoPrefetch.Check mustNotRun() {
    return () -> fail("computed in place although a result was waiting");
  }

  @Test
  void aPrefetchedVerdictIsTakenAsTheCheckGaveIt() {
    prefetch = new CryptoPrefetch(1, 16);
    DecodeException bad = new DecodeException(Reason.SIGNATURE_INVALID, "no");
    prefetch.submitVerify(
        proof(1),
        () -> {
          throw bad;
        });
    prefetch.submitVerify(proof(2), () -> {});

    assertSame(bad, prefetch.takeVerify(proof(1), mustNotRun()));
    assertNull(prefetch.takeVerify(proof(2), mustNotRun()));
    assertEquals(2, prefetch.taken());
    assertEquals(0, prefetch.computedInPlace());
  }

  @Test
  void inputsThatDifferInOneByteAreComputedInPlace() {
    prefetch = new CryptoPrefetch(1, 16);
    prefetch.submitVerify(proof(1), () -> {});
    AtomicInteger inPlace = new AtomicInteger();
    DecodeException bad = new DecodeException(Reason.SIGNATURE_INVALID, "other challenge");

    DecodeException got =
        prefetch.takeVerify(
            proof(2),
            () -> {
              inPlace.incrementAndGet();
              throw bad;
            });

    assertSame(bad, got);
    assertEquals(1, inPlace.get());
    assertEquals(1, prefetch.computedInPlace());
  }

  @Test
  void anEcdhSecretBelongsToOneLocalKeyAndOnePoint() {
    prefetch = new CryptoPrefetch(1, 16);
    byte[] secret = {7, 7, 7};
    prefetch.submitEcdh(key, new byte[] {4, 5}, () -> secret.clone());

    byte[] forOtherKey = prefetch.takeEcdh(other, new byte[] {4, 5}, () -> new byte[] {1});
    byte[] forOtherPoint = prefetch.takeEcdh(key, new byte[] {4, 6}, () -> new byte[] {2});
    byte[] prefetched = prefetch.takeEcdh(key, new byte[] {4, 5}, () -> new byte[] {3});

    assertArrayEquals(new byte[] {1}, forOtherKey);
    assertArrayEquals(new byte[] {2}, forOtherPoint);
    assertArrayEquals(secret, prefetched);
    assertEquals(2, prefetch.computedInPlace());
  }

  @Test
  void withoutWorkersNothingIsKeptAndEverythingIsComputedInPlace() {
    prefetch = new CryptoPrefetch(0, 16);
    prefetch.submitVerify(proof(1), mustNotRunAhead());
    AtomicInteger inPlace = new AtomicInteger();
    assertNull(prefetch.takeVerify(proof(1), inPlace::incrementAndGet));
    assertEquals(1, inPlace.get());
    assertEquals(0, prefetch.taken());
  }

  private static CryptoPrefetch.Check mustNotRunAhead() {
    return () -> fail("no worker, so nothing runs ahead");
  }

  @Test
  void resultsNobodyTakesAreDroppedTwoGenerationsLater() {
    prefetch = new CryptoPrefetch(1, 2);
    for (int i = 0; i < 5; i++) {
      prefetch.submitVerify(proof(i), () -> {});
    }
    // Generations of 2: {0, 1} was dropped when {4} started a new one after {2, 3}.
    AtomicInteger inPlace = new AtomicInteger();
    prefetch.takeVerify(proof(0), inPlace::incrementAndGet);
    prefetch.takeVerify(proof(1), inPlace::incrementAndGet);
    assertEquals(2, inPlace.get());
    for (int i = 2; i < 5; i++) {
      assertNull(prefetch.takeVerify(proof(i), mustNotRun()));
    }
    assertEquals(3, prefetch.taken());
  }

  @Test
  void aTaskRunsOnceWhoeverGetsToItFirst() {
    prefetch = new CryptoPrefetch(1, 16);
    AtomicInteger runs = new AtomicInteger();
    FutureTask<Integer> task = new FutureTask<>(runs::incrementAndGet);
    prefetch.start(task);
    assertEquals(1, prefetch.await(task));
    assertEquals(1, prefetch.await(task));
    assertEquals(1, runs.get());
    assertTrue(task.isDone());
  }
}
