package io.codex.dht.session;

import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PublicKey;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where to send a message: the node's id, its UDP endpoint and, to start a handshake, its public
 * key ({@code null} when unknown; the layer then asks its {@link NodeDirectory} or the session).
 */
public record NodeContact(NodeId id, InetSocketAddress address, PublicKey publicKey) {
  /** Checks the id and that the address is resolved. */
  public NodeContact {
    Objects.requireNonNull(id, "id");
    if (address.getAddress() == null) {
      throw new IllegalArgumentException("unresolved address " + address);
    }
  }

  /** A contact without a known public key: enough to answer within a session. */
  public static NodeContact of(NodeId id, InetSocketAddress address) {
    return new NodeContact(id, address, null);
  }
}
