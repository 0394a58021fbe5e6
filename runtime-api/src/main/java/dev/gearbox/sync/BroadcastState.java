package dev.gearbox.sync;

import dev.gearbox.future.Waker;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The state of a {@link Broadcast} channel.
 *
 * @param <T> the message type
 */
final class BroadcastState<T> {
  /*
   * Implementation notes (after tokio::sync::broadcast, with one lock instead of per-slot locks).
   *
   * A ring of `capacity` slots; message number n (counting from 0) lives in slot n % capacity, and
   * `tail` is the number of the next message. Slots below tail - capacity were overwritten. Each
   * receiver holds `next`, the number of the next message it wants: below the oldest retained it
   * has lagged (it is moved to the oldest and told how many it missed); at `tail` it waits. Every
   * field here, each receiver's `next` and `closed`, and the queue of waiting receives are guarded
   * by `lock`; wakes happen after it is released.
   */

  /** What {@link #tryReceive} returns when the channel is closed and the receiver drained it. */
  static final Object END_OF_STREAM = new Object();

  final ReentrantLock lock = new ReentrantLock();
  final WaitQueue<BroadcastReceive<T>> waiters = new WaitQueue<>();
  private final Object[] ring;
  private long tail;
  private int receivers;
  private boolean closed;

  BroadcastState(int capacity) {
    this.ring = new Object[capacity];
  }

  int send(T message) {
    WakeList wakers = new WakeList();
    int seenBy;
    lock.lock();
    try {
      if (closed) {
        throw new ChannelClosedException("broadcast channel closed by a sender");
      }
      seenBy = receivers;
      if (seenBy == 0) {
        return 0;
      }
      ring[(int) (tail % ring.length)] = message;
      tail++;
      waiters.drainWakers(wakers);
    } finally {
      lock.unlock();
    }
    wakers.wakeAll();
    return seenBy;
  }

  /** Registers a receiver; returns the number of the first message it will see. */
  long subscribe() {
    lock.lock();
    try {
      receivers++;
      return tail;
    } finally {
      lock.unlock();
    }
  }

  void unsubscribe(Broadcast.Receiver<T> receiver) {
    lock.lock();
    try {
      if (!receiver.closed) {
        receiver.closed = true;
        receivers--;
      }
    } finally {
      lock.unlock();
    }
  }

  int receiverCount() {
    lock.lock();
    try {
      return receivers;
    } finally {
      lock.unlock();
    }
  }

  void close() {
    WakeList wakers = new WakeList();
    lock.lock();
    try {
      closed = true;
      waiters.drainWakers(wakers);
    } finally {
      lock.unlock();
    }
    wakers.wakeAll();
  }

  /**
   * The receiver's next message, null if none yet, or {@link #END_OF_STREAM}. If {@code waiting} is
   * given, it leaves the queue, and when nothing is there it is queued again with {@code waker},
   * under the same lock, to be woken by the next send or the close.
   */
  Object tryReceive(Broadcast.Receiver<T> receiver, BroadcastReceive<T> waiting, Waker waker) {
    lock.lock();
    try {
      if (waiting != null) {
        waiters.remove(waiting);
      }
      if (receiver.closed) {
        throw new IllegalStateException("this broadcast receiver was closed");
      }
      long oldest = Math.max(0, tail - ring.length);
      if (receiver.next < oldest) {
        long missed = oldest - receiver.next;
        receiver.next = oldest;
        throw new LaggedException(missed);
      }
      if (receiver.next < tail) {
        Object message = ring[(int) (receiver.next % ring.length)];
        receiver.next++;
        return message;
      }
      if (closed) {
        return END_OF_STREAM;
      }
      if (waiting != null) {
        waiters.append(waiting);
        waiting.setWaker(waker);
      }
      return null;
    } finally {
      lock.unlock();
    }
  }
}
