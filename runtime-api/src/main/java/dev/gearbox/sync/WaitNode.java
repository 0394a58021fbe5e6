package dev.gearbox.sync;

import dev.gearbox.future.Waker;

/**
 * A node of a {@link WaitQueue}: the future of one waiting operation, linked into its primitive's
 * queue of waiters, so waiting allocates nothing beyond the future. Every field is guarded by the
 * lock of the primitive that owns the queue.
 *
 * @param <N> the concrete node type
 */
abstract class WaitNode<N extends WaitNode<N>> {
  N previous;
  N next;
  boolean linked;
  Waker waker;

  /** Stores {@code newWaker} unless the stored one wakes the same task. Under the lock. */
  final void setWaker(Waker newWaker) {
    if (waker == null || !waker.willWake(newWaker)) {
      waker = newWaker;
    }
  }

  /** Removes and returns the stored waker, to wake after the lock is released. Under the lock. */
  final Waker takeWaker() {
    Waker taken = waker;
    waker = null;
    return taken;
  }
}
