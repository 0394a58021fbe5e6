package dev.gearbox.examples;

import dev.gearbox.fiber.Fiber;
import dev.gearbox.future.Futures;
import dev.gearbox.io.TcpListener;
import dev.gearbox.io.TcpStream;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.time.Time;
import dev.gearbox.time.TimedOutException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The accept loop of the fiber servers ({@link FiberEchoServer}, {@link FiberChatServer}, {@link
 * FiberHttpServer}), in direct style: one fiber accepts, and each connection is served by a fiber
 * of its own, whose connection is closed when it ends, however it ends. It keeps the open
 * connections and their fibers, so that a server can close them or wait for them.
 */
final class FiberAcceptor {
  /** What a server does with one connection, in its own fiber. */
  @FunctionalInterface
  interface Session {
    /**
     * Serves {@code stream} until the conversation is over; the acceptor closes it afterwards. A
     * failure of the socket (the client reset the connection, or the server closed it), thrown as
     * an {@code IOException} or by {@code Fiber.await} as a {@code CompletionException}, just ends
     * the session.
     */
    void serve(TcpStream stream) throws IOException;
  }

  private final TcpListener listener;
  // By accept number, not in a hash set: closeAll() then wakes the sessions in the same order on
  // every run, which keeps a simulated run the same for the same seed.
  private final Map<Long, TcpStream> open = new ConcurrentSkipListMap<>();
  private final Map<Long, JoinHandle<Void>> sessions = new ConcurrentSkipListMap<>();
  private final AtomicLong accepted = new AtomicLong();
  private volatile boolean stopping;
  private int pruneAt = PRUNE_AT_LEAST; // the accepting fiber's only

  private static final int PRUNE_AT_LEAST = 64;

  FiberAcceptor(TcpListener listener) {
    this.listener = listener;
  }

  InetSocketAddress localAddress() {
    return listener.localAddress();
  }

  /** Connections accepted so far. */
  long accepted() {
    return accepted.get();
  }

  /**
   * Accepts connections until {@link #stop()}, serving each in a fiber of its own. Call it in a
   * fiber: it parks there while no client connects.
   *
   * @return the number of connections accepted
   */
  long serve(Session session) {
    while (true) {
      TcpStream stream;
      try {
        stream = Fiber.await(listener.accept());
      } catch (RuntimeException failure) {
        if (stopping) {
          return accepted.get(); // the listener was closed: a normal stop
        }
        throw failure;
      }
      long number = accepted.incrementAndGet();
      open.put(number, stream);
      if (stopping) {
        stream.close(); // accepted while stopping: closeAll may have missed it
      }
      if (sessions.size() >= pruneAt) { // keep only the live ones, at a cost amortized over accepts
        sessions.values().removeIf(JoinHandle::isFinished);
        pruneAt = Math.max(PRUNE_AT_LEAST, 2 * sessions.size());
      }
      sessions.put(number, Fiber.spawn(() -> run(session, number, stream)));
    }
  }

  private Void run(Session session, long number, TcpStream stream) {
    try (stream) {
      session.serve(stream);
    } catch (IOException | CompletionException gone) {
      // reset by the client, or closed by the server: the conversation is over either way
    } finally {
      open.remove(number);
    }
    return null;
  }

  /** Stops accepting: the listener closes, and the port is free when this returns. Idempotent. */
  void stop() {
    stopping = true;
    listener.close();
  }

  /** Closes every open connection, which ends the sessions reading or writing them. Any thread. */
  void closeAll() {
    open.values().forEach(TcpStream::close);
  }

  /**
   * In a fiber: waits until every session has ended, for at most {@code bound}; then closes the
   * connections of those still running, which ends them.
   */
  void drain(Duration bound) {
    sessions.values().removeIf(JoinHandle::isFinished);
    try {
      Fiber.await(Time.timeout(Futures.joinAll(List.copyOf(sessions.values())), bound));
    } catch (TimedOutException | JoinException tooSlowOrFailed) {
      closeAll(); // a client that does not read is cut off
    }
  }
}
