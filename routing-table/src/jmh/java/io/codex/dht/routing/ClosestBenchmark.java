package io.codex.dht.routing;

import io.codex.dht.spr.NodeId;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code closest(target, 16)} on a table holding 1,000 entries, one thread (target: at least
 * 200,000 queries per second).
 *
 * <p>The table is filled the way a busy node's table looks: full buckets at the largest distances
 * (16 per bucket from 256 down to 195, 8 at 194). Targets are either uniformly random ids or ids of
 * table members, which spreads the target's bucket over the whole occupied range.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ClosestBenchmark {
  private static final int TARGETS = 1 << 12;

  @Param({"random", "member"})
  public String targets;

  private RoutingTable<TestRecord> table;
  private NodeId[] targetIds;
  private int next;

  /** Builds the table and the targets. */
  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(1);
    NodeId local = NodeId.random(random);
    table = new RoutingTable<>(local, TestRecord.VIEW, TableConfig.DEFAULT, random);
    int n = 0;
    for (int d = 256; table.size() < 1_000; d--) {
      for (int i = 0; i < 16 && table.size() < 1_000; i++) {
        table.add(TestRecord.atDistance(local, d, n++, random), false);
      }
    }
    List<TableEntry<TestRecord>> members = table.entries();
    targetIds = new NodeId[TARGETS];
    for (int i = 0; i < TARGETS; i++) {
      targetIds[i] =
          targets.equals("random")
              ? NodeId.random(random)
              : members.get(random.nextInt(members.size())).record().id();
    }
  }

  /** One query for the 16 closest entries. */
  @Benchmark
  public List<?> closest16() {
    return table.closest(targetIds[next++ & (TARGETS - 1)], 16);
  }
}
