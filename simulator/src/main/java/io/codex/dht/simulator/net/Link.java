package io.codex.dht.simulator.net;

import java.net.InetSocketAddress;

/** A directed link between two addresses: the key of per-link settings. */
record Link(InetSocketAddress from, InetSocketAddress to) {}
