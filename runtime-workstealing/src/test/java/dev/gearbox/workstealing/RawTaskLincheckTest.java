package dev.gearbox.workstealing;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.spi.RawTask;
import dev.gearbox.spi.TaskScheduler;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Model check of the task state machine as this runtime drives it (Lincheck): wakes, aborts and
 * runs of queue entries from any threads are linearizable, a task never has two queue entries, and
 * its future is never polled by two threads at once nor after it completed.
 */
public class RawTaskLincheckTest {
  private final ArrayDeque<RawTask<?>> queue = new ArrayDeque<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicInteger inPoll = new AtomicInteger();
  private final AtomicInteger overlaps = new AtomicInteger();
  private final AtomicInteger pollsAfterCompletion = new AtomicInteger();
  private final AtomicInteger maxQueued = new AtomicInteger();
  private final RawTask<Integer> task;

  private final boolean keepClaim;
  private final boolean deferYield;

  /** Creates the task, queued once as a spawn does. */
  public RawTaskLincheckTest() {
    this.keepClaim = keepsClaim();
    this.deferYield = defersYield();
    TaskScheduler scheduler =
        new TaskScheduler() {
          @Override
          public void schedule(RawTask<?> woken) {
            enqueue(woken);
          }

          @Override
          public void deferYield(RawTask<?> yielded) {
            enqueue(yielded); // as a worker's deferred list: one more place for the one entry
          }

          @Override
          public boolean yieldKeepsClaim() {
            return keepClaim;
          }

          @Override
          public void release(RawTask<?> finished) {}
        };
    task = new RawTask<>(new ThreePolls(), scheduler);
    enqueue(task);
  }

  /**
   * Whether a yield keeps the task's claim in its queue entry, as this runtime's scheduler does;
   * false here, so a yield re-queues the task unclaimed (SCHEDULED), as other runtimes do.
   *
   * @return whether the scheduler's {@code yieldKeepsClaim()} is true
   */
  protected boolean keepsClaim() {
    return false;
  }

  /**
   * Whether the task yields with a deferred wake ({@code Context.deferWake}, as {@code
   * Futures.yieldNow} does), which reaches the scheduler's {@code deferYield}; false here.
   *
   * @return whether the first poll defers its wake
   */
  protected boolean defersYield() {
    return false;
  }

  private void enqueue(RawTask<?> woken) {
    synchronized (queue) {
      queue.addLast(woken);
    }
    maxQueued.accumulateAndGet(queued.incrementAndGet(), Math::max);
  }

  /**
   * Yields in its first poll, completes on its third; counts overlapping polls and polls after
   * completion.
   */
  private final class ThreePolls implements Future<Integer> {
    private int polls;

    @Override
    public Poll<Integer> poll(Context cx) {
      if (inPoll.getAndIncrement() != 0) {
        overlaps.incrementAndGet();
      }
      if (polls >= 3) {
        pollsAfterCompletion.incrementAndGet();
      }
      polls++;
      if (polls == 1 && deferYield) {
        cx.deferWake(); // Futures.yieldNow's wake: noted in a plain field as well
      } else if (polls == 1) {
        cx.waker().wake(); // a yield: the wake from inside its own poll takes no CAS
      }
      inPoll.decrementAndGet();
      return polls == 3 ? Poll.ready(polls) : Poll.pending();
    }
  }

  /** A waker fires from some thread. */
  @Operation
  public void wake() {
    task.wake();
  }

  /** The handle is aborted from some thread. */
  @Operation
  public void abort() {
    task.abort();
  }

  /**
   * A worker takes the queue entry, if there is one, and runs it.
   *
   * @return whether the future was polled
   */
  @Operation
  public boolean runQueued() {
    RawTask<?> next;
    synchronized (queue) {
      next = queue.pollFirst();
    }
    if (next == null) {
      return false;
    }
    queued.decrementAndGet();
    return next.run();
  }

  /** The invariants, checked after every scenario. */
  @Validate
  public void checkInvariants() {
    if (overlaps.get() != 0) {
      throw new IllegalStateException("overlapping polls: " + overlaps.get());
    }
    if (pollsAfterCompletion.get() != 0) {
      throw new IllegalStateException("polled after Ready: " + pollsAfterCompletion.get());
    }
    if (maxQueued.get() > 1) {
      throw new IllegalStateException("queue entries at once: " + maxQueued.get());
    }
    int state = task.state();
    boolean complete = (state & RawTask.COMPLETE) != 0;
    if (keepClaim && !complete && (state & RawTask.RUNNING) != 0) {
      // a claimed entry: RUNNING (with a wake or an abort noted, maybe) while it waits in the queue
      if (queued.get() != 1 || (state & RawTask.SCHEDULED) != 0) {
        throw new IllegalStateException(
            "claimed at rest: " + RawTask.describe(state) + ", entries " + queued.get());
      }
      return;
    }
    if ((state & (RawTask.RUNNING | RawTask.NOTIFIED)) != 0
        || ((state & RawTask.CANCELLED) != 0 && !complete)
        || (!complete && (state & RawTask.SCHEDULED) != 0 && queued.get() != 1)
        || (!complete && (state & RawTask.SCHEDULED) == 0 && queued.get() != 0)) {
      throw new IllegalStateException(
          "inconsistent at rest: " + RawTask.describe(state) + ", entries " + queued.get());
    }
  }

  @Test
  void modelCheck() {
    new ModelCheckingOptions()
        .iterations(10)
        .invocationsPerIteration(500)
        .threads(3)
        .actorsPerThread(3)
        .check(getClass()); // a subclass checks its own model with the same options
  }
}
