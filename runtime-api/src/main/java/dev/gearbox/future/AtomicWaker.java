package dev.gearbox.future;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * One waker slot that the polling side fills and any thread empties, without locks and without lost
 * wake-ups (Rust futures' {@code AtomicWaker}).
 *
 * <p>Use: the consumer, inside {@code poll}, calls {@link #register} with {@code cx.waker()} and
 * then checks its condition again before returning Pending; producers make the condition true and
 * then call {@link #wake()}. Whatever the interleaving, either the consumer's second check sees the
 * condition or the producer's {@code wake()} reaches the registered waker.
 *
 * <p>Cost: {@code register} is one CAS, plus a second one to release, and skips the store when the
 * registered waker {@linkplain Waker#willWake will wake} the same task; {@code wake} is two atomic
 * read-modify-writes and allocates nothing. {@code register} must be called by one thread at a time
 * (the task polling the owner); {@code wake} and {@link #take()} from any thread, concurrently.
 */
public final class AtomicWaker {
  /*
   * Implementation notes (after futures-rs, futures-core/src/task/__internal/atomic_waker.rs).
   *
   * `state` is a tiny lock with two holders that never block each other:
   *   WAITING               nobody touches `waker`; it holds the registered waker or null.
   *   REGISTERING           the registrar owns `waker` and is replacing it.
   *   WAKING                a waker owns `waker` and is taking it out.
   *   REGISTERING | WAKING  a wake arrived while registering: the waker gave up, so the registrar
   *                         takes the waker it just stored and wakes it itself before releasing.
   *
   * register: CAS WAITING -> REGISTERING (acquire); store; CAS REGISTERING -> WAITING. If that CAS
   *   fails the state is REGISTERING|WAKING: take the waker, reset to WAITING, wake it. If the first
   *   CAS sees WAKING, a wake is taking the old waker right now: wake the new one directly, since
   *   the wake it races with might have been meant for this registration.
   * take (and wake): OR in WAKING; if the state was WAITING we own `waker`: take it and clear WAKING
   *   (release). Otherwise someone else handles it: a registrar (see above) or another waker.
   *
   * `waker` is a plain field: written only by the holder of REGISTERING or WAKING, and published by
   * the releasing CAS or store on `state`.
   */

  private static final int WAITING = 0;
  private static final int REGISTERING = 1;
  private static final int WAKING = 1 << 1;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(AtomicWaker.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile int state = WAITING;
  private Waker waker;

  /** Creates an empty slot. */
  public AtomicWaker() {}

  /**
   * Stores {@code newWaker} in place of the registered waker, to be woken by the next {@link
   * #wake()}. If a wake is in progress at the same time, {@code newWaker} is woken at once, so the
   * caller polls again. Call it before the final check of the condition the caller waits for.
   *
   * @param newWaker the waker of the task that is polling
   * @throws NullPointerException if {@code newWaker} is null
   * @throws IllegalStateException if another thread is registering at the same time (a misuse)
   */
  public void register(Waker newWaker) {
    Objects.requireNonNull(newWaker, "newWaker");
    int witness = (int) STATE.compareAndExchangeAcquire(this, WAITING, REGISTERING);
    if (witness == WAITING) {
      Waker old = waker;
      if (old == null || !old.willWake(newWaker)) {
        waker = newWaker;
      }
      int afterStore = (int) STATE.compareAndExchange(this, REGISTERING, WAITING);
      if (afterStore != REGISTERING) {
        // A wake arrived while we held the slot and left the work to us.
        Waker registered = waker;
        waker = null;
        STATE.setVolatile(this, WAITING);
        registered.wake();
      }
    } else if (witness == WAKING) {
      newWaker.wake();
      Thread.onSpinWait();
    } else {
      throw new IllegalStateException(
          "AtomicWaker.register called concurrently from several threads; only one may register");
    }
  }

  /**
   * Wakes and removes the registered waker, if there is one. Thread-safe, lock-free, and a no-op
   * when the slot is empty.
   */
  public void wake() {
    Waker registered = take();
    if (registered != null) {
      registered.wake();
    }
  }

  /**
   * Removes the registered waker without waking it, for a future that is dropped and wants to
   * release its task. Thread-safe.
   *
   * @return the waker that was registered, or null if none was (or another thread is taking it)
   */
  public Waker take() {
    int prior = (int) STATE.getAndBitwiseOr(this, WAKING);
    if (prior != WAITING) {
      return null;
    }
    Waker registered = waker;
    waker = null;
    STATE.getAndBitwiseAndRelease(this, ~WAKING);
    return registered;
  }
}
