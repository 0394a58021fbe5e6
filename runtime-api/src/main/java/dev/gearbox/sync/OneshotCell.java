package dev.gearbox.sync;

import dev.gearbox.future.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The state shared by a {@link Oneshot.Sender} and its {@link Oneshot.Receiver}.
 *
 * @param <T> the value type
 */
final class OneshotCell<T> {
  /*
   * Implementation notes (after tokio::sync::oneshot).
   *
   * One int word, changed by CAS or atomic OR, holds:
   *   RX_WAKER_SET     `receiverWaker` holds the receiver's waker; the sender may read it.
   *   VALUE_SENT       `value` holds the value; the receiver may read it.
   *   SENDER_CLOSED    the sender closed without a value.
   *   RECEIVER_CLOSED  the receiver closed (or was dropped): sends fail from now on.
   * VALUE_SENT and SENDER_CLOSED are exclusive and final ("the sender is done").
   *
   * Ownership:
   *   `value`: written by the sender before the CAS that sets VALUE_SENT (and cleared by it again
   *     if that CAS finds RECEIVER_CLOSED); read and cleared by the receiver only after it saw
   *     VALUE_SENT.
   *   `receiverWaker`: written by the receiver only while RX_WAKER_SET is clear and the sender is
   *     not done; read by the sender only after its CAS to done saw RX_WAKER_SET set and
   *     RECEIVER_CLOSED clear. To replace its waker the receiver first clears RX_WAKER_SET by CAS,
   *     which fails if the sender finished meanwhile (the join-waker protocol of RawTask).
   *   `received`: receiver thread only.
   * The sender is used by one thread at a time (it is handed over, like Tokio's, not shared).
   */

  static final int RX_WAKER_SET = 1;
  static final int VALUE_SENT = 1 << 1;
  static final int SENDER_CLOSED = 1 << 2;
  static final int RECEIVER_CLOSED = 1 << 3;
  static final int SENDER_DONE = VALUE_SENT | SENDER_CLOSED;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(OneshotCell.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile int state;
  private T value;
  private Waker receiverWaker;
  private boolean received;

  int state() {
    return state;
  }

  // ---- sender side

  boolean send(T message) {
    int current = state;
    if ((current & SENDER_DONE) != 0) {
      throw new IllegalStateException("oneshot sender already sent a value or closed");
    }
    if ((current & RECEIVER_CLOSED) != 0) {
      return false;
    }
    value = message;
    while (true) {
      if ((current & RECEIVER_CLOSED) != 0) {
        value = null;
        return false;
      }
      int witness = casState(current, current | VALUE_SENT);
      if (witness == current) {
        break;
      }
      current = witness;
    }
    if ((current & RX_WAKER_SET) != 0) {
      receiverWaker.wake();
    }
    return true;
  }

  void closeSender() {
    int current = state;
    while (true) {
      if ((current & SENDER_DONE) != 0) {
        return;
      }
      int witness = casState(current, current | SENDER_CLOSED);
      if (witness == current) {
        break;
      }
      current = witness;
    }
    if ((current & (RX_WAKER_SET | RECEIVER_CLOSED)) == RX_WAKER_SET) {
      receiverWaker.wake();
    }
  }

  // ---- receiver side

  /** The value if sent (taking it), null if not yet; throws if none will come. */
  T tryTake() {
    int current = state;
    if (received) {
      throw new ChannelClosedException("the oneshot value was already received");
    }
    if ((current & VALUE_SENT) != 0) {
      return takeValue();
    }
    if ((current & (SENDER_CLOSED | RECEIVER_CLOSED)) != 0) {
      throw closedWithoutValue(current);
    }
    return null;
  }

  /** Like {@link #tryTake}, but registers {@code waker} when it returns null. */
  T takeOrRegister(Waker waker) {
    T sent = tryTake();
    if (sent != null) {
      return sent;
    }
    int current = state;
    if ((current & RX_WAKER_SET) != 0) {
      if (receiverWaker.willWake(waker)) {
        return null;
      }
      current = updateWakerSet(current, false);
      if ((current & SENDER_DONE) != 0) {
        return tryTake();
      }
    }
    receiverWaker = waker;
    current = updateWakerSet(current, true);
    if ((current & SENDER_DONE) != 0) {
      return tryTake();
    }
    return null;
  }

  /** Sets or clears RX_WAKER_SET unless the sender is done; returns the state it saw last. */
  private int updateWakerSet(int current, boolean set) {
    while ((current & SENDER_DONE) == 0) {
      int next = set ? current | RX_WAKER_SET : current & ~RX_WAKER_SET;
      int witness = casState(current, next);
      if (witness == current) {
        return next;
      }
      current = witness;
    }
    return current;
  }

  void closeReceiver(boolean discardValue) {
    int prior = (int) STATE.getAndBitwiseOr(this, RECEIVER_CLOSED);
    if ((prior & SENDER_DONE) == 0) {
      receiverWaker = null; // the sender will never read it now
    } else if (discardValue && (prior & VALUE_SENT) != 0) {
      value = null;
      received = true;
    }
  }

  private T takeValue() {
    T sent = value;
    value = null;
    received = true;
    return sent;
  }

  private static ChannelClosedException closedWithoutValue(int state) {
    return new ChannelClosedException(
        (state & SENDER_CLOSED) != 0
            ? "the oneshot sender closed without sending a value"
            : "the oneshot receiver was closed before a value was sent");
  }

  private int casState(int expected, int next) {
    return (int) STATE.compareAndExchange(this, expected, next);
  }
}
