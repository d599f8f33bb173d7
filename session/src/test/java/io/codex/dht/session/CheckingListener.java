package io.codex.dht.session;

import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.SignedPeerRecord;
import java.net.InetSocketAddress;

/**
 * A listener for fuzz targets that checks what the session layer reports: a handshake's record
 * belongs to the node that sent it, and every delivered message re-encodes to one that decodes
 * equal.
 */
final class CheckingListener implements SessionListener<SignedPeerRecord> {
  @Override
  public void onMessage(NodeId from, InetSocketAddress address, Message message, boolean client) {
    MessageFuzzTest.assertRoundTrip(new DecodedMessage(message, client));
  }

  @Override
  public void onHandshake(
      NodeId peer, InetSocketAddress address, SignedPeerRecord record, boolean clientMode) {
    if (record != null && !record.nodeId().equals(peer)) {
      throw new AssertionError("a handshake delivered another node's record");
    }
  }
}
