package io.codex.dht.discv5;

import io.codex.dht.spr.NodeId;
import java.util.List;

/**
 * The path one lookup took: its rounds (who was asked, who answered with how many records, who
 * timed out), how the closest distance to the target fell, and the final set.
 *
 * <p>Round {@code n} holds the queries to peers met {@code n - 1} answers away from the seeds (the
 * seeds are round 1), as the lookup's {@code rounds} counter counts hops; distances are log
 * distances to the target (0 to 256, lower is closer).
 *
 * @param target the id looked up
 * @param rounds the rounds, first to last
 * @param closest the final set: the closest nodes that answered, closest first
 * @param queries every query sent, in the order sent
 * @param timeouts queries that got no answer in time
 * @param durationMillis from the start of the lookup to its end
 */
public record LookupTrace(
    NodeId target,
    List<Round> rounds,
    List<Hit> closest,
    int queries,
    int timeouts,
    long durationMillis) {

  /** Copies the lists. */
  public LookupTrace {
    rounds = List.copyOf(rounds);
    closest = List.copyOf(closest);
  }

  /** How a query ended. */
  public enum Outcome {
    /** The peer answered in time; its records were read. */
    ANSWERED,
    /** No answer before the request or the lookup gave up on the peer. */
    TIMEOUT,
    /** The peer answered after the lookup had given up on it; its records were not read. */
    LATE,
    /** The request failed otherwise (an invalid answer, a send failure, a penalised peer). */
    FAILED
  }

  /**
   * One query of a lookup.
   *
   * @param peer the peer asked
   * @param address its UDP endpoint, {@code host:port}
   * @param distance the peer's log distance to the target
   * @param asked the log distances asked for (FINDNODE), empty for FINDNODE_FAST
   * @param sentAtMillis when it was sent, from the start of the lookup
   * @param tookMillis from sending to the answer or failure; -1 when none came before the end
   * @param outcome how it ended
   * @param records records the answer carried (0 unless answered)
   * @param closestReturned the smallest distance to the target among them; -1 if none
   * @param error why it failed, empty otherwise
   */
  public record Query(
      NodeId peer,
      String address,
      int distance,
      List<Integer> asked,
      long sentAtMillis,
      long tookMillis,
      Outcome outcome,
      int records,
      int closestReturned,
      String error) {
    /** Copies the list. */
    public Query {
      asked = List.copyOf(asked);
    }
  }

  /**
   * One round.
   *
   * @param number the round, from 1
   * @param queries its queries, in the order sent
   * @param closestAsked the smallest distance to the target of a peer asked in this round
   * @param closestSoFar the smallest distance met up to the end of this round (asked or returned)
   */
  public record Round(int number, List<Query> queries, int closestAsked, int closestSoFar) {
    /** Copies the list. */
    public Round {
      queries = List.copyOf(queries);
    }
  }

  /**
   * A node of the final set.
   *
   * @param nodeId its id
   * @param address its UDP endpoint, {@code host:port}
   * @param distance its log distance to the target
   */
  public record Hit(NodeId nodeId, String address, int distance) {}
}
