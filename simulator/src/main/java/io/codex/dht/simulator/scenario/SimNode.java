package io.codex.dht.simulator.scenario;

import io.codex.dht.discv5.Discv5Node;
import io.codex.dht.spr.NodeId;
import java.util.Objects;

/**
 * One node of a simulation: the production {@link Discv5Node}, its position in the order of
 * creation, and whether it is up.
 *
 * <p>A node is live from the moment its start completed until it is stopped; only live nodes are
 * chosen as bootstrap peers, lookup sources and lookup targets.
 */
public final class SimNode {
  private final int index;
  private final Discv5Node node;
  private final NodeId id;
  private final boolean legacy;
  private volatile boolean live;
  private volatile boolean stopped;

  SimNode(int index, Discv5Node node, boolean legacy) {
    this.index = index;
    this.legacy = legacy;
    this.node = Objects.requireNonNull(node, "node");
    this.id = node.nodeId();
  }

  /** The position of the node in the order of creation (0 for the first node). */
  public int index() {
    return index;
  }

  /** The node. */
  public Discv5Node node() {
    return node;
  }

  /** The node's id. */
  public NodeId id() {
    return id;
  }

  /** Whether the node stands in for a deployed Codex node (v0.5 decoding, PeerRecords only). */
  public boolean isLegacy() {
    return legacy;
  }

  /** Whether the node started and was not stopped. */
  public boolean isLive() {
    return live;
  }

  /** Whether the node was stopped (it left the network). */
  public boolean isStopped() {
    return stopped;
  }

  void markLive() {
    live = !stopped;
  }

  void markStopped() {
    stopped = true;
    live = false;
  }

  @Override
  public String toString() {
    return "node " + index + " " + id.toShortString();
  }
}
