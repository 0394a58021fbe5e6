package dev.gearbox.sync;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The state of a {@link Watch} channel: the latest value and its version, as one immutable snapshot
 * published through a volatile field, and the receivers waiting for a change.
 *
 * <p>Implementation notes: {@code snapshot} and {@code closed} are written under {@code lock} and
 * read without it; the queue of {@link WatchChanged} waiters is guarded by the lock. A waiter
 * enqueues only after re-reading the snapshot under the lock, so a send either is seen or wakes it.
 *
 * @param <T> the value type
 */
final class WatchState<T> {
  /** A value and the version it was sent as, starting at 0. */
  record Snapshot<T>(T value, long version) {}

  final ReentrantLock lock = new ReentrantLock();
  final WaitQueue<WatchChanged<T>> waiters = new WaitQueue<>();
  private volatile Snapshot<T> snapshot;
  private volatile boolean closed;

  WatchState(T initial) {
    this.snapshot = new Snapshot<>(initial, 0);
  }

  Snapshot<T> snapshot() {
    return snapshot;
  }

  boolean isClosed() {
    return closed;
  }

  void send(T value) {
    WakeList wakers = new WakeList();
    lock.lock();
    try {
      if (closed) {
        throw new ChannelClosedException("watch channel closed by the sender");
      }
      snapshot = new Snapshot<>(value, snapshot.version() + 1);
      waiters.drainWakers(wakers);
    } finally {
      lock.unlock();
    }
    wakers.wakeAll();
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
}
