package io.codex.dht.session;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

/**
 * A random source that hands out scripted byte strings in order (masking IVs, nonces, id-nonces),
 * as the vector generators fixed them; unscripted draws come from a seeded generator.
 */
final class ScriptedRandom extends Random {
  private static final long serialVersionUID = 1L;

  private final transient Deque<byte[]> script = new ArrayDeque<>();
  private final transient Random rest = new Random(7);

  /** Queues {@code bytes} for the next draw, which must ask for exactly that many bytes. */
  ScriptedRandom then(byte[] bytes) {
    script.addLast(bytes.clone());
    return this;
  }

  @Override
  public void nextBytes(byte[] out) {
    byte[] next = script.pollFirst();
    if (next == null) {
      rest.nextBytes(out);
      return;
    }
    if (next.length != out.length) {
      throw new AssertionError("scripted " + next.length + " bytes, drawn " + out.length);
    }
    System.arraycopy(next, 0, out, 0, out.length);
  }
}
