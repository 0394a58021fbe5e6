package dev.gearbox.sync;

import dev.gearbox.future.Future;
import dev.gearbox.future.Waker;
import java.util.List;

/**
 * The shared state behind a {@link Channel.Sender} and its {@link Channel.Receiver}: bounded
 * ({@link BoundedChannel}) or unbounded ({@link UnboundedChannel}). Senders call it from any
 * thread; the receiving methods are called by one task at a time.
 *
 * @param <T> the message type
 */
interface MpscCore<T> {

  /** What {@link #pollReceive()} returns when the channel is closed and drained. */
  Object END_OF_STREAM = new Object();

  /** Sends if there is room now and no sender waits; throws if closed. */
  boolean trySend(T message);

  /** A future that sends {@code message} once there is room. */
  Future<Void> send(T message);

  /** The next message, or null if none yet, or {@link #END_OF_STREAM} if closed and drained. */
  Object pollReceive();

  /**
   * As {@link #pollReceive()}, and when there is no message, registers {@code waker} (replacing the
   * one registered before) so that the next send or the close wakes it; a message sent meanwhile is
   * returned, never missed.
   */
  Object pollReceive(Waker waker);

  /**
   * Moves up to {@code limit} (at least 1) messages into {@code into}, in order. When there is
   * none, registers {@code waker} as {@link #pollReceive(Waker)} does.
   *
   * @return the number moved; 0 if none yet (the waker is registered); -1 if the channel is closed
   *     and drained
   */
  @SuppressWarnings("unchecked")
  default int pollReceiveMany(List<? super T> into, int limit, Waker waker) {
    int moved = 0;
    while (moved < limit) {
      Object next = moved == 0 ? pollReceive(waker) : pollReceive();
      if (next == END_OF_STREAM) {
        return moved == 0 ? -1 : moved;
      }
      if (next == null) {
        return moved;
      }
      into.add((T) next);
      moved++;
    }
    return moved;
  }

  /** Forgets the registered receiver waker: the receiving future was dropped. */
  void dropReceiverWaker();

  /** Closes the channel for sending; {@code byReceiver} names the end, for error messages. */
  void close(boolean byReceiver);

  boolean isClosed();

  /** The capacity, or {@link Integer#MAX_VALUE} for an unbounded channel. */
  int capacity();
}
