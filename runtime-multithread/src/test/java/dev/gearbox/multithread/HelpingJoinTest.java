package dev.gearbox.multithread;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.runtime.Task;
import dev.gearbox.spi.sched.HelpingJoin;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Helping joins on this runtime: a task awaiting a child that has not started polls it in place, on
 * its worker's stack, within the nesting bound. Polls nest only when a worker polls a task in
 * place, so the deepest nesting seen shows both that it helps and that it stops at the bound. (That
 * the outcomes are those of ordinary joins is the conformance suite's HelpingJoinConformance.)
 */
@Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
class HelpingJoinTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** Polls nested on the current thread's stack. */
  private static final ThreadLocal<int[]> NESTING = ThreadLocal.withInitial(() -> new int[1]);

  private static final AtomicInteger MAX_NESTING = new AtomicInteger();

  @Test
  void aLongChainIsPolledInPlaceNoDeeperThanTheBound() throws Exception {
    MAX_NESTING.set(0);
    Map<String, String> config =
        Map.of(
            RuntimeConfig.RUNTIME_KEY,
            MultithreadRuntimeProvider.KIND,
            "gearbox.workers",
            "1",
            MultithreadRuntimeProvider.MAX_EXTRA_WORKERS.name(),
            "0");
    try (Runtime runtime = Runtimes.create(RuntimeConfig.of(config))) {
      assertThat(runtime.spawn(new Chain(2_000)).join(WAIT)).isEqualTo(2_000L);
      assertThat(MAX_NESTING.get()).isEqualTo(HelpingJoin.MAX_DEPTH + 1);
    }
  }

  /** Spawns the next link and awaits it, noting how deep polls nest. */
  private static final class Chain implements Future<Long> {
    private final int remaining;
    private JoinHandle<Long> next;

    Chain(int remaining) {
      this.remaining = remaining;
    }

    @Override
    public Poll<Long> poll(Context cx) throws Exception {
      int[] nesting = NESTING.get();
      MAX_NESTING.accumulateAndGet(++nesting[0], Math::max);
      try {
        if (remaining == 1) {
          return Poll.ready(1L);
        }
        if (next == null) {
          next = Task.spawn(new Chain(remaining - 1));
        }
        return next.poll(cx).map(value -> value + 1);
      } finally {
        nesting[0]--;
      }
    }
  }
}
