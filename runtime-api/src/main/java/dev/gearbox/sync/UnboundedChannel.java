package dev.gearbox.sync;

import dev.gearbox.future.AtomicWaker;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;

/**
 * The state of an unbounded multi-producer, single-consumer channel: a lock-free queue, a state
 * word and the receiver's waker.
 *
 * @param <T> the message type
 */
final class UnboundedChannel<T> implements MpscCore<T> {
  /*
   * Implementation notes (after tokio::sync::mpsc::unbounded, whose semaphore is a counter).
   *
   * Messages go through JCTools' MpscUnboundedAtomicArrayQueue: linked chunks of CHUNK_SIZE slots,
   * lock-free for producers, wait-free for the consumer, built on java.util.concurrent.atomic (no
   * Unsafe). Closing must not race with a send that is half done, so `state` counts the messages
   * admitted and not yet received (state >>> COUNT_SHIFT), beside the CLOSED and BY_RECEIVER
   * flags. A sender first CASes the count up, failing if CLOSED, then offers, then wakes the
   * receiver. The receiver reports the end only when CLOSED is set and the count is zero: a count
   * above zero with an empty queue is a sender between its CAS and its offer, whose wake follows.
   *
   * Threads: `state` any thread, CAS; the queue's consumer side and `receiverWaker.register` the
   * receiving task only.
   */

  static final long CLOSED = 1;
  static final long BY_RECEIVER = 1 << 1;
  static final int COUNT_SHIFT = 2;
  static final long ONE_MESSAGE = 1L << COUNT_SHIFT;
  private static final int CHUNK_SIZE = 128;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(UnboundedChannel.class, "state", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final MpscUnboundedAtomicArrayQueue<T> queue =
      new MpscUnboundedAtomicArrayQueue<>(CHUNK_SIZE);
  private final AtomicWaker receiverWaker = new AtomicWaker();
  private volatile long state;

  @Override
  public boolean trySend(T message) {
    long current = state;
    while (true) {
      if ((current & CLOSED) != 0) {
        throw closedException(current);
      }
      long witness = (long) STATE.compareAndExchange(this, current, current + ONE_MESSAGE);
      if (witness == current) {
        break;
      }
      current = witness;
    }
    queue.offer(message);
    receiverWaker.wake();
    return true;
  }

  @Override
  public Future<Void> send(T message) {
    return cx -> {
      if (!cx.proceedOrYield()) {
        cx.waitingIn("Channel.receive");
        return Poll.pending();
      }
      trySend(message);
      return Poll.ready();
    };
  }

  @Override
  public Object pollReceive() {
    T message = queue.poll();
    if (message != null) {
      STATE.getAndAdd(this, -ONE_MESSAGE);
      return message;
    }
    long current = state;
    return (current & CLOSED) != 0 && (current >>> COUNT_SHIFT) == 0 ? END_OF_STREAM : null;
  }

  @Override
  public Object pollReceive(Waker waker) {
    Object next = pollReceive();
    if (next == null) {
      // Register, then look again: a send in between is seen now or wakes the new waker.
      receiverWaker.register(waker);
      next = pollReceive();
    }
    return next;
  }

  @Override
  public void dropReceiverWaker() {
    receiverWaker.take();
  }

  @Override
  public void close(boolean byReceiver) {
    long flags = CLOSED | (byReceiver ? BY_RECEIVER : 0);
    long current = state;
    while ((current & CLOSED) == 0) {
      long witness = (long) STATE.compareAndExchange(this, current, current | flags);
      if (witness == current) {
        receiverWaker.wake();
        return;
      }
      current = witness;
    }
  }

  @Override
  public boolean isClosed() {
    return (state & CLOSED) != 0;
  }

  @Override
  public int capacity() {
    return Integer.MAX_VALUE;
  }

  /** How many messages were sent and not yet received; a snapshot. */
  long pending() {
    return state >>> COUNT_SHIFT;
  }

  private static ChannelClosedException closedException(long state) {
    return new ChannelClosedException(
        "channel closed by the " + ((state & BY_RECEIVER) != 0 ? "receiver" : "sender"));
  }
}
