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
 * Model check of the task state machine with polls in place (helping joins, {@link
 * RawTask#runInPlace()}) beside wakes, aborts and runs of queue entries from three threads: the
 * future is never polled by two threads at once nor after it completed, a task never has two live
 * queue entries, and no wake is lost (a task idle at rest is waiting after its first poll, and no
 * wake began after that poll did). The operations return nothing: whether a run or a poll in place
 * got to poll depends on how the two interleave, which no sequential order of whole operations
 * reproduces; the invariants are the check. Run with claimed yields (this runtime's scheduler) and,
 * in a subclass, without.
 */
public class RawTaskInPlaceLincheckTest {
  private final ArrayDeque<RawTask<?>> queue = new ArrayDeque<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicInteger inPoll = new AtomicInteger();
  private final AtomicInteger overlaps = new AtomicInteger();
  private final AtomicInteger pollsAfterCompletion = new AtomicInteger();
  private final AtomicInteger maxLive = new AtomicInteger();
  private final AtomicInteger polls = new AtomicInteger();
  private final AtomicInteger latestWakeAfterPolls = new AtomicInteger(-1);
  private final RawTask<Integer> task;
  private final boolean keepClaim;

  /** Creates the task, queued once as a spawn does. */
  public RawTaskInPlaceLincheckTest() {
    this.keepClaim = keepsClaim();
    TaskScheduler scheduler =
        new TaskScheduler() {
          @Override
          public void schedule(RawTask<?> woken) {
            enqueue(woken);
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
   * Whether a yield keeps the task's claim in its queue entry; true here, as this runtime's
   * scheduler does.
   *
   * @return whether the scheduler's {@code yieldKeepsClaim()} is true
   */
  protected boolean keepsClaim() {
    return true;
  }

  private void enqueue(RawTask<?> woken) {
    synchronized (queue) {
      queue.addLast(woken);
    }
    int entries = queued.incrementAndGet();
    if ((task == null || !task.isFinished()) && entries > 1) {
      // two entries of a task that is not complete: both would be live
      maxLive.accumulateAndGet(entries, Math::max);
    }
  }

  /** Waits for a wake after its first poll, yields in its second, completes on its third. */
  private final class ThreePolls implements Future<Integer> {
    private int count;

    @Override
    public Poll<Integer> poll(Context cx) {
      if (inPoll.getAndIncrement() != 0) {
        overlaps.incrementAndGet();
      }
      if (count >= 3) {
        pollsAfterCompletion.incrementAndGet();
      }
      polls.incrementAndGet();
      count++;
      if (count == 2) {
        cx.waker().wake(); // a yield
      }
      inPoll.decrementAndGet();
      return count == 3 ? Poll.ready(count) : Poll.pending();
    }
  }

  /** A waker fires from some thread. */
  @Operation
  public void wake() {
    // A wake that begins after n polls began must be followed by a poll n + 1 (or the end).
    latestWakeAfterPolls.accumulateAndGet(polls.get(), Math::max);
    task.wake();
  }

  /** The handle is aborted from some thread. */
  @Operation
  public void abort() {
    task.abort();
  }

  /** A worker takes the queue entry, if there is one, and runs it. */
  @Operation
  public void runQueued() {
    RawTask<?> next;
    synchronized (queue) {
      next = queue.pollFirst();
    }
    if (next != null) {
      queued.decrementAndGet();
      next.run();
    }
  }

  /** A joiner polls the task in place, leaving its queue entry where it is. */
  @Operation
  public void runInPlace() {
    task.runInPlace();
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
    if (maxLive.get() > 1) {
      throw new IllegalStateException("live queue entries at once: " + maxLive.get());
    }
    int state = task.state();
    if ((state & RawTask.COMPLETE) != 0) {
      return; // entries left are stale
    }
    if ((state & RawTask.CANCELLED) != 0) {
      throw new IllegalStateException("cancelled at rest: " + RawTask.describe(state));
    }
    if ((state & RawTask.RUNNING) != 0) {
      // only a claimed entry leaves a task RUNNING at rest
      if (!keepClaim || queued.get() != 1 || (state & RawTask.SCHEDULED) != 0) {
        throw new IllegalStateException(
            "running at rest: " + RawTask.describe(state) + ", entries " + queued.get());
      }
      return;
    }
    if ((state & RawTask.NOTIFIED) != 0
        || ((state & RawTask.SCHEDULED) != 0) != (queued.get() == 1)
        || queued.get() > 1) {
      throw new IllegalStateException(
          "inconsistent at rest: " + RawTask.describe(state) + ", entries " + queued.get());
    }
    if ((state & RawTask.SCHEDULED) == 0 && polls.get() != 1) {
      // idle, waiting for a wake, though its last poll yielded: the yield was lost
      throw new IllegalStateException("lost the yield: idle after " + polls.get() + " poll(s)");
    }
    if ((state & RawTask.SCHEDULED) == 0 && latestWakeAfterPolls.get() >= polls.get()) {
      // idle, though no poll began after a wake did: the wake was lost
      throw new IllegalStateException("lost a wake: idle after " + polls.get() + " poll(s)");
    }
  }

  @Test
  void modelCheck() {
    new ModelCheckingOptions()
        .iterations(20)
        .invocationsPerIteration(500)
        .threads(3)
        .actorsPerThread(3)
        .check(getClass()); // a subclass checks its own model with the same options
  }
}
