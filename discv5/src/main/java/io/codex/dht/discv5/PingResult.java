package io.codex.dht.discv5;

import java.net.InetSocketAddress;

/**
 * A PONG: the peer's current record seq and the address it saw our PING come from.
 *
 * @param recordSeq the peer's record sequence number
 * @param observedAddress our address as the peer sees it
 */
public record PingResult(long recordSeq, InetSocketAddress observedAddress) {}
