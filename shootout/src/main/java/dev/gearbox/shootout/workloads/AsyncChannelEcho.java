package dev.gearbox.shootout.workloads;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * tcp_echo on a ForkJoinPool: NIO.2 asynchronous sockets in a channel group whose completion
 * handlers run on the pool, every step of a client and of a server connection a {@link
 * CompletableFuture} continuation. The group's own internal thread waits in epoll and hands each
 * completion to the pool, as a runtime's driver thread would.
 */
final class AsyncChannelEcho {
  /*
   * Implementation notes: AsynchronousChannelGroup.withThreadPool shuts its executor down when the
   * group ends, and the pool outlives one run, so the group gets a Borrowed view of the pool whose
   * shutdown ends the view only. Each run makes its own group and shuts it down at the end, which
   * closes every channel of the run and ends the group's internal thread.
   */
  private static final long DEADLINE_MINUTES = 5;

  private AsyncChannelEcho() {}

  /**
   * Runs C clients of M round trips against an echo server, all on {@code pool}; the bytes echoed.
   */
  static long run(ForkJoinPool pool, int connections, int messages) throws Exception {
    AsynchronousChannelGroup group = AsynchronousChannelGroup.withThreadPool(new Borrowed(pool));
    try {
      AsynchronousServerSocketChannel server =
          AsynchronousServerSocketChannel.open(group)
              .bind(new InetSocketAddress("127.0.0.1", 0), connections);
      acceptLoop(server);
      InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
      List<CompletableFuture<Long>> clients = new ArrayList<>(connections);
      for (int i = 0; i < connections; i++) {
        clients.add(client(group, address, messages));
      }
      long bytes = 0;
      for (CompletableFuture<Long> client : clients) {
        bytes += client.get(DEADLINE_MINUTES, TimeUnit.MINUTES);
      }
      return bytes;
    } finally {
      group.shutdownNow(); // closes the listener and every connection of this run
      group.awaitTermination(DEADLINE_MINUTES, TimeUnit.MINUTES);
    }
  }

  private static void acceptLoop(AsynchronousServerSocketChannel server) {
    server.accept(
        null,
        new CompletionHandler<AsynchronousSocketChannel, Void>() {
          @Override
          public void completed(AsynchronousSocketChannel connection, Void attachment) {
            server.accept(null, this);
            serve(connection, ByteBuffer.allocate(TcpEcho.MESSAGE_SIZE));
          }

          @Override
          public void failed(Throwable failure, Void attachment) {
            // the listener closed at the end of the run
          }
        });
  }

  /** Echoes messages until the client closes its side. */
  private static void serve(AsynchronousSocketChannel connection, ByteBuffer buffer) {
    buffer.clear();
    readFully(connection, buffer)
        .thenCompose(
            more -> {
              if (!more) {
                return CompletableFuture.completedFuture(false);
              }
              buffer.flip();
              return writeFully(connection, buffer).thenApply(written -> true);
            })
        .whenComplete(
            (more, failure) -> {
              if (failure == null && more) {
                serve(connection, buffer);
              } else {
                closeQuietly(connection);
              }
            });
  }

  private static CompletableFuture<Long> client(
      AsynchronousChannelGroup group, InetSocketAddress server, int messages) throws IOException {
    AsynchronousSocketChannel channel = AsynchronousSocketChannel.open(group);
    CompletableFuture<Void> connected = new CompletableFuture<>();
    channel.connect(server, null, handler(connected, ignored -> null));
    ByteBuffer buffer = ByteBuffer.allocate(TcpEcho.MESSAGE_SIZE);
    CompletableFuture<Long> result = new CompletableFuture<>();
    connected.whenComplete(
        (ignored, failure) -> {
          if (failure != null) {
            result.completeExceptionally(failure);
          } else {
            roundTrips(channel, buffer, messages, 0, result);
          }
        });
    return result.whenComplete((bytes, failure) -> closeQuietly(channel));
  }

  /**
   * Sends message {@code left} (counting down) and awaits its echo, then the next, completing
   * {@code result} with the bytes echoed; each step starts from the last one's completion, so no
   * chain of futures grows with M.
   */
  private static void roundTrips(
      AsynchronousSocketChannel channel,
      ByteBuffer buffer,
      int left,
      long echoed,
      CompletableFuture<Long> result) {
    if (left == 0) {
      result.complete(echoed);
      return;
    }
    buffer.clear();
    while (buffer.hasRemaining()) {
      buffer.put((byte) left);
    }
    buffer.flip();
    writeFully(channel, buffer)
        .thenCompose(
            written -> {
              buffer.clear();
              return readFully(channel, buffer);
            })
        .whenComplete(
            (more, failure) -> {
              if (failure != null) {
                result.completeExceptionally(failure);
              } else if (!more) {
                result.completeExceptionally(
                    new EOFException("the echo server closed the connection"));
              } else {
                roundTrips(channel, buffer, left - 1, echoed + TcpEcho.MESSAGE_SIZE, result);
              }
            });
  }

  /** Fills {@code buffer}: true when full, false on end of stream before the first byte. */
  private static CompletableFuture<Boolean> readFully(
      AsynchronousSocketChannel channel, ByteBuffer buffer) {
    CompletableFuture<Integer> read = new CompletableFuture<>();
    channel.read(buffer, null, handler(read, count -> count));
    return read.thenCompose(
        count -> {
          if (count < 0) {
            if (buffer.position() == 0) {
              return CompletableFuture.completedFuture(false);
            }
            return CompletableFuture.failedFuture(new EOFException("end of stream mid-message"));
          }
          return buffer.hasRemaining()
              ? readFully(channel, buffer)
              : CompletableFuture.completedFuture(true);
        });
  }

  private static CompletableFuture<Void> writeFully(
      AsynchronousSocketChannel channel, ByteBuffer buffer) {
    CompletableFuture<Integer> write = new CompletableFuture<>();
    channel.write(buffer, null, handler(write, count -> count));
    return write.thenCompose(
        count ->
            buffer.hasRemaining()
                ? writeFully(channel, buffer)
                : CompletableFuture.completedFuture(null));
  }

  private static <V, R> CompletionHandler<V, Void> handler(
      CompletableFuture<R> result, java.util.function.Function<V, R> map) {
    return new CompletionHandler<>() {
      @Override
      public void completed(V value, Void attachment) {
        result.complete(map.apply(value));
      }

      @Override
      public void failed(Throwable failure, Void attachment) {
        result.completeExceptionally(failure);
      }
    };
  }

  private static void closeQuietly(AsynchronousSocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // closing at the end of a run; nothing to do
    }
  }

  /** The pool as the group's executor; shutting the view down leaves the pool running. */
  private static final class Borrowed extends AbstractExecutorService {
    private final ForkJoinPool pool;
    private volatile boolean shutdown;

    Borrowed(ForkJoinPool pool) {
      this.pool = pool;
    }

    @Override
    public void execute(Runnable command) {
      if (shutdown) {
        throw new RejectedExecutionException("the run's channel group has ended");
      }
      pool.execute(command);
    }

    @Override
    public void shutdown() {
      shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shutdown = true;
      return Collections.emptyList();
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }

    @Override
    public boolean isTerminated() {
      return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return shutdown;
    }
  }
}
