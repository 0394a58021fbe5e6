package dev.gearbox.io.reactor;

import dev.gearbox.future.Context;
import dev.gearbox.future.Waker;
import dev.gearbox.io.driver.Interest;
import dev.gearbox.io.driver.Registration;
import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Objects;

/**
 * The registration of one channel with a {@link SelectorReactor}: readiness bits, one waker per
 * direction, the interest futures want armed, and the channel's selection key.
 *
 * <p>Threads: the fields under "guarded by this" are read and written by any thread holding this
 * object's monitor ({@code readiness} is also read without it, as a fast path); {@code key} and
 * {@code selectedOps} belong to the holder of the reactor's driver lock. See {@link
 * SelectorReactor}'s implementation notes for the protocol.
 */
final class SelectorRegistration implements Registration {
  /** A readable event arrived since the last clear. */
  static final int READABLE = 1;

  /** A writable event arrived since the last clear. */
  static final int WRITABLE = 1 << 1;

  /** Deregistered, closed, or the reactor closed; terminal. */
  static final int CLOSED = 1 << 2;

  /** {@link #applyChanges}: the key is registered and its interest is up to date. */
  static final int APPLIED = 0;

  /** {@link #applyChanges}: closed, no key was registered; the registration can be forgotten. */
  static final int RELEASED = 1;

  /** {@link #applyChanges}: closed and the key cancelled; the selector must flush it. */
  static final int CANCELLED = 2;

  static final String REACTOR_CLOSED = "reactor closed";
  private static final String DEREGISTERED = "channel deregistered from the reactor";
  private static final String CHANNEL_CLOSED = "channel closed outside its registration";
  private static final String BLOCKING = "channel was put back in blocking mode";
  private static final int READ_OPS = SelectionKey.OP_READ | SelectionKey.OP_ACCEPT;
  private static final int WRITE_OPS = SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT;

  private final SelectorReactor reactor;
  private final SelectableChannel channel;

  // Guarded by this; readiness is also read without the lock.
  private volatile int readiness;
  private String closedReason;
  private Waker readWaker;
  private Waker writeWaker;
  private int interestOps;
  private boolean queued = true; // a new registration is queued by SelectorReactor.register
  private boolean closeChannel;
  private boolean released;

  // Holder of the reactor's driver lock only.
  private SelectionKey key;
  private int selectedOps;

  SelectorRegistration(SelectorReactor reactor, SelectableChannel channel) {
    this.reactor = reactor;
    this.channel = channel;
  }

  @Override
  public SelectableChannel channel() {
    return channel;
  }

  @Override
  public boolean pollReadable(Context cx) throws IOException {
    return pollReady(READABLE, channel.validOps() & READ_OPS, cx);
  }

  @Override
  public boolean pollWritable(Context cx) throws IOException {
    int ops = channel.validOps() & SelectionKey.OP_WRITE;
    if (channel instanceof SocketChannel socket && socket.isConnectionPending()) {
      // NIO reports OP_CONNECT only while the connection is pending and OP_WRITE only once it is
      // established; arming both means a POLLOUT is reported (and disarmed) in either state, so a
      // connect that completes before the event never leaves the selector spinning on POLLOUT.
      ops |= SelectionKey.OP_CONNECT;
    }
    return pollReady(WRITABLE, ops, cx);
  }

  private boolean pollReady(int bit, int ops, Context cx) throws IOException {
    Objects.requireNonNull(cx, "cx");
    if ((readiness & (bit | CLOSED)) == bit) {
      return true;
    }
    if (ops == 0) {
      throw new IllegalStateException(
          channel + " is never " + (bit == READABLE ? "read" : "written"));
    }
    Waker waker = cx.waker();
    boolean enqueue = false;
    synchronized (this) {
      int now = readiness;
      if ((now & CLOSED) != 0) {
        throw new IOException(closedReason);
      }
      if ((now & bit) != 0) {
        return true;
      }
      if (bit == READABLE) {
        readWaker = waker;
      } else {
        writeWaker = waker;
      }
      if ((interestOps & ops) != ops) {
        interestOps |= ops;
        enqueue = markQueued();
      }
    }
    if (enqueue) {
      reactor.requestApply(this);
    }
    return false;
  }

  @Override
  public synchronized void clearReadiness(Interest interest) {
    readiness &= ~bit(Objects.requireNonNull(interest, "interest"));
  }

  @Override
  public synchronized void releaseWaker(Interest interest, Waker waker) {
    if (waker == null) {
      return;
    }
    if (bit(Objects.requireNonNull(interest, "interest")) == READABLE) {
      if (readWaker == waker) {
        readWaker = null;
      }
    } else if (writeWaker == waker) {
      writeWaker = null;
    }
  }

  @Override
  public void deregister() {
    shutdown(DEREGISTERED, false);
  }

  @Override
  public void close() {
    shutdown(DEREGISTERED, true);
    if (reactor.isClosed()) {
      // No turn will flush a key any more: the selector is closed or closing, which deregisters
      // every key, so closing here releases the descriptor (at the latest when the selector
      // closes).
      closeChannelAndRelease();
    } else {
      reactor.awaitClosed(this);
    }
  }

  /** Wakes the waiting futures with "reactor closed"; any thread, from the reactor's shutdown. */
  void onReactorClosed() {
    shutdown(REACTOR_CLOSED, false);
  }

  /**
   * Once the selector is closed (by the holder of the reactor's driver lock, or by a closer that
   * saw it closed: calling this twice is harmless): fails the waiters and closes the channel if its
   * owner asked for that.
   */
  void releaseAfterShutdown() {
    onReactorClosed();
    boolean close;
    synchronized (this) {
      close = closeChannel;
    }
    if (close) {
      closeChannelAndRelease();
    }
  }

