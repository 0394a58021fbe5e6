package dev.gearbox.testkit;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Task;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** Futures that spawn and await children, for {@link HelpingJoinConformance}. */
final class JoinFutures {
  private JoinFutures() {}

  /**
   * Spawns the next link (unless the last) and awaits it; returns the number of links. Its polls
   * are counted by {@code nesting}.
   */
  static final class ChainLink implements Future<Long> {
    private final int remaining;
    private final PollNesting nesting;
    private JoinHandle<Long> next;

    ChainLink(int remaining, PollNesting nesting) {
      this.remaining = remaining;
      this.nesting = nesting;
    }

    @Override
    public Poll<Long> poll(Context cx) throws Exception {
      nesting.enter();
      try {
        if (remaining == 1) {
          return Poll.ready(1L);
        }
        if (next == null) {
          next = Task.spawn(new ChainLink(remaining - 1, nesting));
        }
        Poll<Long> poll = next.poll(cx);
        return poll.isPending() ? Poll.pending() : Poll.ready(poll.value() + 1);
      } finally {
        nesting.exit();
      }
    }
  }

  /** Spawns a child on its first poll and completes with the JoinException its join throws. */
  static final class AwaitOutcome<T> implements Future<JoinException> {
    private final Supplier<JoinHandle<T>> spawn;
    private JoinHandle<T> child;

    AwaitOutcome(Supplier<JoinHandle<T>> spawn) {
      this.spawn = spawn;
    }

    @Override
    public Poll<JoinException> poll(Context cx) throws Exception {
      if (child == null) {
        child = spawn.get();
      }
      try {
        return child.poll(cx).isPending() ? Poll.pending() : Poll.ready(null);
      } catch (JoinException failed) {
        return Poll.ready(failed);
      }
    }
  }

  /**
   * Returns its index, after yielding (index % 4 == 1, twice), waiting for a wake from another
   * thread (index % 4 == 2) or at once; notes a poll that overlaps another or follows Ready.
   */
  static final class CheckedChild implements Future<Integer> {
    private final int index;
    private final ConcurrentLinkedQueue<Waker> toWake;
    private final AtomicInteger violations;
    private final AtomicReference<String> firstViolation;
    private final AtomicInteger inPoll = new AtomicInteger();
    private int polls;
    private boolean ready;

    CheckedChild(
        int index,
        ConcurrentLinkedQueue<Waker> toWake,
        AtomicInteger violations,
        AtomicReference<String> firstViolation) {
      this.index = index;
      this.toWake = toWake;
      this.violations = violations;
      this.firstViolation = firstViolation;
    }

    @Override
    public Poll<Integer> poll(Context cx) {
      if (inPoll.getAndIncrement() != 0) {
        violation("overlapping polls of child " + index);
      }
      try {
        if (ready) {
          violation("child " + index + " polled after Ready");
        }
        polls++;
        int pendingPolls = index % 4 == 1 ? 2 : index % 4 == 2 ? 1 : 0;
        if (polls <= pendingPolls) {
          if (index % 4 == 1) {
            cx.waker().wake(); // a yield
          } else {
            toWake.add(cx.waker()); // woken from the waker thread
          }
          return Poll.pending();
        }
        ready = true;
        return Poll.ready(index);
      } finally {
        inPoll.decrementAndGet();
      }
    }

    private void violation(String what) {
      violations.incrementAndGet();
      firstViolation.compareAndSet(null, what);
    }
  }
}
