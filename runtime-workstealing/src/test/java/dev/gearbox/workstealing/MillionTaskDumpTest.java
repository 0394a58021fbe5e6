package dev.gearbox.workstealing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.testkit.TaskDumpConformance;
import dev.gearbox.testkit.ThreadAllocation;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * A task dump of a million live tasks stays bounded: with limit 10 it counts every task, lists ten,
 * and allocates a few kilobytes, not a cost per task. Run on one runtime (the default one), as the
 * walk is the same SPI census on every runtime and the conformance suite checks the bound at
 * 100,000 tasks on each.
 */
class MillionTaskDumpTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int TASKS = 1_000_000;

  /** Well below one byte per task: a dump that kept anything per task would pass it. */
  private static final long BOUND = 1024 * 1024;

  @Test
  @Timeout(value = 120, threadMode = ThreadMode.SEPARATE_THREAD)
  void aDumpOfAMillionIdleTasksAllocatesForTheListedOnesOnly() {
    Runtime runtime = WorkStealingRuntimeProvider.builder().workers(2).build();
    try {
      TaskDumpConformance.spawnIdleTasks(runtime, TASKS, WAIT);

      long[] counted = new long[1];
      long allocated = ThreadAllocation.during(() -> counted[0] = runtime.dumpTasks(10).total());
      assertThat(counted[0]).isEqualTo(TASKS);
      if (allocated >= 0) {
        assertThat(allocated)
            .as("bytes a dump of %,d tasks with limit 10 allocated", TASKS)
            .isLessThan(BOUND);
      }
      String text = runtime.dumpTasks(10).toString();
      assertThat(text).contains(TASKS + " live tasks, the first 10 listed");
      System.out.printf(
          "task dump of %,d idle tasks, limit 10: %,d bytes allocated, %,d chars of text%n",
          TASKS, allocated, text.length());
    } finally {
      assertThat(runtime.shutdown(WAIT)).isTrue();
    }
  }
}
