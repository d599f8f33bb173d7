package io.codex.dht.discv5;

import io.codex.dht.spr.NodeId;

/**
 * The outcome of one provider announcement.
 *
 * @param key the DHT key announced
 * @param sentTo how many of the closest nodes were sent ADD_PROVIDER
 * @param storedLocally whether this node is among the closest and stored the record itself
 */
public record AnnounceResult(NodeId key, int sentTo, boolean storedLocally) {}
