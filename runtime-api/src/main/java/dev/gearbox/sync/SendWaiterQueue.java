package dev.gearbox.sync;

/**
 * The senders waiting for room in a {@link BoundedChannel}, oldest first: an intrusive doubly
 * linked list through {@link SendFuture#previous} and {@link SendFuture#next}, so queueing and
 * removing a dropped sender are O(1) and allocate nothing. Guarded by the channel's lock.
 *
 * @param <T> the message type
 */
final class SendWaiterQueue<T> {
  private SendFuture<T> first;
  private SendFuture<T> last;

  boolean isEmpty() {
    return first == null;
  }

  /** Appends {@code send} as the newest waiter and marks it QUEUED. */
  void append(SendFuture<T> send) {
    send.state = SendFuture.State.QUEUED;
    send.previous = last;
    if (last == null) {
      first = send;
    } else {
      last.next = send;
    }
    last = send;
  }

  /** Removes and returns the oldest waiter, or null if none waits. */
  SendFuture<T> pollFirst() {
    SendFuture<T> oldest = first;
    if (oldest != null) {
      remove(oldest);
    }
    return oldest;
  }

  /** Unlinks {@code send}, which must be in this queue. */
  void remove(SendFuture<T> send) {
    if (send.previous == null) {
      first = send.next;
    } else {
      send.previous.next = send.next;
    }
    if (send.next == null) {
      last = send.previous;
    } else {
      send.next.previous = send.previous;
    }
    send.previous = null;
    send.next = null;
  }
}
