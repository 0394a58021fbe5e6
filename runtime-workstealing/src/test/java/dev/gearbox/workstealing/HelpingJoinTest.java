package dev.gearbox.workstealing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.runtime.Task;
import dev.gearbox.spi.sched.CoopBudget;
import dev.gearbox.spi.sched.HelpingJoin;
import dev.gearbox.testkit.PollNesting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Helping joins on this runtime: a task awaiting a child that has not started polls it in place, on
 * its worker's stack, within the nesting bound and the poll's cooperative budget. (That the
 * outcomes are those of ordinary joins is the conformance suite's HelpingJoinConformance.)
 */
@Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
class HelpingJoinTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static Runtime oneWorker() {
    return Runtimes.create(
        RuntimeConfig.of(
            Map.of(RuntimeConfig.RUNTIME_KEY, "workstealing", "gearbox.workers", "1")));
  }

  /** A node of a 10-ary tree that sums its leaves' numbers, noting how deep polls nest. */
  private static final class Node implements Future<Long> {
    private final long number;
    private final int depth;
    private final PollNesting nesting;
    private List<JoinHandle<Long>> children;
    private int next;
    private long sum;

    Node(long number, int depth, PollNesting nesting) {
      this.number = number;
      this.depth = depth;
      this.nesting = nesting;
    }

    @Override
    public Poll<Long> poll(Context cx) throws Exception {
      nesting.enter();
      try {
        if (depth == 0) {
          return Poll.ready(number);
        }
        if (children == null) {
          children = new ArrayList<>(10);
          for (int i = 0; i < 10; i++) {
            children.add(Task.spawn(new Node(number * 10 + i, depth - 1, nesting)));
          }
        }
        while (next < children.size()) {
          if (children.get(next).poll(cx) instanceof Poll.Ready<Long>(Long value)) {
            sum += value;
            next++;
          } else {
            return Poll.pending();
          }
        }
        return Poll.ready(sum);
      } finally {
        nesting.exit();
      }
    }
  }

  @Test
  void aTreeRunsChildrenInPlaceWithinTheNestingBound() throws Exception {
    PollNesting nesting = new PollNesting();
    try (Runtime runtime = oneWorker()) {
      long sum = runtime.spawn(new Node(0, 5, nesting)).join(WAIT);
      assertThat(sum).isEqualTo(100_000L * 99_999 / 2);
      assertThat(runtime.metrics().all().get("workstealing.polls.in_place")).isPositive();
      assertThat(nesting.deepest()).isBetween(2, HelpingJoin.MAX_DEPTH + 1);
    }
  }

  @Test
  void aLongChainNestsNoDeeperThanTheBound() throws Exception {
    PollNesting nesting = new PollNesting();
    try (Runtime runtime = oneWorker()) {
      long value = runtime.spawn(nesting.chain(2_000)).join(WAIT);
      assertThat(value).isEqualTo(2_000L);
      assertThat(nesting.deepest()).isEqualTo(HelpingJoin.MAX_DEPTH + 1);
    }
  }

  @Test
  void onePollRunsAtMostItsBudgetOfChildrenInPlace() throws Exception {
    int count = 1_000;
    AtomicInteger childPolls = new AtomicInteger();
    AtomicInteger mostInOnePoll = new AtomicInteger();
    try (Runtime runtime = oneWorker()) {
      long sum =
          runtime
              .spawn(
                  new Future<Long>() {
                    private List<JoinHandle<Integer>> children;
                    private int next;
                    private long total;

                    @Override
                    public Poll<Long> poll(Context cx) throws Exception {
                      int before = childPolls.get();
                      try {
                        if (children == null) {
                          children = new ArrayList<>(count);
                          for (int i = 0; i < count; i++) {
                            int value = i;
                            children.add(
                                Task.spawn(
                                    inner -> {
                                      childPolls.incrementAndGet();
                                      return Poll.ready(value);
                                    }));
                          }
                        }
                        while (next < count) {
                          Poll<Integer> poll = children.get(next).poll(cx);
                          if (poll.isPending()) {
                            return Poll.pending();
                          }
                          total += poll.value();
                          next++;
                        }
                        return Poll.ready(total);
                      } finally {
                        mostInOnePoll.accumulateAndGet(childPolls.get() - before, Math::max);
                      }
                    }
                  })
              .join(WAIT);
      assertThat(sum).isEqualTo((long) count * (count - 1) / 2);
      assertThat(mostInOnePoll.get()).isBetween(1, CoopBudget.PER_POLL);
      assertThat(runtime.metrics().all().get("workstealing.budget.forced_yields"))
          .as("an exhausted budget only stops polls in place")
          .isZero();
    }
  }
}
