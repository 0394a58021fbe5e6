package dev.gearbox.shootout.workloads;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** tcp_echo on threads with blocking sockets: the virtual-thread baseline. */
final class BlockingEcho {
  private BlockingEcho() {}

  /** One run: a server and {@code connections} clients on {@code executor}; the bytes echoed. */
  static long run(ExecutorService executor, int connections, int messages) throws Exception {
    ServerSocketChannel server = ServerSocketChannel.open();
    try {
      server.bind(new InetSocketAddress("127.0.0.1", 0), connections);
      InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
      Future<?> acceptor = executor.submit(() -> acceptLoop(server, executor));
      List<Future<Long>> clients = new ArrayList<>(connections);
      for (int i = 0; i < connections; i++) {
        clients.add(executor.submit(() -> client(address, messages)));
      }
      long bytes = 0;
      for (Future<Long> client : clients) {
        bytes += client.get(5, TimeUnit.MINUTES);
      }
      server.close();
      acceptor.get(1, TimeUnit.MINUTES);
      return bytes;
    } finally {
      server.close();
    }
  }

  private static Void acceptLoop(ServerSocketChannel server, ExecutorService executor) {
    while (true) {
      try {
        SocketChannel connection = server.accept();
        executor.execute(() -> echo(connection));
      } catch (ClosedChannelException closed) {
        return null;
      } catch (IOException e) {
        throw new IllegalStateException("accept on the echo server failed", e);
      }
    }
  }

  private static void echo(SocketChannel connection) {
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    try (connection) {
      connection.setOption(StandardSocketOptions.TCP_NODELAY, true);
      while (true) {
        buffer.clear();
        if (connection.read(buffer) < 0) {
          return;
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
          connection.write(buffer);
        }
      }
    } catch (IOException e) {
      // The client went away; its own side reports the failure.
    }
  }

  private static long client(InetSocketAddress server, int messages) throws IOException {
    ByteBuffer request = ByteBuffer.allocate(TcpEcho.MESSAGE_SIZE);
    Arrays.fill(request.array(), (byte) 'g');
    ByteBuffer reply = ByteBuffer.allocate(TcpEcho.MESSAGE_SIZE);
    try (SocketChannel channel = SocketChannel.open(server)) {
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      for (int sent = 0; sent < messages; sent++) {
        request.clear();
        while (request.hasRemaining()) {
          channel.write(request);
        }
        reply.clear();
        while (reply.hasRemaining()) {
          if (channel.read(reply) < 0) {
            throw new EOFException("the echo server closed " + channel + " early");
          }
        }
      }
      return (long) messages * TcpEcho.MESSAGE_SIZE;
    }
  }
}
