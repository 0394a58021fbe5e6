package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.gearbox.future.Futures;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.testkit.sim.SimulatedRuntime;
import dev.gearbox.time.PausedClock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

class RuntimeTestSeedsTest {

  /** Run through the JUnit engine by the tests below, not by the build directly. */
  static class Samples {
    static final List<Long> seeds = new CopyOnWriteArrayList<>();

    @RuntimeTest(kinds = "simulated", seeds = 20, firstSeed = 100)
    void underTwentySeeds(Runtime runtime, SimulatedRuntime same) {
      assertThat(same).isSameAs(runtime);
      seeds.add(same.seed());
      assertThat(runtime.blockOn(Futures.ready(1))).isEqualTo(1);
    }

    @RuntimeTest(kinds = "simulated", seed = 7)
    void replayingOneSeed(SimulatedRuntime runtime) {
      seeds.add(runtime.seed());
    }

    @RuntimeTest(kinds = "simulated", seeds = 1000)
    void failingFromSeedFive(SimulatedRuntime runtime) {
      seeds.add(runtime.seed());
      assertThat(runtime.seed()).as("the seed").isLessThan(5);
    }

    @RuntimeTest(pausedTime = true)
    void withPausedTime(Runtime runtime) {
      assertThat(runtime.clock()).isInstanceOf(PausedClock.class);
      assertThat(((PausedClock) runtime.clock()).isPaused()).isTrue();
      seeds.add(0L);
    }
  }

  private static Events execute(String method, String parameters) {
    Samples.seeds.clear();
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selectMethod(Samples.class, method, parameters))
        .execute()
        .testEvents();
  }

  @Test
  void runsTheBodyOncePerSeedAsOneTest() {
    Events tests =
        execute(
            "underTwentySeeds", Runtime.class.getName() + "," + SimulatedRuntime.class.getName());
    tests.assertStatistics(stats -> stats.started(1).succeeded(1));
    tests
        .assertThatEvents()
        .haveExactly(
            1, event(test(), displayName("[simulated, seeds 100..119]"), finishedSuccessfully()));
    assertThat(Samples.seeds).hasSize(20).doesNotHaveDuplicates().allMatch(seed -> seed >= 100);
  }

  @Test
  void aFixedSeedRunsOnlyThatSeed() {
    execute("replayingOneSeed", SimulatedRuntime.class.getName())
        .assertStatistics(stats -> stats.started(1).succeeded(1));
    assertThat(Samples.seeds).containsExactly(7L);
  }

  @Test
  void reportsTheFirstFailingSeedAndHowToReplayIt() {
    Events tests = execute("failingFromSeedFive", SimulatedRuntime.class.getName());
    tests.assertStatistics(stats -> stats.started(1).failed(1));
    tests
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test(),
                finishedWithFailure(
                    message(
                        text ->
                            text.contains("failed with seed 5")
                                && text.contains("@RuntimeTest(kinds = \"simulated\", seed = 5)")
                                && text.contains("-Dgearbox.sim.seed=5")
                                && text.contains("after 6 of 1000 seeds")))));
    assertThat(Samples.seeds).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void pausedTimeStartsEveryRuntimePaused() {
    execute("withPausedTime", Runtime.class.getName())
        .assertStatistics(stats -> stats.failed(0).succeeded(Samples.seeds.size()));
    assertThat(Samples.seeds).isNotEmpty();
  }
}
