package dev.gearbox.examples;

import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.future.Step;
import dev.gearbox.io.TcpListener;
import dev.gearbox.io.TcpStream;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Task;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The accept loop the example servers share: it accepts connections until {@link #stop()}, runs one
 * session task per connection, and keeps the open connections and their sessions, so that a server
 * can close them or wait for them. A session's connection is closed when the session ends, however
 * it ends.
 */
final class Acceptor {
  private final TcpListener listener;
  private final Set<TcpStream> open = ConcurrentHashMap.newKeySet();
  private final Set<JoinHandle<Void>> sessions = ConcurrentHashMap.newKeySet();
  private final AtomicLong accepted = new AtomicLong();
  private volatile boolean stopping;

  Acceptor(TcpListener listener) {
    this.listener = listener;
  }

  InetSocketAddress localAddress() {
    return listener.localAddress();
  }

  /** Connections accepted so far. */
  long accepted() {
    return accepted.get();
  }

  boolean stopping() {
    return stopping;
  }

  /**
   * Accepts until {@link #stop()}, spawning {@code session.apply(stream)} for each connection.
   *
   * @return a future of the number of connections accepted, once the listener is closed
   */
  Future<Long> run(Function<TcpStream, Future<Void>> session) {
    return Futures.loop(
            0L,
            (Long count) ->
                listener
                    .accept()
                    .map(
                        stream -> {
                          accepted.incrementAndGet();
                          open.add(stream);
                          if (stopping) {
                            stream.close(); // accepted while stopping: closeAll may have missed it
                          }
                          spawnSession(stream, session);
                          return Step.<Long, Long>next(count + 1);
                        }))
        .recover(
            failure -> {
              if (stopping) {
                return accepted.get(); // the listener was closed: a normal stop
              }
              throw new IllegalStateException(
                  "accepting on " + localAddress() + " failed", failure);
            });
  }

  private void spawnSession(TcpStream stream, Function<TcpStream, Future<Void>> session) {
    JoinHandle<Void> handle =
        Task.spawn(
            session
                .apply(stream)
                .recover(failure -> null) // reset by the client, or closed by the server
                .inspect(
                    done -> {
                      open.remove(stream);
                      stream.close();
                    }));
    sessions.add(handle); // finished ones are dropped by sessions()
  }

  /** Stops accepting: the listener closes, and the port is free when this returns. Idempotent. */
  void stop() {
    stopping = true;
    listener.close();
  }

  /** Closes every open connection, which ends the sessions waiting on them. Any thread. */
  void closeAll() {
    open.forEach(TcpStream::close);
  }

  /** The sessions not yet known to have ended, to wait for. */
  List<JoinHandle<Void>> sessions() {
    sessions.removeIf(JoinHandle::isFinished);
    return List.copyOf(sessions);
  }
}
