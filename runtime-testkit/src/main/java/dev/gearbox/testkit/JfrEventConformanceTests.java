package dev.gearbox.testkit;

import static dev.gearbox.testkit.ConformanceFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Metric;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.spi.jfr.EventSwitches;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import jdk.jfr.Configuration;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The JFR events every runtime emits (docs/jfr.md): slow polls, worker parks, task spawn and end
 * (only when a recording enables them), and blocking-pool growth. A runtime module subclasses it
 * once, as it does {@link RuntimeConformanceTests}. Kept apart from that suite because each test
 * starts a JFR recording, which costs about a second.
 */
public abstract class JfrEventConformanceTests {

  /** For subclasses. */
  protected JfrEventConformanceTests() {}

  /**
   * Creates a new runtime of the kind under test, with {@code extraConfig} added; the test shuts it
   * down.
   *
   * @param extraConfig configuration values to add
   * @return a new runtime
   */
  protected abstract Runtime createRuntime(Map<String, String> extraConfig);

  @Test
  void aPollLongerThanTheThresholdIsRecordedAsSlow() throws Exception {
    try (Recorded recorded =
            new Recorded(
                stream -> stream.enable("dev.gearbox.SlowPoll").with("pollThreshold", "100 ms"));
        Runtime runtime = createRuntime(Map.of())) {
      Await.until(WAIT, EventSwitches::slowPoll, "JFR to enable dev.gearbox.SlowPoll");
      runtime.spawn(cx -> Poll.ready(0)).join();
      JoinHandle<Long> quick = runtime.spawn(new BusyFuture(Duration.ofMillis(1)));
      quick.join();
      JoinHandle<Long> slow = runtime.spawn(new BusyFuture(Duration.ofMillis(150)));
      slow.join();
      RecordedEvent event =
          recorded.await("dev.gearbox.SlowPoll", e -> e.getLong("taskId") == slow.id());
      assertThat(event.getString("runtime")).isEqualTo(runtime.kind());
      assertThat(event.getDuration("pollDuration"))
          .as("at least the threshold, at most what the poll took")
          .isBetween(Duration.ofMillis(100), Duration.ofSeconds(10));
      assertThat(event.getClass("futureClass"))
          .as("the slow task's future class")
          .isNotNull()
          .extracting(jdk.jfr.consumer.RecordedClass::getName)
          .isEqualTo(BusyFuture.class.getName());
      assertThat(recorded.events("dev.gearbox.SlowPoll"))
          .as("a poll shorter than the threshold is not recorded")
          .noneMatch(e -> e.getLong("taskId") == quick.id());
      assertThat(runtime.metrics().notApplicable()).doesNotContain(Metric.SLOW_POLLS);
      Await.until(
          WAIT,
          () -> runtime.metrics().value(Metric.SLOW_POLLS.name()).orElse(0) > 0,
          "the polls.slow metric to count the slow poll");
    }
  }

  @Test
  void aWorkerThatIdlesRecordsItsPark() throws Exception {
    try (Recorded recorded =
            new Recorded(stream -> stream.enable("dev.gearbox.WorkerPark").withoutThreshold());
        Runtime runtime = createRuntime(Map.of())) {
      Await.until(WAIT, EventSwitches::workerPark, "JFR to enable dev.gearbox.WorkerPark");
      // A park is committed when it ends: give work to idle workers until one has parked and woken.
      Await.until(
          WAIT,
          () -> {
            runtime.spawn(cx -> Poll.ready(0)).join();
            return recorded.any("dev.gearbox.WorkerPark", e -> isOf(e, runtime));
          },
          "a dev.gearbox.WorkerPark event of " + runtime.kind());
    }
  }

  @Test
  void spawnAndEndAreRecordedWhenEnabled() throws Exception {
    try (Recorded recorded =
            new Recorded(
                stream -> {
                  stream.enable("dev.gearbox.TaskSpawn");
                  stream.enable("dev.gearbox.TaskEnd");
                });
        // the failing task is joined, but may fail before its join registers
        Runtime runtime = createRuntime(Map.of("gearbox.unjoinedFailure", "ignore"))) {
      Await.until(
          WAIT,
          () -> EventSwitches.taskSpawn() && EventSwitches.taskEnd(),
          "JFR to enable dev.gearbox.TaskSpawn and TaskEnd");
      JoinHandle<Integer> completed = runtime.spawn(cx -> Poll.ready(1));
      completed.join();
      JoinHandle<Integer> failed =
          runtime.spawn(
              cx -> {
                throw new IllegalStateException("expected by the test");
              });
      Assertions.assertThatThrownBy(failed::join).isInstanceOf(JoinException.class);
      JoinHandle<Integer> cancelled = runtime.spawn(cx -> Poll.pending());
      cancelled.abort();
      Assertions.assertThatThrownBy(cancelled::join).isInstanceOf(JoinException.class);

      RecordedEvent spawn =
          recorded.await("dev.gearbox.TaskSpawn", e -> e.getLong("taskId") == completed.id());
      assertThat(spawn.getClass("futureClass").getName()).contains("JfrEventConformanceTests");
      assertThat(endOf(recorded, completed)).isEqualTo("completed");
      assertThat(endOf(recorded, failed)).isEqualTo("failed");
      assertThat(endOf(recorded, cancelled)).isEqualTo("cancelled");
    }
  }

