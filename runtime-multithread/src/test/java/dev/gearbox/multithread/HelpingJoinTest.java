package dev.gearbox.multithread;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.spi.sched.HelpingJoin;
import dev.gearbox.testkit.PollNesting;
import java.time.Duration;
import java.util.Map;
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

  @Test
  void aLongChainIsPolledInPlaceNoDeeperThanTheBound() throws Exception {
    PollNesting nesting = new PollNesting();
    Map<String, String> config =
        Map.of(
            RuntimeConfig.RUNTIME_KEY,
            MultithreadRuntimeProvider.KIND,
            "gearbox.workers",
            "1",
            MultithreadRuntimeProvider.MAX_EXTRA_WORKERS.name(),
            "0");
    try (Runtime runtime = Runtimes.create(RuntimeConfig.of(config))) {
      assertThat(runtime.spawn(nesting.chain(2_000)).join(WAIT)).isEqualTo(2_000L);
      assertThat(nesting.deepest()).isEqualTo(HelpingJoin.MAX_DEPTH + 1);
    }
  }
}
