package io.codex.dht.session;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.NodeId;
import java.net.InetSocketAddress;

/**
 * Receives what the session layer has to tell its node, on the owner thread. Callbacks may call
 * back into the layer (to answer a message, say); an exception they throw propagates to the caller
 * of {@link SessionLayer#onDatagram}, {@link SessionLayer#send} or {@link SessionLayer#expire}.
 *
 * @param <R> the wire profile's record type
 */
public interface SessionListener<R> {
  /** A message arrived from {@code from} at {@code address}, authenticated by the session. */
  void onMessage(NodeId from, InetSocketAddress address, Message message, boolean clientMode);

  /**
   * A message arrived, with its envelope flags; by default {@link #onMessage(NodeId,
   * InetSocketAddress, Message, boolean)}, for listeners that read the sender's features.
   */
  default void onMessage(NodeId from, InetSocketAddress address, DecodedMessage decoded) {
    onMessage(from, address, decoded.message(), decoded.clientMode());
  }

  /**
   * A handshake we answered completed: the session with {@code peer} at {@code address} is new.
   * {@code record} is the verified record the peer sent, or {@code null} when it sent none (we held
   * a record as new). {@code clientMode} is the flag of the message the handshake carried, which
   * {@link #onMessage} receives next.
   */
  default void onHandshake(NodeId peer, InetSocketAddress address, R record, boolean clientMode) {}

  /**
   * A datagram was dropped. {@code detail} is the decode reason for {@link DropReason#MALFORMED}
   * and for handshake failures caused by bad input, else {@code null}.
   */
  default void onDrop(InetSocketAddress from, DropReason reason, DecodeException.Reason detail) {}

  /** A message will not be delivered. */
  default void onSendFailed(NodeContact to, Message message, SendFailure reason) {}
}
