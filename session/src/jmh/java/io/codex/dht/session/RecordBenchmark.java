package io.codex.dht.session;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.Multiaddr;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.RecordFormat;
import io.codex.dht.spr.SignedEnvelope;
import io.codex.dht.spr.SignedPeerRecord;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding a Codex signed peer record (one {@code /ip4/.../udp/...} address, peer-record format):
 * the full decode with its signature check, the envelope structure alone, and the payload read a
 * verified record does when its addresses are asked for.
 *
 * <p>{@code mvn -q -Pbench -DskipTests install -pl spr,session && mvn -Pbench -pl session exec:exec
 * -Djmh.args="RecordBenchmark -f 1 -wi 3 -i 5"}.
 */
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RecordBenchmark {
  byte[] encoded;
  SignedPeerRecord record;

  /** Builds the record once. */
  @Setup(Level.Trial)
  public void setUp() throws DecodeException {
    PrivateKey key = PrivateKey.generate(new Random(7));
    record =
        SignedPeerRecord.builder(key)
            .format(RecordFormat.PEER_RECORD)
            .seq(42)
            .address(Multiaddr.fromString("/ip4/10.1.2.3/udp/8090"))
            .build();
    encoded = record.encoded();
  }

  /** The full decode: structure, key, signature, payload. */
  @Benchmark
  public SignedPeerRecord decodeRecord() throws DecodeException {
    return SignedPeerRecord.decode(encoded);
  }

  /** The envelope structure only (no key parsed, no signature checked). */
  @Benchmark
  public SignedEnvelope envelopeStructure() throws DecodeException {
    return SignedEnvelope.decode(encoded, SignedPeerRecord.MAX_SIZE);
  }

  /** The payload of a verified record, parsed again to list its addresses. */
  @Benchmark
  public List<Multiaddr> recordAddresses() {
    return record.addresses();
  }
}
