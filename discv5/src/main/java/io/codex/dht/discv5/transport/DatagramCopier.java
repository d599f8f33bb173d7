package io.codex.dht.discv5.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only netty handler: copies each datagram out, lets netty release the buffer, and hands the
 * bytes on. It keeps no state and runs no protocol logic.
 */
@Sharable
final class DatagramCopier extends SimpleChannelInboundHandler<DatagramPacket> {
  private static final Logger LOG = LoggerFactory.getLogger(DatagramCopier.class);

  private final Transport.DatagramReceiver receiver;

  DatagramCopier(Transport.DatagramReceiver receiver) {
    super(true); // release the buffer after channelRead0
    this.receiver = receiver;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    ByteBuf content = packet.content();
    byte[] data = new byte[content.readableBytes()];
    content.getBytes(content.readerIndex(), data);
    receiver.onDatagram(data, packet.sender());
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // ICMP port unreachable and the like surface here; they must not close the socket.
    LOG.debug("datagram socket error: {}", cause.toString());
  }
}
