package dev.gearbox.examples;

import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.future.Step;
import dev.gearbox.io.TcpListener;
import dev.gearbox.io.TcpStream;
import dev.gearbox.runtime.RuntimeClosedException;
import dev.gearbox.runtime.Task;
import dev.gearbox.sync.Notify;
import dev.gearbox.time.Time;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The accept loop the example servers share: it accepts connections until {@link #stop()}, runs one
 * session task per connection, and keeps the open connections (only those), so that a server can
 * close them or wait for them to end. A session's connection is closed when the session ends,
 * however it ends.
 *
 * <p>A failed accept ({@code Too many open files}, a connection reset before it was taken) does not
 * end the server: it is logged at WARNING and the loop waits before the next accept, 10 ms after
 * the first failure and twice as long after each further one in a row, up to 1 s (as Tokio's and
 * Netty's accept loops do), so a server out of descriptors neither dies nor spins.
 */
final class Acceptor {
  /*
   * Implementation notes: no session handle is kept (a server that kept one per connection ever
   * accepted grew by a task object per connection). `open` holds the streams of live sessions and
   * `live` counts them; a session leaves both when it ends, and the last one to end while the
   * server stops wakes sessionsEnded() through `ended`. A spawn that fails (a full embedded task
   * pool, a runtime shutting down) closes that connection and the loop goes on.
   */
  private static final System.Logger LOG = System.getLogger(Acceptor.class.getName());

  /** The wait after the first of a run of failed accepts. */
  static final Duration FIRST_BACKOFF = Duration.ofMillis(10);

  /** The longest wait between failed accepts. */
  static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

  private final TcpListener listener;
  private final Supplier<Future<TcpStream>> accepts;
  private final Set<TcpStream> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger live = new AtomicInteger();
  private final Notify ended = new Notify();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong acceptFailures = new AtomicLong();
  private final AtomicLong sessionFailures = new AtomicLong();
  private volatile boolean stopping;

  Acceptor(TcpListener listener) {
    this(listener, listener::accept);
  }

  /**
   * An acceptor that takes its connections from {@code accepts} (for tests: a source that fails
   * some accepts); {@code listener} is what {@link #stop()} closes.
   */
  Acceptor(TcpListener listener, Supplier<Future<TcpStream>> accepts) {
    this.listener = Objects.requireNonNull(listener, "listener");
    this.accepts = Objects.requireNonNull(accepts, "accepts");
  }

  InetSocketAddress localAddress() {
    return listener.localAddress();
  }

  /** Connections accepted so far. */
  long accepted() {
    return accepted.get();
  }

  /** Accepts that failed and were retried after a back-off. */
  long acceptFailures() {
    return acceptFailures.get();
  }

  /**
   * Sessions that failed with something other than a closed or reset connection (a bug in the
   * session), each logged at {@code WARNING}.
   */
  long sessionFailures() {
    return sessionFailures.get();
  }

  /** The sessions (and connections) alive now. */
  int liveSessions() {
    return live.get();
  }

  boolean stopping() {
    return stopping;
  }

  /**
   * Accepts until {@link #stop()}, spawning {@code session.apply(stream)} for each connection.
   *
   * @return a future of the number of connections accepted, once the listener is closed; it fails
   *     only on a failure that is not an {@link IOException}
   */
  Future<Long> run(Function<TcpStream, Future<Void>> session) {
    return Futures.loop(
        FIRST_BACKOFF,
        (Duration backoff) ->
            accepts
                .get()
                .<Object>map(stream -> stream)
                .recover(failure -> failure)
                .flatMap(
                    outcome -> {
                      if (outcome instanceof TcpStream stream) {
                        serve(stream, session);
                        return Futures.ready(Step.<Duration, Long>next(FIRST_BACKOFF));
                      }
                      return afterFailure((Throwable) outcome, backoff);
                    }));
  }

  /** Ends the loop when stopping, else logs the failure and waits {@code backoff}. */
  private Future<Step<Duration, Long>> afterFailure(Throwable failure, Duration backoff) {
    if (stopping) {
      return Futures.ready(Step.done(accepted.get())); // the listener was closed: a normal stop
    }
    if (!(failure instanceof IOException)) {
      return Futures.failed(
          new IllegalStateException("accepting on " + localAddress() + " failed", failure));
    }
    acceptFailures.incrementAndGet();
    LOG.log(
        System.Logger.Level.WARNING,
        "accept on {0} failed ({1}); accepting again in {2} ms",
        localAddress(),
        failure.toString(),
        backoff.toMillis());
    Duration doubled = backoff.multipliedBy(2);
    Duration nextBackoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
    return Time.sleep(backoff).map(slept -> Step.<Duration, Long>next(nextBackoff));
  }

  private void serve(TcpStream stream, Function<TcpStream, Future<Void>> session) {
    accepted.incrementAndGet();
    open.add(stream);
    live.incrementAndGet();
    if (stopping) {
      stream.close(); // accepted while stopping: closeAll may have missed it
    }
    try {
      Task.spawn(session.apply(stream).recover(this::sessionFailed).inspect(done -> end(stream)));
    } catch (RuntimeException notSpawned) {
      LOG.log(
          System.Logger.Level.WARNING,
          "a connection to " + localAddress() + " is closed unserved: " + notSpawned);
      end(stream);
    }
  }

  /**
   * A session's failure ends only that session. A connection reset by the client or closed by the
   * server (an {@link IOException}) or a runtime shutting down is the normal end of a conversation;
   * anything else is a bug in the session and is counted and logged, so that it is not lost.
   */
  private Void sessionFailed(Throwable failure) {
    if (!(failure instanceof IOException) && !(failure instanceof RuntimeClosedException)) {
      sessionFailures.incrementAndGet();
      LOG.log(System.Logger.Level.WARNING, "a session failed; its connection is closed", failure);
    }
    return null;
  }

  /** A session ended: its connection closes and leaves the live ones. */
  private void end(TcpStream stream) {
    open.remove(stream);
    stream.close();
    if (live.decrementAndGet() == 0) {
      ended.notifyWaiters();
    }
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

  /**
   * A future that completes once no session is alive; meant for after {@link #stop()}, when no new
   * one can start.
   */
  Future<Void> sessionsEnded() {
    return Futures.loop(
        (Void) null,
        (Void ignored) -> {
          Future<Void> nextEnd = ended.notified(); // made before the check: no end is missed
          if (live.get() == 0) {
            return Futures.ready(Step.<Void, Void>done(null));
          }
          return nextEnd.map(woken -> Step.<Void, Void>next(null));
        });
  }
}
