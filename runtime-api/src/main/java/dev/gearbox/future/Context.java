package dev.gearbox.future;

import java.util.Objects;

/**
 * What a future is polled with: the waker of the task that polls it, and the drivers (timers, I/O)
 * of the runtime that polls it. Futures reach the runtime only through their context, never through
 * global state, so the same future works on every runtime and under a hand-made test context.
 *
 * <p>A context is valid only for the duration of the poll it was passed to: store its waker, never
 * the context.
 */
public interface Context {

  /**
   * The waker of the task being polled.
   *
   * @return the waker; never {@code null}
   */
  Waker waker();

  /**
   * The driver of the runtime polling this context: its timers and its I/O reactor, which the
   * layers that own them read with a type test ({@code Timer.of(cx)}, {@code Reactor.of(cx)}).
   * Cheap: a field read on a runtime's context. A context that wraps another forwards it.
   *
   * @return the driver, or null when this context has none (the default, as for contexts made by
   *     {@link #of(Waker)})
   */
  default Driver driver() {
    return null;
  }

  /**
   * A context with the given waker and no runtime drivers, for polling futures by hand.
   *
   * @param waker the waker to hand to the futures polled with it
   * @return a context
   * @throws NullPointerException if {@code waker} is null
   */
  static Context of(Waker waker) {
    Objects.requireNonNull(waker, "waker");
    return () -> waker;
  }

  /**
   * Wakes {@link #waker()} late: after the polling worker has run its other ready tasks and looked
   * at its timers and I/O (Tokio's {@code context::defer}, which its {@code yield_now} uses). A
   * future that only wants to give way, not to wait for anything ({@link Futures#yieldNow}), calls
   * this and returns Pending; the task is polled again soon, but not before the work that was ready
   * when it yielded. A runtime without an idle point to defer to, and a context made by {@link
   * #of(Waker)}, wake at once (the default). Constant time, no allocation.
   */
  default void deferWake() {
    waker().wake();
  }

  /**
   * Notes, for task dumps, the future the polling task waits in: a leaf future (one that stores the
   * waker itself: a channel receive, a lock, a sleep, a socket read) calls this with a constant
   * label, such as {@code "Channel.receive"}, when it returns Pending. A runtime's task keeps the
   * last label of its poll in one plain field (no allocation, no atomic); the default does nothing.
   *
   * @param leaf a constant label naming the future, as {@code Type.operation}
   */
  default void waitingIn(String leaf) {}

  /**
   * Spends one unit of the polling task's cooperative budget (Tokio's {@code coop}). A future that
   * could complete at once (a channel with a message ready, a free lock, an elapsed timer) calls
   * this first; on false the budget is exhausted and the future must wake {@code waker()} and
   * return Pending, so one task looping over always-ready futures cannot starve the others of its
   * worker. Constant time; the default, for runtimes and contexts without a budget, always returns
   * true.
   *
   * @return true to proceed, false to yield
   */
  default boolean consumeBudget() {
    return true;
  }

  /**
   * Spends one unit of the cooperative budget, as {@link #consumeBudget()}; when it is exhausted,
   * also wakes {@link #waker()} so the task is polled again later. A future that could complete at
   * once writes {@code if (!cx.proceedOrYield()) return Poll.pending();} (Tokio's {@code
   * coop::poll_proceed}). Constant time.
   *
   * @return true to proceed, false to return Pending (the waker was woken)
   */
  default boolean proceedOrYield() {
    if (consumeBudget()) {
      return true;
    }
    waker().wake();
    return false;
  }
}
