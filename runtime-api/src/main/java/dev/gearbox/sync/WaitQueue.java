package dev.gearbox.sync;

/**
 * The waiters of a primitive, oldest first: an intrusive doubly linked list of {@link WaitNode}s,
 * so appending, removing a dropped waiter and taking the oldest are O(1) and allocate nothing. Not
 * thread-safe: guarded by its primitive's lock.
 *
 * @param <N> the node type
 */
final class WaitQueue<N extends WaitNode<N>> {
  private N first;
  private N last;
  private int size;

  boolean isEmpty() {
    return first == null;
  }

  int size() {
    return size;
  }

  /** The oldest waiter, or null. */
  N peekFirst() {
    return first;
  }

  /** Appends {@code node} as the newest waiter; it must not be linked. */
  void append(N node) {
    node.previous = last;
    node.next = null;
    if (last == null) {
      first = node;
    } else {
      last.next = node;
    }
    last = node;
    node.linked = true;
    size++;
  }

  /** Removes and returns the oldest waiter, or null if none waits. */
  N pollFirst() {
    N oldest = first;
    if (oldest != null) {
      remove(oldest);
    }
    return oldest;
  }

  /** Unlinks {@code node} if it is linked; returns whether it was. */
  boolean remove(N node) {
    if (!node.linked) {
      return false;
    }
    if (node.previous == null) {
      first = node.next;
    } else {
      node.previous.next = node.next;
    }
    if (node.next == null) {
      last = node.previous;
    } else {
      node.next.previous = node.previous;
    }
    node.previous = null;
    node.next = null;
    node.linked = false;
    size--;
    return true;
  }

  /** Unlinks every waiter and adds its waker (if any) to {@code wakers}, oldest first. */
  void drainWakers(WakeList wakers) {
    for (N node = pollFirst(); node != null; node = pollFirst()) {
      wakers.add(node.takeWaker());
    }
  }
}
