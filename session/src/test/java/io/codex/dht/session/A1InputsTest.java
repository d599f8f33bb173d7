package io.codex.dht.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The premise of {@code ReceivePathBenchmark}'s {@code armed = false} rows: the first 20,000 inputs
 * of the unarmed A1 stream cause no id-signature check and no ECDH, so its timings are the
 * decoders' and the session layer's own; the armed stream does cause them (the control that the
 * count sees such work). Key decoding before a check is not counted: it happens only for a
 * handshake that answers a challenge, which is what a check follows.
 */
class A1InputsTest {
  private static final int INPUTS = 20_000;

  /** Signature checks and ECDH operations the victim did for {@link #INPUTS} inputs. */
  private static long ecOperations(boolean armed) {
    A1Inputs inputs = new A1Inputs(1, armed);
    SessionStats stats = inputs.victim.layer.stats();
    long before = stats.idSignatureVerifications() + stats.ecdhOperations();
    for (int i = 0; i < INPUTS; i++) {
      A1Inputs.Input in = inputs.next();
      inputs.victim.layer.onDatagram(in.bytes(), in.from());
      if (i % 1_000 == 999) {
        inputs.clear();
      } else {
        inputs.net.queue.clear();
      }
    }
    return stats.idSignatureVerifications() + stats.ecdhOperations() - before;
  }

  @Test
  void theUnarmedStreamCausesNoSignatureCheckOrEcdh() {
    long unarmed = ecOperations(false);
    assertEquals(0, unarmed, "signature checks and ECDH operations for " + INPUTS + " inputs");
    long armed = ecOperations(true);
    System.out.println(
        "A1 EC operations per " + INPUTS + " inputs: unarmed " + unarmed + ", armed " + armed);
    assertTrue(armed > 10 * Math.max(1, unarmed), "control, armed stream: " + armed);
  }
}
