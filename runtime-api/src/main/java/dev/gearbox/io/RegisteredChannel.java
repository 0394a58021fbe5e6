package dev.gearbox.io;

import dev.gearbox.future.Context;
import dev.gearbox.io.driver.Reactor;
import dev.gearbox.io.driver.Registration;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.channels.SelectableChannel;

/**
 * The channel of one socket and its registration, made on first use with the reactor of the runtime
 * that polls it first (through {@code Reactor.of(cx)}).
 *
 * <p>Thread-safe: {@code registration} and {@code closed} are set under this object's monitor and
 * read without it (both volatile): once made, the registration never changes, so a read that finds
 * it needs no lock. {@code drained} belongs to the task reading the socket (one read future is
 * polled at a time, and a task's polls are ordered); should two tasks read one socket, a stale
 * value costs one read that finds nothing, or one wait for a readiness the level-triggered selector
 * reports at once, never data.
 */
final class RegisteredChannel {
  private final SelectableChannel channel;
  private final String description;
  private volatile Registration registration;
  private volatile boolean closed;
  private boolean drained;

  /** A channel that registers on first use. */
  RegisteredChannel(SelectableChannel channel, String description) {
    this.channel = channel;
    this.description = description;
  }

  /** A channel already registered (by a connect future). */
  RegisteredChannel(Registration registration, String description) {
    this(registration.channel(), description);
    this.registration = registration;
  }

  /** Fails with "... is closed" once the owner closed the socket. */
  void checkOpen() throws SocketException {
    if (closed) {
      throw SocketErrors.closed(description);
    }
  }

  /** The registration, made now with {@code Reactor.of(cx)} if this is the first use. */
  Registration registration(Context cx) throws IOException {
    Registration registered = registration;
    if (registered != null) {
      checkOpen();
      return registered;
    }
    synchronized (this) {
      checkOpen();
      if (registration == null) {
        registration = Reactor.of(cx).register(channel);
      }
      return registration;
    }
  }

  /**
   * Notes that a read returned fewer bytes than it had room for: the socket's receive queue was
   * empty after it, so the next read most likely finds nothing. The reading task only.
   */
  void markDrained() {
    drained = true;
  }

  /**
   * Whether the last read was short (see {@link #markDrained()}); clears the note. The reading task
   * only.
   *
   * @return true at most once per short read
   */
  boolean takeDrained() {
    boolean was = drained;
    drained = false;
    return was;
  }

  /**
   * The exception to throw for {@code cause}, raised by {@code operation} on {@code address}: the
   * socket's "is closed" if its owner closed it meanwhile, else {@code cause} with the address.
   */
  IOException failure(IOException cause, String operation, SocketAddress address) {
    if (closed) {
      SocketException failure = SocketErrors.closed(description);
      failure.initCause(cause);
      return failure;
    }
    return SocketErrors.ioFailed(operation, address, cause);
  }

  /**
   * Closes the socket: futures waiting on it wake up and fail; when this returns, the descriptor is
   * released (see {@link Registration#close()}).
   */
  void close() {
    Registration toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = registration;
    }
    if (toClose != null) {
      toClose.close();
    } else {
      RegisteredChannel.closeQuietly(channel);
    }
  }

  /** Closes {@code channel}, ignoring a failure: its descriptor is released either way. */
  static void closeQuietly(SelectableChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing to do: nobody waits on the channel any more.
    }
  }

  @Override
  public String toString() {
    return closed ? description + " (closed)" : description;
  }
}
