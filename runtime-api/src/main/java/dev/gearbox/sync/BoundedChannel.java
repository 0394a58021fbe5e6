package dev.gearbox.sync;

import dev.gearbox.future.Future;
import dev.gearbox.future.Waker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The state of a bounded multi-producer, single-consumer channel, shared by its {@link
 * Channel.Sender} and {@link Channel.Receiver}.
 *
 * @param <T> the message type
 */
final class BoundedChannel<T> implements MpscCore<T> {
  /*
   * Implementation notes.
   *
   * A ring of messages and an intrusive FIFO list of waiting senders (SendFuture nodes), both
   * guarded by `lock` (after the shape of tokio::sync::mpsc::bounded, whose capacity is a fair
   * semaphore). `reserved` counts slots granted to waiting senders that have not yet polled to
   * fill them. Invariants, under the lock:
   *   buffer.size() + reserved <= capacity;
   *   waiters non-empty  =>  buffer.size() + reserved == capacity
   *     (a freed slot goes straight to the first waiter, so a newcomer or a trySend never
   *     overtakes a waiting sender: FIFO);
   *   closed  =>  no waiters (a close detaches them all; a late poll sees `closed` and fails).
   * A send is delivered only when its own poll puts the message in the ring, so a send future
   * dropped before it returned Ready never delivers; dropping a GRANTED one hands its slot on.
   *
   * Wakes happen after the lock is released: a waker is taken out under the lock (a sender's from
   * its node, the receiver's from `receiverWaker`) and woken outside. The receiver registers its
   * waker under the same lock in which it found the ring empty, so a send either comes before
   * (and the receive takes its message) or after (and takes the waker): no second look and no
   * atomic waker slot are needed, and a send wakes nobody when the receiver is not waiting.
   *
   * Threads: any sender thread and the receiving task take the lock; `closed` is volatile for
   * isClosed() and written under the lock; `receiverWaker` is guarded by the lock.
   */

  private final int capacity;
  private final SpinLock lock = new SpinLock();
  private final MessageRing buffer;
  private final SendWaiterQueue<T> waiters = new SendWaiterQueue<>();
  private int reserved;
  private volatile boolean closed;
  private boolean closedByReceiver;
  private Waker receiverWaker;

  /**
   * The receiver's scratch for pollReceiveMany, up to BATCH messages and the wakers of the senders
   * granted their slots, moved out under the lock and handed on after it; touched by the receiving
   * task only, so by one thread at a time, and emptied before each call returns.
   */
  private Object[] batchMessages;

  private Waker[] batchSenders;

  /** The most messages pollReceiveMany moves under one hold of the lock. */
  static final int BATCH = 256;

  BoundedChannel(int capacity) {
    this.capacity = capacity;
    this.buffer = new MessageRing(capacity);
  }

