package io.codex.dht.discv5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codex.dht.spr.NodeId;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** External address votes: enough voters from enough subnets, within the window. */
class IpVotesTest {
  private final Random random = new Random(1);
  private final InetSocketAddress observed = new InetSocketAddress("198.51.100.7", 8090);

  @Test
  void tenVotesFromFiveSubnetsWin() {
    IpVotes votes = new IpVotes(10, 5, 300_000, 200);
    for (int i = 0; i < 9; i++) {
      votes.add(NodeId.random(random), voter(i % 5, i), observed, 1000);
    }
    assertTrue(votes.winner(1000).isEmpty(), "nine votes are not enough");
    votes.add(NodeId.random(random), voter(4, 99), observed, 1000);
    assertEquals(Optional.of(observed), votes.winner(1000));
  }

  @Test
  void votesFromFewSubnetsDoNotWin() {
    IpVotes votes = new IpVotes(10, 5, 300_000, 200);
    for (int i = 0; i < 50; i++) {
      votes.add(NodeId.random(random), voter(i % 4, i), observed, 1000);
    }
    assertTrue(votes.winner(1000).isEmpty(), "one host group cannot decide our address");
  }

  @Test
  void oneVoterCountsOnceAndOldVotesExpire() {
    IpVotes votes = new IpVotes(10, 5, 300_000, 200);
    NodeId same = NodeId.random(random);
    for (int i = 0; i < 20; i++) {
      votes.add(same, voter(i % 5, i), observed, 1000);
    }
    assertEquals(1, votes.size());
    for (int i = 0; i < 10; i++) {
      votes.add(NodeId.random(random), voter(i % 5, i), observed, 1000);
    }
    assertTrue(votes.winner(1000).isPresent());
    assertTrue(votes.winner(1000 + 300_001).isEmpty(), "votes older than the window are gone");
    assertEquals(0, votes.size());
  }

  @Test
  void voterTableIsBounded() {
    IpVotes votes = new IpVotes(10, 5, 300_000, 200);
    for (int i = 0; i < 10_000; i++) {
      votes.add(NodeId.random(random), voter(i % 250, i), observed, i);
    }
    assertEquals(200, votes.size());
  }

  private static InetSocketAddress voter(int subnet, int host) {
    return new InetSocketAddress("203.0." + subnet + "." + (1 + host % 250), 9000);
  }
}
