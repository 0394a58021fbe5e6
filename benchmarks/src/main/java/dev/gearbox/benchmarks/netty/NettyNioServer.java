package dev.gearbox.benchmarks.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP hello server or a TCP echo server on Netty's NIO transport, the baseline of the I/O
 * shoot-out.
 *
 * <p>Usage: {@code NettyNioServer http|echo PORT [EVENT_LOOPS]}; it listens on 127.0.0.1 with one
 * acceptor loop and {@code EVENT_LOOPS} (default 2) I/O loops until the JVM is stopped.
 *
 * <p>Both servers are written the way Netty's own examples are: a handler writes in {@code
 * channelRead} and flushes once in {@code channelReadComplete}, so the answers to everything one
 * read brought are sent with one system call. The HTTP answer is byte for byte the one of the
 * examples' {@code HttpServer} ({@code 200 OK}, {@code Content-Type: text/plain; charset=utf-8},
 * {@code Content-Length: 13}, {@code Hello, World!}), whatever the path, and the connection is kept
 * alive unless the request says otherwise.
 */
public final class NettyNioServer {
  private static final byte[] HELLO = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

  private NettyNioServer() {}

  /**
   * Runs the server until the JVM is stopped.
   *
   * @param args {@code http} or {@code echo}, the port, and optionally the number of I/O loops
   * @throws InterruptedException if interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    if (args.length < 2 || !(args[0].equals("http") || args[0].equals("echo"))) {
      System.err.println("usage: NettyNioServer http|echo PORT [EVENT_LOOPS]");
      System.exit(2);
    }
    boolean http = args[0].equals("http");
    int port = Integer.parseInt(args[1]);
    int loops = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup workers = new MultiThreadIoEventLoopGroup(loops, NioIoHandler.newFactory());
    try {
      ServerBootstrap bootstrap =
          new ServerBootstrap()
              .group(acceptor, workers)
              .channel(NioServerSocketChannel.class)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                      if (http) {
                        channel.pipeline().addLast(new HttpServerCodec(), new HelloHandler());
                      } else {
                        channel.pipeline().addLast(EchoHandler.INSTANCE);
                      }
                    }
                  });
      ChannelFuture bound = bootstrap.bind(new InetSocketAddress("127.0.0.1", port)).sync();
      System.out.printf(
          "netty nio %s server listening on 127.0.0.1:%d (%d event loops)%n", args[0], port, loops);
      bound.channel().closeFuture().sync();
    } finally {
      acceptor.shutdownGracefully();
      workers.shutdownGracefully();
    }
  }

  /** Writes back what it reads; flushes once per read batch. */
  @ChannelHandler.Sharable
  static final class EchoHandler extends ChannelInboundHandlerAdapter {
    static final EchoHandler INSTANCE = new EchoHandler();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ctx.write(msg, ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  /** Answers every request with the hello answer; flushes once per read batch. */
  static final class HelloHandler extends SimpleChannelInboundHandler<HttpObject> {
    private static final ByteBuf BODY = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(HELLO));

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
      if (!(msg instanceof HttpRequest request)) {
        return; // the (empty) content of a GET
      }
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, HttpResponseStatus.OK, BODY.duplicate());
      response.headers().set("Content-Type", "text/plain; charset=utf-8");
      response.headers().setInt("Content-Length", HELLO.length);
      if (HttpUtil.isKeepAlive(request)) {
        ctx.write(response, ctx.voidPromise());
      } else {
        response.headers().set("Connection", "close");
        ctx.write(response).addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