  @Test
  void spawnAndEndAreOffUnderJfrsDefaultAndProfileSettings() throws Exception {
    for (String preset : List.of("default", "profile")) {
      try (Recorded recorded = new Recorded(Configuration.getConfiguration(preset));
          Runtime runtime = createRuntime(Map.of())) {
        // The switches follow recordings' state changes, which JFR reports on its own threads:
        // the previous test's recording (spawn and end on) may still be closing when this one
        // starts, so the switches are awaited rather than read once.
        Await.until(WAIT, recorded::isRunning, "the recording to start");
        Await.until(
            WAIT,
            () ->
                EventSwitches.slowPoll() && !EventSwitches.taskSpawn() && !EventSwitches.taskEnd(),
            () ->
                "under "
                    + preset
                    + ": SlowPoll on, TaskSpawn and TaskEnd off; they are "
                    + EventSwitches.slowPoll()
                    + ", "
                    + EventSwitches.taskSpawn()
                    + ", "
                    + EventSwitches.taskEnd());
        JoinHandle<Integer> quick = runtime.spawn(cx -> Poll.ready(0));
        quick.join();
        JoinHandle<Long> slow = runtime.spawn(new BusyFuture(Duration.ofMillis(30)));
        slow.join();
        // The slow poll shows that the recording receives this runtime's events. Task ids are
        // unique in the JVM; events of other tests' tasks may reach a stream whose start overlaps
        // their recording, so only this test's tasks are looked for.
        recorded.await("dev.gearbox.SlowPoll", e -> e.getLong("taskId") == slow.id());
        Set<Long> ids = Set.of(quick.id(), slow.id());
        assertThat(recorded.events("dev.gearbox.TaskSpawn"))
            .filteredOn(e -> ids.contains(e.getLong("taskId")))
            .isEmpty();
        assertThat(recorded.events("dev.gearbox.TaskEnd"))
            .filteredOn(e -> ids.contains(e.getLong("taskId")))
            .isEmpty();
      }
    }
  }

  @Test
  void theBlockingPoolRecordsEachThreadItStarts() throws Exception {
    try (Recorded recorded =
            new Recorded(stream -> stream.enable("dev.gearbox.BlockingPoolGrowth"));
        Runtime runtime = createRuntime(Map.of())) {
      Await.until(WAIT, recorded::isRunning, "the recording to start");
      assertThat(runtime.spawnBlocking(() -> 7).join()).isEqualTo(7);
      RecordedEvent event =
          recorded.await("dev.gearbox.BlockingPoolGrowth", e -> e.getInt("threads") >= 1);
      assertThat(event.getInt("maxThreads")).isGreaterThanOrEqualTo(event.getInt("threads"));
      assertThat(event.getString("thread")).isNotEmpty();
    }
  }

  private static boolean isOf(RecordedEvent event, Runtime runtime) {
    return runtime.kind().equals(event.getString("runtime"));
  }

  private static String endOf(Recorded recorded, JoinHandle<?> task) throws Exception {
    return recorded
        .await("dev.gearbox.TaskEnd", e -> e.getLong("taskId") == task.id())
        .getString("outcome");
  }

  /** Busy-waits inside one poll for a while: a slow poll. */
  private record BusyFuture(Duration busy) implements Future<Long> {
    @Override
    public Poll<Long> poll(dev.gearbox.future.Context cx) {
      long end = System.nanoTime() + busy.toNanos();
      long spins = 0;
      while (System.nanoTime() < end) {
        Thread.onSpinWait();
        spins++;
      }
      return Poll.ready(spins);
    }
  }

  /** A recording stream of this JVM, collecting every event it receives. */
  private static final class Recorded implements AutoCloseable {
    private final RecordingStream stream;
    private final List<RecordedEvent> events = new CopyOnWriteArrayList<>();
    private volatile boolean running;

    Recorded(Consumer<RecordingStream> settings) {
      this(new RecordingStream(), settings);
    }

    Recorded(Configuration configuration) {
      this(new RecordingStream(configuration), stream -> {});
    }

    private Recorded(RecordingStream stream, Consumer<RecordingStream> settings) {
      this.stream = stream;
      settings.accept(stream);
      stream.setReuse(false);
      stream.onEvent(
          event -> {
            if (event.getEventType().getName().startsWith("dev.gearbox.")) {
              events.add(event);
            }
          });
      stream.onFlush(() -> running = true);
      stream.startAsync();
    }

    boolean isRunning() {
      return running;
    }

    List<RecordedEvent> events(String name) {
      return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
    }

    boolean any(String name, Predicate<RecordedEvent> match) {
      return events(name).stream().anyMatch(match);
    }

    RecordedEvent await(String name, Predicate<RecordedEvent> match) {
      Await.until(WAIT, () -> any(name, match), () -> "a " + name + " event; got " + events);
      return events(name).stream().filter(match).findFirst().orElseThrow();
    }

    @Override
    public void close() {
      stream.close();
    }
  }
}
