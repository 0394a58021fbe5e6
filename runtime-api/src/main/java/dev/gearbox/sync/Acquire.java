package dev.gearbox.sync;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;

/**
 * The future of one acquire of {@link Semaphore} permits, and its node in the semaphore's queue of
 * waiters. What it completes with is up to the subclass: a {@link SemaphorePermit}, a lock guard.
 *
 * <p>Phases: IDLE (not polled yet, or detached by a close), WAITING (queued), GRANTED (the permits
 * are its own; the next poll returns them), DONE (completed, failed or dropped). {@code phase} is
 * written under the semaphore's lock (or by the owner outside the queue) and read by the owner
 * without it; {@code needed} and the links are guarded by the lock.
 *
 * @param <R> the output type
 */
abstract class Acquire<R> extends WaitNode<Acquire<?>> implements Future<R> {
  static final int IDLE = 0;
  static final int WAITING = 1;
  static final int GRANTED = 2;
  static final int DONE = 3;

  final Semaphore semaphore;
  final int permits;
  int needed;
  volatile int phase = IDLE;

  Acquire(Semaphore semaphore, int permits) {
    this.semaphore = semaphore;
    this.permits = permits;
  }

  /** The label of this wait in task dumps ({@code Context.waitingIn}). */
  String leaf() {
    return "Semaphore.acquire";
  }

  /** What the future completes with, once it owns its permits. */
  abstract R granted();

  @Override
  public final Poll<R> poll(Context cx) {
    switch (phase) {
      case GRANTED -> {
        return complete(cx);
      }
      case DONE -> throw new IllegalStateException("acquire future polled after it completed");
      case IDLE -> {
        int current = semaphore.state();
        while ((current & (Semaphore.HAS_WAITERS | Semaphore.CLOSED)) == 0
            && (current >>> Semaphore.PERMIT_SHIFT) >= permits) {
          if (!cx.proceedOrYield()) {
            cx.waitingIn(leaf());
            return Poll.pending();
          }
          int witness = semaphore.casState(current, current - (permits << Semaphore.PERMIT_SHIFT));
          if (witness == current) {
            phase = DONE;
            return Poll.ready(granted());
          }
          current = witness;
        }
        return enqueue(cx);
      }
      default -> {
        return pollWaiting(cx);
      }
    }
  }

  @Override
  public final void drop() {
    int seen = phase;
    if (seen == IDLE || seen == DONE) {
      phase = DONE;
      return;
    }
    WakeList wakers = new WakeList();
    boolean releaseAll = seen == GRANTED;
    if (!releaseAll) {
      semaphore.lock.lock();
      try {
        if (phase == GRANTED) {
          releaseAll = true;
        } else if (semaphore.waiters.remove(this)) {
          waker = null;
          semaphore.releaseLocked(permits - needed, wakers);
        }
        phase = DONE;
      } finally {
        semaphore.lock.unlock();
      }
    }
    phase = DONE;
    if (releaseAll) {
      semaphore.release(permits);
    }
    wakers.wakeAll();
  }

  private Poll<R> enqueue(Context cx) {
    semaphore.lock.lock();
    try {
      int current = semaphore.state();
      while (true) {
        if ((current & Semaphore.CLOSED) != 0) {
          phase = DONE;
          throw new SemaphoreClosedException("acquire of " + permits + " on a closed semaphore");
        }
        int free = current >>> Semaphore.PERMIT_SHIFT;
        boolean enough = (current & Semaphore.HAS_WAITERS) == 0 && free >= permits;
        if (enough && !cx.proceedOrYield()) {
          cx.waitingIn(leaf());
          return Poll.pending();
        }
        int next =
            enough
                ? current - (permits << Semaphore.PERMIT_SHIFT)
                : (current & Semaphore.CLOSED) | Semaphore.HAS_WAITERS;
        int witness = semaphore.casState(current, next);
        if (witness != current) {
          current = witness;
          continue;
        }
        if (enough) {
          phase = DONE;
          return Poll.ready(granted());
        }
        needed = permits - free;
        semaphore.waiters.append(this);
        setWaker(cx.waker());
        phase = WAITING;
        cx.waitingIn(leaf());
        return Poll.pending();
      }
    } finally {
      semaphore.lock.unlock();
    }
  }

  private Poll<R> pollWaiting(Context cx) {
    semaphore.lock.lock();
    try {
      int seen = phase;
      if (seen == WAITING) {
        setWaker(cx.waker());
        cx.waitingIn(leaf());
        return Poll.pending();
      }
      if (seen == IDLE) {
        phase = DONE;
        throw new SemaphoreClosedException("semaphore closed while waiting for " + permits);
      }
    } finally {
      semaphore.lock.unlock();
    }
    return complete(cx);
  }

  private Poll<R> complete(Context cx) {
    if (!cx.proceedOrYield()) {
      cx.waitingIn(leaf());
      return Poll.pending();
    }
    phase = DONE;
    return Poll.ready(granted());
  }

  /** {@link Semaphore#acquire(int)}: completes with a {@link SemaphorePermit}. */
  static final class OfPermit extends Acquire<SemaphorePermit> {
    OfPermit(Semaphore semaphore, int permits) {
      super(semaphore, permits);
    }

    @Override
    SemaphorePermit granted() {
      return new SemaphorePermit(semaphore, permits);
    }
  }
}
