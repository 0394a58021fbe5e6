package dev.gearbox.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.runtime.ConfigException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.runtime.TaskDump;
import dev.gearbox.sync.Oneshot;
import dev.gearbox.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedRuntimeTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** Four tasks that each yield a few times: enough choices for seeds to differ. */
  private static Future<Void> interleaved(SimulatedRuntime runtime) {
    return Futures.lazy(
            () -> {
              List<JoinHandle<Void>> tasks = new ArrayList<>();
              for (int i = 0; i < 4; i++) {
                tasks.add(
                    runtime.spawn(
                        "worker-" + i,
                        Futures.repeat(5, step -> Futures.yieldNow())
                            .andThen(Time.sleep(Duration.ofMillis(3)))));
              }
              return tasks;
            })
        .flatMap(Futures::joinAll)
        .map(done -> null);
  }

  private static List<TraceEvent> traceOf(long seed) {
    SimulatedRuntime runtime = SimulatedRuntimeProvider.create(seed);
    try {
      runtime.blockOn(interleaved(runtime));
      return runtime.trace();
    } finally {
      assertThat(runtime.shutdown(WAIT)).isTrue();
    }
  }

  @Test
  void theSameSeedGivesTheSameTraceEventForEvent() {
    List<TraceEvent> first = traceOf(42);
    List<TraceEvent> second = traceOf(42);
    assertThat(first).hasSizeGreaterThan(20);
    assertThat(second).isEqualTo(first);
    assertThat(first).anyMatch(event -> event.kind() == TraceEvent.Kind.TIME_JUMP);
  }

  @Test
  void differentSeedsGiveDifferentSchedules() {
    List<TraceEvent> reference = traceOf(1);
    long differing = 0;
    for (long seed = 2; seed < 12; seed++) {
      if (!traceOf(seed).equals(reference)) {
        differing++;
      }
    }
    assertThat(differing).isGreaterThan(5);
  }

  @Test
  void virtualTimeJumpsWhenEveryTaskWaits() {
    SimulatedRuntime runtime = SimulatedRuntimeProvider.create(7);
    try {
      long start = System.nanoTime();
      runtime.blockOn(Futures.repeat(24, hour -> Time.sleep(Duration.ofHours(1))));
      assertThat(runtime.clock().now()).isGreaterThanOrEqualTo(Duration.ofHours(24));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
    } finally {
      runtime.shutdown(WAIT);
    }
  }

  @Test
  void aDeadlockFailsBlockOnNamingTheWaitingTasksTheSeedAndHowToReplay() {
    Runtime runtime =
        Runtimes.create(
            RuntimeConfig.of(
                Map.of(
                    "gearbox.runtime", "simulated",
                    "gearbox.sim.seed", "99",
                    "gearbox.sim.deadlockGrace", "0s")));
    try {
      Oneshot.Pair<String> never = Oneshot.channel();
      Oneshot.Pair<String> neither = Oneshot.channel();
      assertThatThrownBy(
              () ->
                  runtime.blockOn(
                      Futures.lazy(
                              () ->
                                  ((SimulatedRuntime) runtime)
                                      .spawn("waits-for-neither", neither.receiver()))
                          .flatMap(handle -> never.receiver())))
          .isInstanceOf(DeadlockException.class)
          .hasMessageContaining("deadlock: blockOn can never complete")
          .hasMessageContaining("'waits-for-neither' on host main")
          .hasMessageContaining("waiting in Oneshot.receive")
          .hasMessageContaining("2 live tasks")
          .hasMessageContaining("by leaf future: Oneshot.receive 2")
          .hasMessageContaining("'blockOn'")
          .hasMessageContaining("SimulatedRuntimeTest")
          .hasMessageContaining("seed 99")
          .hasMessageContaining("-Dgearbox.sim.seed=99")
          .hasMessageContaining("@RuntimeTest(kinds = \"simulated\", seed = 99)");
      // the runtime stays usable
      assertThat(runtime.blockOn(Futures.ready(5))).isEqualTo(5);
    } finally {
      assertThat(runtime.shutdown(WAIT)).isTrue();
    }
  }

  @Test
  void aDeadlockCarriesItsTaskDump() {
    SimulatedRuntime runtime = SimulatedRuntimeProvider.create(7);
    try {
      Oneshot.Pair<String> never = Oneshot.channel();
      Oneshot.Pair<String> neither = Oneshot.channel();
      JoinHandle<?>[] waiter = new JoinHandle<?>[1];
      Throwable thrown =
          org.assertj.core.api.Assertions.catchThrowable(
              () ->
                  runtime.blockOn(
                      Futures.lazy(() -> waiter[0] = runtime.spawn("waiter", neither.receiver()))
                          .flatMap(handle -> never.receiver())));
      assertThat(thrown).isInstanceOf(DeadlockException.class);
      TaskDump dump = ((DeadlockException) thrown).taskDump();
      assertThat(dump.runtime()).isEqualTo("simulated");
      assertThat(dump.runtimeName()).isEqualTo(runtime.name());
      assertThat(dump.total()).isEqualTo(2);
      assertThat(dump.byState().get(TaskDump.State.IDLE)).isEqualTo(2L);
      assertThat(dump.byLeaf()).containsEntry("Oneshot.receive", 2L);
      assertThat(dump.tasks())
          .anySatisfy(
              task -> {
                assertThat(task.id()).isEqualTo(waiter[0].id());
                assertThat(task.name()).isEqualTo("waiter");
                assertThat(task.leaf()).isEqualTo("Oneshot.receive");
              });
    } finally {
      assertThat(runtime.shutdown(WAIT)).isTrue();
    }
  }

  @Test
  void aFailureOutOfBlockOnIsThrownAsIsWithTheSeedAttached() {
    SimulatedRuntime runtime = SimulatedRuntimeProvider.create(5);
    try {
      IllegalStateException failure = new IllegalStateException("boom");
      assertThatThrownBy(() -> runtime.blockOn(Futures.failed(failure)))
          .isSameAs(failure)
          .satisfies(
              thrown ->
                  assertThat(thrown.getSuppressed())
                      .anyMatch(note -> note.getMessage().contains("-Dgearbox.sim.seed=5")));
    } finally {
      runtime.shutdown(WAIT);
    }
  }

  @Test
  void isInstalledButNeverTheDefault() {
    assertThat(Runtimes.available()).contains("simulated");
    assertThat(new SimulatedRuntimeProvider().isDefaultCandidate()).isFalse();
    if (Runtimes.available().equals(List.of("simulated"))) {
      assertThatThrownBy(() -> Runtimes.create())
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("run only when named")
          .hasMessageContaining("gearbox.runtime");
    }
    Runtime named = Runtimes.create("simulated");
    try {
      assertThat(named.kind()).isEqualTo("simulated");
      assertThat(named).isInstanceOf(SimulatedRuntime.class);
    } finally {
      named.shutdown(WAIT);
    }
  }

  @Test
  void aBadSeedIsRefusedNamingTheKey() {
    assertThatThrownBy(
            () ->
                Runtimes.create(
                    RuntimeConfig.of(
                        Map.of("gearbox.runtime", "simulated", "gearbox.sim.seed", "x1"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("gearbox.sim.seed=x1");
  }

  @Test
  void blockOnInsideATaskIsRefused() {
    SimulatedRuntime runtime = SimulatedRuntimeProvider.create(3);
    try {
      Throwable inside =
          runtime.blockOn(
              cx -> {
                try {
                  runtime.blockOn(Futures.ready(1));
                  return dev.gearbox.future.Poll.ready(null);
                } catch (IllegalStateException expected) {
                  return dev.gearbox.future.Poll.ready(expected);
                }
              });
      assertThat(inside).hasMessageContaining("blockOn");
    } finally {
      runtime.shutdown(WAIT);
    }
  }
}
