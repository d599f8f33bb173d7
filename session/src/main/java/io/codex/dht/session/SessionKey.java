package io.codex.dht.session;

import io.codex.dht.spr.NodeId;
import java.net.InetSocketAddress;

/** What sessions and challenges are keyed by: the node id and its UDP endpoint together. */
record SessionKey(NodeId id, InetSocketAddress address) {}
