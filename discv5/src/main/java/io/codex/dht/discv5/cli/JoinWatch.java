package io.codex.dht.discv5.cli;

import io.codex.dht.discv5.Discv5Node;
import io.codex.dht.discv5.LookupResult;
import io.codex.dht.discv5.exec.NodeScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when the node has <em>joined</em>: when a lookup of its own id completes with at least
 * one node that answered. Until then it retries, 1 s after start and then with a doubling pause of
 * at most 30 s. Joined is a one-way switch: a node that later loses its peers stays joined (its
 * {@code /health} says so by its table count).
 *
 * <p>Runs on the node's thread.
 */
final class JoinWatch {
  static final long FIRST_RETRY_MILLIS = 1_000;
  static final long MAX_RETRY_MILLIS = 30_000;

  private static final Logger LOG = LoggerFactory.getLogger(JoinWatch.class);

  private final Discv5Node node;
  private final Runnable onJoined;
  private volatile boolean joined;
  private long retryMillis = FIRST_RETRY_MILLIS;
  private int attempts;
  private NodeScheduler.Cancellable timer;
  private boolean stopped;

  JoinWatch(Discv5Node node, Runnable onJoined) {
    this.node = node;
    this.onJoined = onJoined;
  }

  /** Starts trying; call once the node has started. */
  void start() {
    node.scheduler().execute(this::attempt);
  }

  /** Whether the node has joined; safe from any thread. */
  boolean joined() {
    return joined;
  }

  /** Stops retrying; on the node's thread. */
  void stop() {
    stopped = true;
    if (timer != null) {
      timer.cancel();
    }
  }

  private void attempt() {
    if (stopped || joined) {
      return;
    }
    attempts++;
    node.lookup(node.nodeId()).whenComplete(this::onLookup);
  }

  private void onLookup(LookupResult result, Throwable error) {
    if (stopped) {
      return;
    }
    if (error == null && !result.closest().isEmpty()) {
      joined = true;
      LOG.info(
          "joined the network: {} nodes answered the lookup of our own id",
          result.closest().size());
      onJoined.run();
      return;
    }
    if (attempts == 1) {
      LOG.info(
          "not joined yet: no node answered; retrying, at most every {} s",
          MAX_RETRY_MILLIS / 1000);
    } else {
      LOG.debug("join attempt {}: no node answered", attempts);
    }
    timer = node.scheduler().schedule(this::attempt, retryMillis);
    retryMillis = Math.min(retryMillis * 2, MAX_RETRY_MILLIS);
  }
}
