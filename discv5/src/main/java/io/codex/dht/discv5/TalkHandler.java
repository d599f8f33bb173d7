package io.codex.dht.discv5;

import io.codex.dht.spr.NodeId;
import java.net.InetSocketAddress;

/**
 * Answers TALKREQ messages of one protocol, on the node's thread; it must not block. A handler that
 * throws, or returns more than one packet holds (about 1,170 bytes), gets an empty TALKRESP sent
 * for it and is counted; the node carries on.
 */
@FunctionalInterface
public interface TalkHandler {
  /** The response payload for {@code request} from {@code from} at {@code address}. */
  byte[] handle(NodeId from, InetSocketAddress address, byte[] request);
}
