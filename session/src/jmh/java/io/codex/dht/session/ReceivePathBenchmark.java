package io.codex.dht.session;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time one hostile datagram costs the receive path (security.md A1: per-input p99.9 at most 200
 * us, max at most 10 ms): the A1 input stream ({@link A1Inputs}) into {@link
 * SessionLayer#onDatagram}, one sampled call per input, the input made outside the measurement.
 *
 * <p>{@code armed = false}: no input can reach secp256k1 work (no challenge waits for a handshake
 * mutant, no request of the victim's for a WHOAREYOU mutant): the decoders' and the session layer's
 * own cost ({@code A1InputsTest} counts 0 signature checks and ECDH operations in 20,000 such
 * inputs, and 341 in the armed mix). {@code armed = true}: the A1 mix, where some of the inputs do
 * such work by design: a handshake mutant answering a challenge the victim issued costs one
 * id-signature check (about 0.2 ms; at most one per challenge), and a WHOAREYOU mutant answering
 * the victim's own open request starts its handshake (about 0.5 ms).
 *
 * <p>{@code mvn -q -Pbench -DskipTests install -pl session && mvn -Pbench -pl session exec:exec
 * -Djmh.args="ReceivePathBenchmark -f 1"}; read the {@code p0.999} and {@code p1.00} rows.
 */
@Fork(1)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 5)
public class ReceivePathBenchmark {

  /** The victim layer and its input stream; each invocation gets the next input. */
  @State(Scope.Thread)
  public static class Stream {
    @Param({"false", "true"})
    boolean armed;

    A1Inputs inputs;
    A1Inputs.Input next;
    int made;

    @Setup(Level.Trial)
    public void start() {
      inputs = new A1Inputs(1, armed);
    }

    @Setup(Level.Invocation)
    public void nextInput() {
      next = inputs.next();
    }

    @TearDown(Level.Invocation)
    public void forget() {
      if (++made % 1000 == 0) {
        inputs.clear();
      } else {
        inputs.net.queue.clear();
      }
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public long receive(Stream s) {
    s.inputs.victim.layer.onDatagram(s.next.bytes(), s.next.from());
    return s.inputs.victim.layer.stats().drops();
  }
}
