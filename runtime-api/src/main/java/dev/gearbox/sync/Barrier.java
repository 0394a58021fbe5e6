package dev.gearbox.sync;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets a fixed number of tasks wait for each other (Tokio's {@code Barrier}): each calls {@link
 * #await()}, and all of them proceed once the {@code parties}-th arrives. The barrier then resets
 * for the next round. Exactly one task per round, the last to arrive, is told it is the leader.
 *
 * <p>Fairness: waiters of a round are released together, in the order they arrived.
 *
 * <p>Cancellation: an {@code await()} future dropped before its round completed withdraws its
 * arrival, so the round waits for another party instead of releasing early; dropping it after the
 * round completed changes nothing.
 *
 * <p>Cost: each arrival takes the lock once; the last wakes the others after releasing it.
 * Thread-safe.
 */
public final class Barrier {
  private final ReentrantLock lock = new ReentrantLock();
  private final WaitQueue<Arrival> waiting = new WaitQueue<>();
  private final int parties;

  /**
   * Creates a barrier for {@code parties} tasks.
   *
   * @param parties how many arrivals release a round, at least 1
   * @throws IllegalArgumentException if {@code parties} is less than 1
   */
  public Barrier(int parties) {
    if (parties < 1) {
      throw new IllegalArgumentException("parties must be at least 1, but was " + parties);
    }
    this.parties = parties;
  }

  /**
   * A future that arrives at the barrier on its first poll and completes when the round is full:
   * with true for the leader (the last to arrive), false for the others.
   *
   * @return the future of this arrival
   */
  public Future<Boolean> await() {
    return new Arrival(this);
  }

  /**
   * How many tasks release a round.
   *
   * @return the parties given at creation
   */
  public int parties() {
    return parties;
  }

  /**
   * How many tasks wait in the current round; a snapshot.
   *
   * @return the waiting arrivals
   */
  public int waiting() {
    lock.lock();
    try {
      return waiting.size();
    } finally {
      lock.unlock();
    }
  }

  /** The future of one {@link #await()}; its fields are guarded by the barrier's lock. */
  private static final class Arrival extends WaitNode<Arrival> implements Future<Boolean> {
    private static final int IDLE = 0;
    private static final int WAITING = 1;
    private static final int RELEASED = 2;
    private static final int DONE = 3;

    private final Barrier barrier;
    private int phase = IDLE;

    Arrival(Barrier barrier) {
      this.barrier = barrier;
    }

    @Override
    public Poll<Boolean> poll(Context cx) {
      WakeList released = new WakeList();
      barrier.lock.lock();
      try {
        switch (phase) {
          case IDLE -> {
            if (barrier.waiting.size() + 1 < barrier.parties) {
              barrier.waiting.append(this);
              setWaker(cx.waker());
              phase = WAITING;
              cx.waitingIn("Barrier.await");
              return Poll.pending();
            }
            if (!cx.proceedOrYield()) {
              cx.waitingIn("Barrier.await");
              return Poll.pending();
            }
            for (Arrival other = barrier.waiting.pollFirst();
                other != null;
                other = barrier.waiting.pollFirst()) {
              other.phase = RELEASED;
              released.add(other.takeWaker());
            }
            phase = DONE;
            return Poll.ready(Boolean.TRUE);
          }
          case WAITING -> {
            setWaker(cx.waker());
            cx.waitingIn("Barrier.await");
            return Poll.pending();
          }
          case RELEASED -> {
            if (!cx.proceedOrYield()) {
              cx.waitingIn("Barrier.await");
              return Poll.pending();
            }
            phase = DONE;
            return Poll.ready(Boolean.FALSE);
          }
          default -> throw new IllegalStateException("barrier await polled after it completed");
        }
      } finally {
        barrier.lock.unlock();
        released.wakeAll();
      }
    }

    @Override
    public void drop() {
      barrier.lock.lock();
      try {
        barrier.waiting.remove(this);
        phase = DONE;
        waker = null;
      } finally {
        barrier.lock.unlock();
      }
    }
  }
}
