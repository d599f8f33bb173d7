package io.codex.dht.discv5.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Transport} on netty UDP sockets: one socket per configured address (an IPv4 and an IPv6
 * address make a dual-stack node). The event loop only copies datagrams in and out.
 */
public final class NettyUdpTransport implements Transport {
  /** The largest datagram received (the UDP maximum). */
  static final int MAX_DATAGRAM = 65_535;

  private final List<InetSocketAddress> binds;
  private final EventLoopGroup group;
  private final boolean ownsGroup;
  private final List<Channel> channels = new ArrayList<>();
  private final AtomicLong sendErrors = new AtomicLong();
  private final AtomicLong unroutable = new AtomicLong();

  /**
   * A transport bound to {@code binds} on a shared event loop group (null: its own single-thread
   * group).
   */
  public NettyUdpTransport(List<InetSocketAddress> binds, EventLoopGroup group) {
    if (binds.isEmpty() || binds.size() > 2) {
      throw new IllegalArgumentException("bind one IPv4 and/or one IPv6 address");
    }
    this.binds = List.copyOf(binds);
    this.ownsGroup = group == null;
    this.group = group == null ? new NioEventLoopGroup(1) : group;
  }

  @Override
  public CompletableFuture<Void> start(DatagramReceiver receiver) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    List<ChannelFuture> binding = new ArrayList<>();
    for (InetSocketAddress bind : binds) {
      Bootstrap b =
          new Bootstrap()
              .group(group)
              .channelFactory(
                  () ->
                      new NioDatagramChannel(
                          bind.getAddress() instanceof Inet4Address
                              ? InternetProtocolFamily.IPv4
                              : InternetProtocolFamily.IPv6))
              .option(ChannelOption.SO_RCVBUF, 4 * 1024 * 1024)
              .option(ChannelOption.SO_SNDBUF, 4 * 1024 * 1024)
              .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
              .handler(new DatagramCopier(receiver));
      binding.add(b.bind(bind));
    }
    CompletableFuture.runAsync(
        () -> {
          try {
            for (ChannelFuture f : binding) {
              f.syncUninterruptibly();
              synchronized (channels) {
                channels.add(f.channel());
              }
            }
            done.complete(null);
          } catch (RuntimeException e) {
            done.completeExceptionally(e);
          }
        });
    return done;
  }

  @Override
  public void send(InetSocketAddress to, byte[] datagram) {
    Channel channel = channelFor(to);
    if (channel == null) {
      unroutable.incrementAndGet();
      return;
    }
    channel
        .writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), to))
        .addListener(
            f -> {
              if (!f.isSuccess()) {
                sendErrors.incrementAndGet();
              }
            });
  }

  private Channel channelFor(InetSocketAddress to) {
    boolean v4 = to.getAddress() instanceof Inet4Address;
    synchronized (channels) {
      for (Channel c : channels) {
        InetSocketAddress local = (InetSocketAddress) c.localAddress();
        if ((local.getAddress() instanceof Inet4Address) == v4) {
          return c;
        }
      }
    }
    return null;
  }

  @Override
  public List<InetSocketAddress> localAddresses() {
    List<InetSocketAddress> out = new ArrayList<>();
    synchronized (channels) {
      for (Channel c : channels) {
        out.add((InetSocketAddress) c.localAddress());
      }
    }
    return out;
  }

  /** Datagrams that failed to send. */
  public long sendErrors() {
    return sendErrors.get();
  }

  /** Datagrams not sent because no socket of the destination's address family is bound. */
  public long unroutable() {
    return unroutable.get();
  }

  @Override
  public CompletableFuture<Void> stop() {
    List<Channel> toClose;
    synchronized (channels) {
      toClose = new ArrayList<>(channels);
      channels.clear();
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    CompletableFuture.runAsync(
        () -> {
          for (Channel c : toClose) {
            c.close().syncUninterruptibly();
          }
          if (ownsGroup) {
            group
                .shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS)
                .syncUninterruptibly();
          }
          done.complete(null);
        });
    return done;
  }
}