  @Override
  public int capacity() {
    return capacity;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public Future<Void> send(T message) {
    return new SendFuture<>(this, message);
  }

  // ---- senders

  @Override
  public boolean trySend(T message) {
    Waker receiver;
    lock.lock();
    try {
      if (closed) {
        throw closedException();
      }
      if (buffer.size() + reserved >= capacity) {
        return false;
      }
      buffer.add(message);
      receiver = takeReceiverWakerLocked();
    } finally {
      lock.unlock();
    }
    wake(receiver);
    return true;
  }

  /** Delivers the send's message if it may, else queues it; returns whether it was delivered. */
  boolean pollSend(SendFuture<T> send, Waker waker) {
    Waker receiver;
    lock.lock();
    try {
      if (send.state == SendFuture.State.DONE) {
        throw new IllegalStateException("send future polled after it completed");
      }
      if (closed) {
        abandonLocked(send);
        throw closedException();
      }
      boolean mayDeliver =
          send.state == SendFuture.State.GRANTED
              || (send.state == SendFuture.State.IDLE && buffer.size() + reserved < capacity);
      if (!mayDeliver) {
        if (send.state == SendFuture.State.IDLE) {
          waiters.append(send);
        }
        if (send.waker == null || !send.waker.willWake(waker)) {
          send.waker = waker;
        }
        return false;
      }
      if (send.state == SendFuture.State.GRANTED) {
        reserved--;
      }
      buffer.add(send.message);
      send.message = null;
      send.state = SendFuture.State.DONE;
      receiver = takeReceiverWakerLocked();
    } finally {
      lock.unlock();
    }
    wake(receiver);
    return true;
  }

  void dropSend(SendFuture<T> send) {
    Waker nextSender;
    lock.lock();
    try {
      nextSender = abandonLocked(send);
    } finally {
      lock.unlock();
    }
    if (nextSender != null) {
      nextSender.wake();
    }
  }

  // ---- the receiver

  /** The next message, or null if none yet, or {@link #END_OF_STREAM} if closed and drained. */
  @Override
  public Object pollReceive() {
    return pollReceive(null);
  }

  @Override
  public Object pollReceive(Waker waker) {
    Object message;
    Waker grantedSender;
    lock.lock();
    try {
      message = buffer.poll();
      if (message == null) {
        if (closed) {
          return END_OF_STREAM;
        }
        if (waker != null && (receiverWaker == null || !receiverWaker.willWake(waker))) {
          receiverWaker = waker;
        }
        return null;
      }
      grantedSender = grantFirstWaiterLocked();
    } finally {
      lock.unlock();
    }
    wake(grantedSender);
    return message;
  }

  /**
   * Moves the messages out in chunks of up to BATCH per hold of the lock, rather than one hold per
   * message, granting each freed slot to the first waiting sender as pollReceive does; the list is
   * filled and the senders woken after the lock is released.
   */
  @Override
  public int pollReceiveMany(List<? super T> into, int limit, Waker waker) {
    int moved = 0;
    while (moved < limit) {
      int max = Math.min(Math.min(limit - moved, BATCH), capacity); // the ring holds <= capacity
      int chunk = pollChunk(into, max, moved == 0 ? waker : null);
      if (chunk <= 0) {
        return moved == 0 ? chunk : moved;
      }
      moved += chunk;
      if (chunk < max) {
        break; // the ring ran dry
      }
    }
    return moved;
  }

  @SuppressWarnings("unchecked")
  private int pollChunk(List<? super T> into, int max, Waker waker) {
    if (batchMessages == null || batchMessages.length < max) {
      batchMessages = new Object[max];
      batchSenders = new Waker[max];
    }
    Object[] messages = batchMessages;
    Waker[] senders = batchSenders;
    int moved = 0;
    int granted = 0;
    lock.lock();
    try {
      while (moved < max) {
        Object message = buffer.poll();
        if (message == null) {
          break;
        }
        messages[moved++] = message;
        Waker sender = grantFirstWaiterLocked();
        if (sender != null) {
          senders[granted++] = sender;
        }
      }
      if (moved == 0) {
        if (closed) {
          return -1;
        }
        if (waker != null && (receiverWaker == null || !receiverWaker.willWake(waker))) {
          receiverWaker = waker;
        }
        return 0;
      }
    } finally {
      lock.unlock();
    }
    try {
      for (int i = 0; i < granted; i++) {
        senders[i].wake();
      }
      for (int i = 0; i < moved; i++) {
        into.add((T) messages[i]);
      }
    } finally {
      Arrays.fill(senders, 0, granted, null);
      Arrays.fill(messages, 0, moved, null);
    }
    return moved;
  }

  @Override
  public void dropReceiverWaker() {
    lock.lock();
    try {
      receiverWaker = null;
    } finally {
      lock.unlock();
    }
  }

  // ---- both sides

  @Override
  public void close(boolean byReceiver) {
    List<Waker> waitingSenders = null;
    Waker receiver;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      closedByReceiver = byReceiver;
      if (!waiters.isEmpty()) {
        waitingSenders = new ArrayList<>();
      }
      for (SendFuture<T> waiter = waiters.pollFirst();
          waiter != null;
          waiter = waiters.pollFirst()) {
        waiter.state = SendFuture.State.IDLE; // detached: its next poll sees `closed`
        waitingSenders.add(waiter.waker);
        waiter.waker = null;
      }
      receiver = takeReceiverWakerLocked();
    } finally {
      lock.unlock();
    }
    if (waitingSenders != null) {
      waitingSenders.forEach(Waker::wake);
    }
    wake(receiver);
  }

  private static void wake(Waker waker) {
    if (waker != null) {
      waker.wake();
    }
  }

  // ---- under the lock

  private Waker takeReceiverWakerLocked() {
    Waker receiver = receiverWaker;
    receiverWaker = null;
    return receiver;
  }

  /** Finishes a send that will not deliver; returns the waker of a sender given its slot. */
  private Waker abandonLocked(SendFuture<T> send) {
    Waker nextSender = null;
    switch (send.state) {
      case QUEUED -> waiters.remove(send);
      case GRANTED -> {
        reserved--;
        nextSender = grantFirstWaiterLocked();
      }
      case IDLE, DONE -> {}
    }
    send.state = SendFuture.State.DONE;
    send.message = null;
    send.waker = null;
    return nextSender;
  }

  /** Reserves a slot for the first waiter, if any, and returns its waker to wake. */
  private Waker grantFirstWaiterLocked() {
    SendFuture<T> first = waiters.pollFirst();
    if (first == null) {
      return null;
    }
    first.state = SendFuture.State.GRANTED;
    reserved++;
    Waker waker = first.waker;
    first.waker = null;
    return waker;
  }

  private ChannelClosedException closedException() {
    return new ChannelClosedException(
        "channel closed by the " + (closedByReceiver ? "receiver" : "sender"));
  }
}