  /**
   * Holder of the driver lock, after the key was flushed (or never existed): closes the channel.
   */
  void closeChannelAndRelease() {
    closeQuietly(channel);
    synchronized (this) {
      released = true;
      notifyAll();
    }
  }

  /** Whether a change of this registration waits in the reactor's queue; for tests. */
  synchronized boolean isQueued() {
    return queued;
  }

  /** Whether this registration's interest includes reading (or accepting); for tests. */
  synchronized boolean isReadArmed() {
    return (interestOps & READ_OPS) != 0;
  }

  /** Whether the channel was closed on its owner's request. */
  synchronized boolean isReleased() {
    return released;
  }

  /**
   * Waits at most {@code nanos} for {@link #closeChannelAndRelease()}.
   *
   * @return false if the calling thread was interrupted meanwhile (its status is cleared)
   */
  synchronized boolean awaitReleased(long nanos) {
    if (released) {
      return true;
    }
    try {
      wait(nanos / 1_000_000, (int) (nanos % 1_000_000));
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  private void shutdown(String reason, boolean alsoCloseChannel) {
    Waker reader;
    Waker writer;
    boolean enqueue;
    synchronized (this) {
      closeChannel |= alsoCloseChannel;
      if ((readiness & CLOSED) == 0) {
        closedReason = reason;
        readiness = CLOSED;
      }
      reader = readWaker;
      writer = writeWaker;
      readWaker = null;
      writeWaker = null;
      enqueue = markQueued();
    }
    if (enqueue) {
      reactor.requestApply(this);
    }
    wake(reader);
    wake(writer);
  }

  /** Guarded by this: whether the caller must put this registration in the change queue. */
  private boolean markQueued() {
    if (queued) {
      return false;
    }
    queued = true;
    return true;
  }

  /**
   * Holder of the driver lock: registers the key, updates its interest, or cancels it, as the
   * queued changes ask. A registration whose channel must be closed goes to {@code closeAfterFlush}
   * when its key was cancelled, or its channel is closed at once when it never had a key.
   *
   * @return {@link #APPLIED}, {@link #RELEASED} or {@link #CANCELLED}
   */
  int applyChanges(Selector selector, List<SelectorRegistration> closeAfterFlush) {
    int ops;
    boolean closed;
    boolean close;
    synchronized (this) {
      queued = false;
      ops = interestOps;
      closed = (readiness & CLOSED) != 0;
      close = closeChannel;
    }
    if (!closed) {
      try {
        if (key == null) {
          key = channel.register(selector, ops, this);
        } else {
          key.interestOps(ops);
        }
        return APPLIED;
      } catch (ClosedChannelException | CancelledKeyException e) {
        shutdown(CHANNEL_CLOSED, false); // wakes the waiters; the re-queued change finds CLOSED
      } catch (IllegalBlockingModeException e) {
        shutdown(BLOCKING, false);
      }
    }
    if (key == null) {
      if (close) {
        closeChannelAndRelease();
      }
      return RELEASED;
    }
    key.cancel();
    key = null;
    if (close) {
      closeAfterFlush.add(this);
    }
    return CANCELLED;
  }

  /**
   * Holder of the driver lock, inside a select: records the ready operations of this registration's
   * key.
   *
   * @return true if this registration was not yet among the selected ones of this turn
   */
  boolean select(int readyOps) {
    boolean first = selectedOps == 0;
    selectedOps |= readyOps;
    return first;
  }

  /**
   * Holder of the driver lock, after the select: turns the recorded operations into readiness bits,
   * disarms the interest they satisfied, and wakes the wakers. Read interest stays armed after a
   * report that found the readable bit clear: its reader usually drains the channel and waits again
   * at once, and then finds the interest armed, which spares a change of the key (two epoll_ctl
   * calls) and, while another thread selects, a selector wakeup. A second report that finds the bit
   * still set disarms it: nobody consumed the first, so nobody is reading.
   */
  void dispatch() {
    int ops = selectedOps;
    selectedOps = 0;
    Waker reader = null;
    Waker writer = null;
    synchronized (this) {
      if ((readiness & CLOSED) != 0) {
        return;
      }
      int now = readiness;
      if ((ops & READ_OPS) != 0) {
        if ((now & READABLE) != 0) {
          // Reported again before anybody consumed the last report: nobody is reading now, so
          // disarm, lest a level-triggered select report this channel on every turn.
          interestOps &= ~READ_OPS;
        }
        now |= READABLE;
        reader = readWaker;
        readWaker = null;
      }
      if ((ops & WRITE_OPS) != 0) {
        now |= WRITABLE;
        writer = writeWaker;
        writeWaker = null;
        interestOps &= ~WRITE_OPS;
      }
      readiness = now;
      if (key != null && key.isValid()) {
        try {
          key.interestOps(interestOps);
        } catch (CancelledKeyException e) {
          // Closed concurrently by its owner: the queued close cancels it properly.
        }
      }
    }
    try {
      wake(reader);
    } finally {
      wake(writer);
    }
  }

  private static int bit(Interest interest) {
    return interest == Interest.READABLE ? READABLE : WRITABLE;
  }

  private static void wake(Waker waker) {
    if (waker != null) {
      waker.wake();
    }
  }

  static void closeQuietly(SelectableChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing to do: the descriptor is released either way, and nobody waits on it any more.
    }
  }

  @Override
  public String toString() {
    return "Registration[" + channel + ", readiness=" + readiness + "]";
  }
}
