package dev.gearbox.minimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;

import dev.gearbox.future.Poll;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.testkit.RuntimeTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

class RuntimeTestExtensionTest {

  @RuntimeTest
  void runsOnEveryInstalledRuntime(Runtime runtime) {
    assertThat(Runtimes.available()).contains(runtime.kind());
    assertThat(runtime.<Integer>blockOn(cx -> Poll.ready(42))).isEqualTo(42);
  }

  @RuntimeTest(kinds = "minimal", config = "gearbox.workers=2")
  void takesConfiguration(Runtime runtime) throws Exception {
    assertThat(runtime.kind()).isEqualTo("minimal");
    assertThat(runtime.spawn(cx -> Poll.ready(1)).join(Duration.ofSeconds(10))).isEqualTo(1);
    assertThat(runtime.metrics().workers()).isEqualTo(2);
  }

  /** Run through the JUnit engine by the tests below, not by the build directly. */
  static class Samples {
    static final List<Runtime> seen = new CopyOnWriteArrayList<>();

    @RuntimeTest
    void everyKind(Runtime runtime, Runtime sameRuntime) {
      assertThat(sameRuntime).isSameAs(runtime);
      seen.add(runtime);
    }

    @RuntimeTest(kinds = "no-such-kind")
    void missingKind(Runtime runtime) {
      seen.add(runtime);
    }
  }

  @Test
  void runsOncePerKindNamedAfterItAndShutsTheRuntimeDown() {
    Samples.seen.clear();
    Events tests = execute("everyKind");
    tests.assertStatistics(
        stats -> stats.started(Runtimes.available().size()).succeeded(Runtimes.available().size()));
    tests
        .assertThatEvents()
        .haveExactly(1, event(test(), displayName("[minimal]"), finishedSuccessfully()));
    assertThat(Samples.seen).hasSize(Runtimes.available().size());
    assertThat(Samples.seen).allMatch(Runtime::isTerminated);
  }

  @Test
  void skipsWithAReasonWhenNoWantedKindIsInstalled() {
    Samples.seen.clear();
    Events tests = execute("missingKind");
    tests.assertStatistics(stats -> stats.started(0).skipped(1));
    tests
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                test(),
                skippedWithReason(
                    reason -> reason.contains("no-such-kind") && reason.contains("minimal"))));
    assertThat(Samples.seen).isEmpty();
  }

  private static Events execute(String method) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(
            selectMethod(
                Samples.class,
                method,
                Runtime.class.getName()
                    + (method.equals("everyKind") ? "," + Runtime.class.getName() : "")))
        .execute()
        .testEvents();
  }
}
