package dev.gearbox.io.reactor;

import dev.gearbox.io.driver.Registration;
import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The I/O reactor a runtime owns and drives: one NIO {@link Selector} (epoll on Linux) that wakes
 * the futures waiting on registered channels.
 *
 * <p>Reached through {@link IoDriver#open()}. One thread at a time drives the reactor by calling
 * {@link #turn(long)}, typically when it has nothing to run, with the next timer deadline as
 * timeout; any thread that makes work for it calls {@link #wakeup()}. Registering, arming interest
 * and deregistering are thread-safe and never block on a running select; closing a registered
 * channel may wait for the driving thread to release it (about one selector wakeup).
 */
final class SelectorReactor implements IoDriver {
  /*
   * Implementation notes.
   *
   * After mio's selector and Tokio's io driver (tokio/src/runtime/io: driver.rs, scheduled_io.rs,
   * registration_set.rs), on top of NIO:
   *
   * Changes are queued; only the holder of `driver` applies them and touches selection keys (the
   * thread inside turn(), before each select, or a closer that found nobody turning): it registers
   * channels, sets interest ops and cancels keys. A registration is in the `changes` queue at most
   * once (its `queued` flag). Mutating keys from other threads while a select runs is the classic
   * NIO pitfall (blocked register calls before JDK 11, changes invisible to the running select,
   * CancelledKeyException races); queueing avoids all of it.
   *
   * Interest on a level-triggered selector: a future arms interest only after its operation would
   * block; the event that reports it sets the readiness bit and wakes the waker. Write interest is
   * oneshot: that event disarms it (the key's interest ops drop to what is still wanted). Read
   * interest stays armed after a report that found the bit clear, because its reader nearly always
   * drains the channel and waits again at once (a request, an echo): it then finds the interest
   * armed, and neither the key nor the selector is touched (Netty keeps OP_READ armed for the same
   * reason). A report that finds the read bit still set, the last one unconsumed, disarms it. So an
   * idle channel costs the selector nothing, a ready channel nobody reads is reported at most twice
   * and does not spin the selector, and no event is lost: a readiness bit can only be set while
   * interest is armed, a future waits only after clearing the bit with interest armed (armed anew,
   * or still armed), and a level-triggered select reports data that arrived before the arming.
   *
   * Waking the selector (Dekker style): `selecting` is true from just before the driver's last look
   * at `changes` and `wakeRequested` until its select returns. A thread that queues a change or
   * calls wakeup() first publishes it (queue offer, flag set), then calls Selector.wakeup() only if
   * it sees `selecting`. Both sides use volatile accesses, so either the driver sees the change or
   * the other thread sees `selecting` and wakes the select. Selector.selectNow() clears a pending
   * Selector.wakeup(), and the driver does selectNow to flush cancelled keys; so it never relies on
   * a wakeup issued before that flush: it re-reads `changes` and `wakeRequested` after it.
   *
   * Sub-millisecond waits: a Selector counts its timeout in whole milliseconds, and the timer wheel
   * asks to wake at the start of a millisecond tick, so rounding the wait up made every timer a
   * further 0 to 1 ms late. With no channel registered no key can become ready, so the driver
   * selects the whole milliseconds and parks the rest (LockSupport.parkNanos), with `parkedTurner`
   * naming it meanwhile. The wakers pair with it as with `selecting`: they publish (change, flag),
   * then unpark `parkedTurner` if set; the driver sets `parkedTurner`, then re-reads `changes`,
   * `wakeRequested` and `closed` before parking. An unpark that lands just after the park returned
   * leaves the thread one spurious wake, which every park loop of the runtimes tolerates. With a
   * channel registered, the wait is rounded up as before, so I/O readiness is never missed.
   *
   * Descriptors: a channel closed while its key is registered keeps its descriptor (and a listener
   * keeps listening) until the selector deregisters the key. So a close is queued like any change:
   * the driver cancels the key, flushes the cancelled keys with selectNow(), and only then closes
   * the channel (Netty does the same). If the reactor is closed, the selector's close deregisters
   * every key instead. Closing is synchronous for its caller (after it returns, the descriptor is
   * released and the port free): the closer applies the queued changes itself when it can take
   * `driver` (nobody is turning: the common case of a task closing a socket), and otherwise wakes
   * the turning thread and waits for it to apply them; a virtual thread always does the latter
   * (see awaitClosed). A waker that closes a channel from inside a turn cannot wait for itself: its
   * close is applied at the start of the next turn.
   *
   * Readiness wakers run on the holder of `driver`, outside any selection operation: after the
   * select returned, or after the flush of cancelled keys. Deregistering, closing a channel and
   * closing the reactor wake the waiting futures on the calling thread.
   *
   * Locks: `driver` is held by the thread inside turn() for the whole turn, select included, or by
   * a closer while it applies the queued changes (no blocking inside), or by close() while it shuts
   * down. `turning` names the thread inside turn(), so that a second concurrent turn fails fast
   * instead of queueing behind the first; a turn that finds a closer holding `driver` waits for it.
   *
   * Fields: `selector`, `changes` (offer: any thread; poll: holder of `driver`), `registrations`
   * (any thread: live registrations, for close), `wakeRequested`, `selecting`, `closed`, `turning`
   * (any thread), `selectorClosed` (written once, by the holder of `driver` at the end of
   * shutdown; read by any thread). `selected`, `closeAfterFlush` and `shutDown` belong to the
   * holder of `driver`.
   */

  private static final long NANOS_PER_MILLI = 1_000_000L;

  /** How long a closer waits before it looks again whether it can apply its close itself. */
  private static final long CLOSE_WAIT_SLICE_NANOS = 1_000_000L;

  private final Selector selector;
  private final ConcurrentLinkedQueue<SelectorRegistration> changes = new ConcurrentLinkedQueue<>();
  private final Set<SelectorRegistration> registrations = ConcurrentHashMap.newKeySet();
  private final ReentrantLock driver = new ReentrantLock();
  private final AtomicReference<Thread> turning = new AtomicReference<>();
  private final AtomicBoolean wakeRequested = new AtomicBoolean();
  private volatile boolean selecting;
  private volatile boolean closed;

  /** Set once shutdown closed the selector: no key is left to flush (see awaitClosed). */
  private volatile boolean selectorClosed;

  /** The driver while it parks the sub-millisecond rest of a wait, else null (see the notes). */
  private volatile Thread parkedTurner;

  // Holder of `driver` only.
  private final List<SelectorRegistration> selected = new ArrayList<>();
  private final List<SelectorRegistration> closeAfterFlush = new ArrayList<>();
  private boolean shutDown;

  private SelectorReactor(Selector selector) {
    this.selector = selector;
  }

  /**
   * Opens a reactor with a new selector. Cost: a few file descriptors (the epoll instance and its
   * wakeup pipe), held until {@link #close()}.
   *
   * @return the reactor
   * @throws IOException if the selector cannot be opened
   */
  static SelectorReactor open() throws IOException {
    return new SelectorReactor(Selector.open());
  }

  @Override
  public Registration register(SelectableChannel channel) throws IOException {
    Objects.requireNonNull(channel, "channel");
    if (closed) {
      throw new IOException(SelectorRegistration.REACTOR_CLOSED);
    }
    if (channel.keyFor(selector) != null) {
      throw new IllegalArgumentException(
          channel
              + " is registered with this reactor already (or was deregistered and its key is not"
              + " flushed yet: register it again after the next turn)");
    }
    channel.configureBlocking(false);
    SelectorRegistration registration = new SelectorRegistration(this, channel);
    registrations.add(registration);
    requestApply(registration);
    if (closed) { // lost a race with close(): its shutdown may not have seen this registration
      registration.onReactorClosed();
      registrations.remove(registration);
      throw new IOException(SelectorRegistration.REACTOR_CLOSED);
    }
    return registration;
  }

  /** Any thread: queues a registration whose key must change, and wakes a running select. */
  void requestApply(SelectorRegistration registration) {
    if (closed) {
      return;
    }
    changes.offer(registration);
    if (selecting) {
      wakeSelect();
    }
  }

  /**
   * Ends the running select, or the park of its sub-millisecond rest. Any thread. `parkedTurner` is
   * set only once the select returned, so then the unpark alone is enough.
   */
  private void wakeSelect() {
    Thread parked = parkedTurner;
    if (parked != null) {
      LockSupport.unpark(parked);
    } else {
      selector.wakeup();
    }
  }

  /**
   * Applies the queued changes, selects once, and wakes the futures whose channels became ready.
   * Returns early when {@link #wakeup()} is called or a change is queued by another thread; callers
   * check their own queues after every turn. On a closed reactor it returns 0 at once, and so it
   * does when the calling thread is interrupted (the interrupt status stays set).
   *
   * @param timeoutNanos how long to block at most: 0 for a non-blocking select, negative or {@link
   *     Long#MAX_VALUE} to block until an event or a wakeup; rounded up to whole milliseconds while
   *     a channel is registered
   * @return the number of registrations that became ready
   * @throws IOException if the selector fails
   * @throws IllegalStateException if the reactor is open and another thread is inside {@code turn},
   *     or this one (from a waker)
   */
  @Override
  public int turn(long timeoutNanos) throws IOException {
    Thread current = Thread.currentThread();
    if (!turning.compareAndSet(null, current)) {
      if (closed) {
        return 0; // threads racing to turn a closed reactor during shutdown: nothing to drive
      }
      throw new IllegalStateException(
          (turning.get() == current ? "turn() called from inside turn()" : "another thread")
              + " is driving this reactor: one thread at a time may call turn()");
    }
    try {
      driver.lock(); // held by a closer only while it applies changes: briefly
      try {
        return closed ? 0 : turnLocked(timeoutNanos);
      } finally {
        try {
          if (closed) {
            shutdownLocked();
          }
        } finally {
          driver.unlock();
        }
      }
    } finally {
      turning.set(null);
    }
  }

  private int turnLocked(long timeoutNanos) throws IOException {
    int ready;
    selecting = true;
    try {
      ready = applyChanges();
      boolean wake = wakeRequested.getAndSet(false);
      select(wake || ready > 0 || !changes.isEmpty() ? 0 : timeoutNanos);
    } finally {
      selecting = false;
      wakeRequested.set(false); // a wakeup seen now is served by the caller's check after turn()
    }
    return ready + dispatchSelected();
  }

  private void select(long timeoutNanos) throws IOException {
    if (timeoutNanos == 0) {
      selector.selectNow(this::onSelected);
    } else if (timeoutNanos < 0 || timeoutNanos == Long.MAX_VALUE) {
      selector.select(this::onSelected);
    } else {
      long rest = timeoutNanos % NANOS_PER_MILLI;
      if (rest == 0 || !registrations.isEmpty()) {
        selector.select(this::onSelected, Math.ceilDiv(timeoutNanos, NANOS_PER_MILLI));
        return;
      }
      long millis = timeoutNanos / NANOS_PER_MILLI;
      if (millis > 0) {
        selector.select(this::onSelected, millis);
      }
      parkRest(rest);
    }
  }

  /** Parks the sub-millisecond rest of a wait while no channel is registered (see the notes). */
  private void parkRest(long nanos) {
    parkedTurner = Thread.currentThread();
    try {
      if (!wakeRequested.get() && changes.isEmpty() && !closed) {
        LockSupport.parkNanos(this, nanos);
      }
    } finally {
      parkedTurner = null;
    }
  }

  private void onSelected(SelectionKey key) {
    int readyOps;
    try {
      readyOps = key.readyOps();
    } catch (CancelledKeyException e) {
      return; // its channel was closed directly, by another thread, during the select
    }
    SelectorRegistration registration = (SelectorRegistration) key.attachment();
    if (registration.select(readyOps)) {
      selected.add(registration);
    }
  }

  /**
   * Holder of {@code driver}: applies every queued change; flushes cancelled keys, then closes
   * their channels. Wakes the registrations the flush found ready.
   *
   * @return the number of registrations the flush found ready
   */
  private int applyChanges() throws IOException {
    boolean cancelled = false;
    SelectorRegistration registration = changes.poll();
    while (registration != null) {
      int outcome = registration.applyChanges(selector, closeAfterFlush);
      if (outcome != SelectorRegistration.APPLIED) {
        registrations.remove(registration);
        cancelled |= outcome == SelectorRegistration.CANCELLED;
      }
      registration = changes.poll();
    }
    if (!cancelled) {
      return 0;
    }
    try {
      selector.selectNow(this::onSelected);
    } finally {
      closeAfterFlush.forEach(SelectorRegistration::closeChannelAndRelease);
      closeAfterFlush.clear();
    }
    return dispatchSelected();
  }

  /**
   * Any thread, after queueing the close of {@code registration}: returns once its channel is
   * closed. Applies the queued changes on the calling thread when no other thread drives the
   * reactor; otherwise wakes the driving thread, which applies them before its next select, and
   * waits for it. Inside a turn (a waker closing a channel), the close is left to that turn.
   *
   * <p>A virtual thread (a fiber) never applies them itself: it could be unmounted while holding
   * `driver` (a monitor or lock inside a channel's close is enough), and its carrier may be the
   * very thread that turns this reactor, which would then block in turn() on `driver` with the
   * fiber unable to run again to release it. So a virtual thread always wakes the driving thread
   * and waits; once the selector is closed it closes the channel itself, which needs no flush.
   */
  void awaitClosed(SelectorRegistration registration) {
    if (driver.isHeldByCurrentThread()) {
      return;
    }
    boolean virtual = Thread.currentThread().isVirtual();
    boolean interrupted = false;
    while (!registration.isReleased()) {
      if (virtual && selectorClosed) {
        registration.releaseAfterShutdown();
      } else if (!virtual && driver.tryLock()) {
        try {
          if (shutDown) {
            registration.releaseAfterShutdown();
          } else {
            applyChanges();
          }
        } catch (IOException e) {
          registration.closeChannelAndRelease(); // the selector failed: its key is moot
        } finally {
          driver.unlock();
        }
      } else {
        wakeup();
        interrupted |= !registration.awaitReleased(CLOSE_WAIT_SLICE_NANOS);
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Wakes the selected registrations; a waker that throws does not keep the others asleep. */
  private int dispatchSelected() {
    int ready = selected.size();
    RuntimeException failure = null;
    for (SelectorRegistration registration : selected) {
      try {
        registration.dispatch();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    selected.clear();
    if (failure != null) {
      throw failure;
    }
    return ready;
  }

  /**
   * Makes the {@link #turn(long)} running now return soon, or the next one not block. Thread-safe
   * and cheap: no system call unless a turn is about to select or is selecting.
   */
  @Override
  public void wakeup() {
    wakeRequested.set(true);
    if (selecting) {
      wakeSelect();
    }
  }

  /**
   * The number of channels registered and not yet deregistered, for metrics and tests.
   *
   * @return the count; changes queued but not applied yet are counted as registered
   */
  @Override
  public int registrations() {
    return registrations.size();
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  @Override
  public boolean isClosed() {
    return closed;
  }

  /**
   * Closes the reactor: every future waiting on it is woken, and its next poll fails with an
   * IOException ("reactor closed"); the selector is closed, which releases its descriptors.
   * Registered channels stay open (their owners close them). Idempotent and callable from any
   * thread: it wakes a running {@code turn} and waits for it to return, unless called from inside
   * it (a waker), in which case that turn finishes the close before it returns.
   */
  @Override
  public void close() {
    closed = true;
    wakeRequested.set(true); // seen by a turn even if its flush selectNow swallowed the wakeup
    wakeSelect();
    if (driver.isHeldByCurrentThread()) {
      return;
    }
    driver.lock();
    try {
      shutdownLocked();
    } finally {
      driver.unlock();
    }
  }

  private void shutdownLocked() {
    if (shutDown) {
      return;
    }
    shutDown = true;
    for (SelectorRegistration registration : registrations) {
      registration.onReactorClosed();
    }
    registrations.clear();
    try {
      selector.close(); // deregisters every key: closed channels release their descriptors now
    } catch (IOException e) {
      // The selector's descriptors are released even when close reports an error.
    }
    SelectorRegistration registration = changes.poll();
    while (registration != null) {
      registration.releaseAfterShutdown();
      registration = changes.poll();
    }
    selectorClosed = true;
  }
}
