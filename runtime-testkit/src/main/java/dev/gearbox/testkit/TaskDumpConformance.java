package dev.gearbox.testkit;

import static dev.gearbox.runtime.TaskDump.State.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.fiber.Fiber;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.TaskDump;
import dev.gearbox.sync.Channel;
import dev.gearbox.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Conformance: {@code Runtime.dumpTasks} finds every live task, says what each does (idle in the
 * leaf future it waits in, blocking in a {@code spawnBlocking} call), shows fibers, shows spawn
 * sites only when {@code gearbox.spawnSite} is on, and stays bounded by its limit while counting
 * every task.
 */
public interface TaskDumpConformance extends ConformanceFixture {

  /** The configuration key of spawn-site capture. */
  String SPAWN_SITE_KEY = "gearbox.spawnSite";

  /** A task waiting for a channel message is idle in {@code Channel.receive}. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void taskWaitingOnAChannelIsIdleInChannelReceive() {
    Runtime runtime = runtime();
    Channel.Pair<String> channel = Channel.unbounded();
    JoinHandle<String> receiver = runtime.spawn(channel.receiver().receive());

    TaskDump.Task task = awaitTask(runtime, () -> receiver, "Channel.receive", TaskDump.State.IDLE);
    assertThat(task.state()).isEqualTo(TaskDump.State.IDLE);
    assertThat(task.fiber()).isFalse();
    assertThat(task.worker()).isNull();
    assertThat(task.spawnSite()).as("spawn sites are off by default").isNull();
    assertThat(task.age()).isNotNull();
    receiver.abort();
  }

  /** A sleeping task is idle in {@code Time.sleep}, and counted by that leaf. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void sleepingTaskIsIdleInTimeSleep() {
    Runtime runtime = runtime();
    // spawned by the observing task, so that a simulated clock cannot end the sleep before it looks
    AtomicReference<JoinHandle<Void>> sleeper = new AtomicReference<>();
    TaskDump.Task task =
        awaitTask(
            runtime,
            () -> {
              sleeper.set(Runtime.current().spawn(Time.sleep(Duration.ofHours(1))));
              return sleeper.get();
            },
            "Time.sleep",
            TaskDump.State.IDLE);
    assertThat(task.state()).isEqualTo(TaskDump.State.IDLE);
    assertThat(task.future()).isEqualTo(dev.gearbox.time.Sleep.class.getName());
    sleeper.get().abort();
  }

  /**
   * A {@code spawnBlocking} task inside its call is blocking, on a named pool thread.
   *
   * @throws Exception if interrupted or the join fails
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void blockingTaskIsBlockingOnAPoolThread() throws Exception {
    Runtime runtime = runtime();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    JoinHandle<Boolean> blocking =
        runtime.spawnBlocking(
            () -> {
              started.countDown();
              return release.await(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            });
    assertThat(started.await(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)).isTrue();

    TaskDump.Task task =
        awaitTask(runtime, () -> blocking, "spawnBlocking", TaskDump.State.BLOCKING);
    assertThat(task.state()).isEqualTo(TaskDump.State.BLOCKING);
    assertThat(task.worker()).isNotBlank();
    assertThat(runtime.dumpTasks().byState().get(TaskDump.State.BLOCKING)).isEqualTo(1L);
    release.countDown();
    assertThat(blocking.join(WAIT)).isTrue();
  }

  /** A fiber awaiting a channel receive shows as a fiber, idle in {@code Channel.receive}. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void fiberWaitingOnAChannelShowsItsLeaf() {
    Runtime runtime = runtime();
    Channel.Pair<String> channel = Channel.unbounded();
    JoinHandle<String> fiber = runtime.spawnFiber(() -> Fiber.await(channel.receiver().receive()));

    TaskDump.Task task = awaitTask(runtime, () -> fiber, "Channel.receive", TaskDump.State.IDLE);
    assertThat(task.fiber()).isTrue();
    assertThat(task.state()).isEqualTo(TaskDump.State.IDLE);
    channel.sender().trySend("done");
    assertThat(fiber.join()).isEqualTo("done");
  }

  /** A task spawned with a name shows it in the dump, its record and its text. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void namedTaskShowsItsName() {
    Runtime runtime = runtime();
    Channel.Pair<String> channel = Channel.unbounded();
    JoinHandle<String> receiver = runtime.spawn("conn-42 reader", channel.receiver().receive());

    TaskDump.Task task = awaitTask(runtime, () -> receiver, "Channel.receive", TaskDump.State.IDLE);
    assertThat(task.name()).isEqualTo("conn-42 reader");
    assertThat(task.age()).isNotNull();
    assertThat(runtime.dumpTasks().toString()).contains("'conn-42 reader'");
    channel.sender().trySend("done");
    assertThat(receiver.join()).isEqualTo("done");
  }

  /** A fiber spawned with a name shows it in the dump, and its virtual thread carries it. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void namedFiberShowsItsNameInTheDumpAndOnItsThread() {
    Runtime runtime = runtime();
    Channel.Pair<String> channel = Channel.unbounded();
    JoinHandle<String> fiber =
        runtime.spawnFiber(
            "session 7",
            () ->
                Thread.currentThread().getName() + "/" + Fiber.await(channel.receiver().receive()));

    TaskDump.Task task = awaitTask(runtime, () -> fiber, "Channel.receive", TaskDump.State.IDLE);
    assertThat(task.fiber()).isTrue();
    assertThat(task.name()).isEqualTo("session 7");
    channel.sender().trySend("done");
    assertThat(fiber.join()).isEqualTo("session 7/done");
  }

  /** A name that is blank, too long or holds a control character is refused, quoted. */
  @Test
  default void badTaskNamesAreRefusedWithTheRule() {
    Runtime runtime = runtime();
    Future<String> never = cx -> Poll.pending();
    assertThatThrownBy(() -> runtime.spawn((String) null, never))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("name");
    assertThatThrownBy(() -> runtime.spawn(" ", never))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\" \"")
        .hasMessageContaining("1 to 200 characters");
    assertThatThrownBy(() -> runtime.spawn("line\nbreak", never))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line\\u000abreak");
    assertThatThrownBy(() -> runtime.spawn("x".repeat(201), never))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(201 chars)");
    assertThatThrownBy(() -> runtime.spawnFiber("", () -> "never"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to 200 characters");
    assertThatThrownBy(() -> Fiber.spawn("tab\there", () -> "never"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tab\\u0009here");
  }

  /** With {@code gearbox.spawnSite=true} each task shows the first frame outside Gearbox. */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void spawnSiteIsShownOnlyWhenCaptured() {
    Runtime runtime = createRuntime(Map.of(SPAWN_SITE_KEY, "true"));
    try {
      Channel.Pair<String> channel = Channel.unbounded();
      JoinHandle<String> receiver = runtime.spawn(channel.receiver().receive());
      TaskDump.Task task =
          awaitTask(runtime, () -> receiver, "Channel.receive", TaskDump.State.IDLE);
      assertThat(task.spawnSite()).contains("TaskDumpConformance.spawnSiteIsShownOnlyWhenCaptured");
      assertThat(runtime.dumpTasks().toString()).contains("spawned at ");
      JoinHandle<String> named = runtime.spawn("named", channel.receiver().receive());
      TaskDump.Task namedTask =
          awaitTask(runtime, () -> named, "Channel.receive", TaskDump.State.IDLE);
      assertThat(namedTask.name()).isEqualTo("named");
      assertThat(namedTask.spawnSite())
          .contains("TaskDumpConformance.spawnSiteIsShownOnlyWhenCaptured");
    } finally {
      runtime.shutdown(WAIT);
    }
  }

  /** A bad value of the spawn-site key is refused, naming the key. */
  @Test
  default void badSpawnSiteValueIsRefused() {
    assertThatThrownBy(() -> createRuntime(Map.of(SPAWN_SITE_KEY, "sometimes")).shutdown())
        .hasMessageContaining(SPAWN_SITE_KEY)
        .hasMessageContaining("sometimes");
  }

  /**
   * A task inside a poll is running, on the thread that polls it.
   *
   * @throws Exception if interrupted or the join fails
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void taskInsideAPollIsRunningOnItsWorker() throws Exception {
    Runtime runtime = runtime();
    BusyWorkers busy = new BusyWorkers();
    try {
      JoinHandle<Boolean> blocker = busy.spawnAndAwaitEntered(runtime);
      TaskDump dump = runtime.dumpTasks();
      TaskDump.Task task = find(dump, blocker.id());
      assertThat(task.state()).as("a task inside its poll; dump:%n%s", dump).isEqualTo(RUNNING);
      assertThat(task.worker()).isEqualTo(busy.threads.peek());
      assertThat(task.leaf()).isNull();
      assertThat(dump.byState().get(RUNNING)).isGreaterThanOrEqualTo(1L);
      assertThat(dump.toString())
          .containsPattern(
              "task "
                  + blocker.id()
                  + " ('[^']*' )?running on "
                  + Pattern.quote(busy.threads.peek()));
      busy.release.countDown();
      assertThat(blocker.join(WAIT)).isTrue();
    } finally {
      busy.release.countDown();
    }
  }

  /**
   * A task woken while every worker is inside a poll is scheduled: it waits in a run queue, and
   * each worker shows the task it runs. The runtime is made with {@link #fixedWorkersConfig()}, so
   * that no thread is added to poll meanwhile.
   *
   * @throws Exception if interrupted or a join fails
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void taskWokenWhileEveryWorkerIsBusyIsScheduled() throws Exception {
    Runtime runtime = createRuntime(fixedWorkersConfig());
    BusyWorkers busy = new BusyWorkers();
    try {
      AtomicReference<Waker> parked = new AtomicReference<>();
      AtomicBoolean woken = new AtomicBoolean();
      Future<String> waitsForItsWake =
          cx -> {
            if (woken.get()) {
              return Poll.ready("polled after the wake");
            }
            parked.set(cx.waker());
            return Poll.pending();
          };
      JoinHandle<String> target = runtime.spawn(waitsForItsWake);
      awaitState(runtime, target.id(), TaskDump.State.IDLE);
      int workers = runtime.metrics().workers();
      assertThat(workers).as("workers of a runtime running a task").isPositive();
      List<JoinHandle<Boolean>> blockers = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        blockers.add(busy.spawnAndAwaitEntered(runtime)); // one at a time: each on a free worker
      }

      woken.set(true);
      parked.get().wake();
      TaskDump dump = runtime.dumpTasks();
      assertThat(find(dump, target.id()).state())
          .as("a task woken while all %d workers are busy; dump:%n%s", workers, dump)
          .isEqualTo(TaskDump.State.SCHEDULED);
      assertThat(dump.byState().get(RUNNING)).isEqualTo((long) workers);
      for (JoinHandle<Boolean> blocker : blockers) {
        assertThat(find(dump, blocker.id()).state()).isEqualTo(RUNNING);
        assertThat(busy.threads).contains(find(dump, blocker.id()).worker());
      }
      assertThat(Set.copyOf(busy.threads)).as("one thread per busy worker").hasSize(workers);

      busy.release.countDown();
      assertThat(target.join(WAIT)).isEqualTo("polled after the wake");
      for (JoinHandle<Boolean> blocker : blockers) {
        assertThat(blocker.join(WAIT)).isTrue();
      }
    } finally {
      busy.release.countDown();
      assertThat(runtime.shutdown(WAIT)).isTrue();
    }
  }

  /**
   * The dump names the runtime instance it was taken of, so that two runtimes of one kind are told
   * apart, as their MXBeans are.
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void dumpNamesItsRuntimeInstance() {
    Runtime first = runtime();
    Runtime second = createRuntime();
    try {
      TaskDump one = first.dumpTasks();
      TaskDump two = second.dumpTasks();
      assertThat(one.runtime()).isEqualTo(first.kind());
      assertThat(two.runtime()).isEqualTo(second.kind());
      assertThat(one.runtimeName()).isEqualTo(first.name());
      assertThat(two.runtimeName()).isEqualTo(second.name());
      assertThat(one.runtimeName()).isNotEqualTo(two.runtimeName());
      assertThat(one.toString())
          .startsWith("Gearbox task dump of runtime '" + first.name() + "' (" + first.kind() + ")");
    } finally {
      assertThat(second.shutdown(WAIT)).isTrue();
    }
  }

  /**
   * A dump of 100,000 waiting tasks with limit 10 lists 10, counts all of them, and allocates
   * memory for the listed ones only: far less than even 16 bytes per task.
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void dumpOfManyTasksIsBoundedByItsLimit() {
    Runtime runtime = runtime();
    int count = 100_000;
    TaskDump dump = spawnIdleTasks(runtime, count, WAIT);
    assertThat(dump.total()).isEqualTo(count);
    assertThat(dump.tasks()).hasSize(10);
    assertThat(dump.limit()).isEqualTo(10);
    assertThat(dump.toString()).contains(count + " live tasks").contains("the first 10 listed");
    long[] counted = new long[1];
    long allocated = ThreadAllocation.during(() -> counted[0] = runtime.dumpTasks(10).total());
    assertThat(counted[0]).isEqualTo(count);
    if (allocated >= 0) {
      assertThat(allocated)
          .as("bytes a dump of %d tasks with limit 10 allocated", count)
          .isLessThan(DUMP_ALLOCATION_BOUND);
    }
    assertThatThrownBy(() -> runtime.dumpTasks(-1)).hasMessageContaining("-1");
  }

  /**
   * Spawns {@code count} tasks that wait forever (never woken once polled) and waits until a dump
   * with limit 10 shows every one of them idle.
   *
   * @param runtime the runtime to spawn on
   * @param count how many tasks
   * @param wait how long to wait for them all to be idle
   * @return the last dump taken, the one that showed them all idle
   */
  static TaskDump spawnIdleTasks(Runtime runtime, int count, Duration wait) {
    Future<Void> forever = cx -> Poll.pending(); // never woken: idle once polled
    for (int i = 0; i < count; i++) {
      runtime.spawn(forever);
    }
    AtomicReference<TaskDump> last = new AtomicReference<>();
    Await.until(
        wait,
        () -> {
          TaskDump dump = runtime.dumpTasks(10);
          last.set(dump);
          return dump.byState().get(TaskDump.State.IDLE) == count;
        },
        () -> "every task to be idle; last dump:\n" + last.get());
    return last.get();
  }

  /**
   * The most a dump with a small limit may allocate, whatever the number of tasks: what ten task
   * records, the counts and the walk's iterators need, with room to spare; a per-task cost of 16
   * bytes would pass it at 16,000 tasks.
   */
  long DUMP_ALLOCATION_BOUND = 256 * 1024;

  /** The task of {@code id} in {@code dump}; fails if it is not listed. */
  private static TaskDump.Task find(TaskDump dump, long id) {
    return dump.tasks().stream()
        .filter(each -> each.id() == id)
        .findFirst()
        .orElseThrow(() -> new AssertionError("task " + id + " is not in the dump:\n" + dump));
  }

  /**
   * Waits, with dumps taken on the calling thread, until the task of {@code id} is in {@code
   * state}.
   */
  private static void awaitState(Runtime runtime, long id, TaskDump.State state) {
    AtomicReference<TaskDump> last = new AtomicReference<>();
    Await.until(
        WAIT,
        () -> {
          TaskDump dump = runtime.dumpTasks();
          last.set(dump);
          return dump.tasks().stream().anyMatch(each -> each.id() == id && each.state() == state);
        },
        () -> "task " + id + " to be " + state + "; last dump:\n" + last.get());
  }

  /**
   * Waits until the dump shows the task of the handle {@code spawn} gives in {@code state} in
   * {@code leaf}, and returns it. The dumps are taken by a task that yields between them (and calls
   * {@code spawn} in its first poll), so a simulated or paused clock does not jump while it looks.
   */
  private static TaskDump.Task awaitTask(
      Runtime runtime, Supplier<JoinHandle<?>> spawn, String leaf, TaskDump.State state) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    AtomicReference<JoinHandle<?>> observed = new AtomicReference<>();
    Future<TaskDump.Task> observer =
        cx -> {
          if (observed.get() == null) {
            observed.set(spawn.get());
          }
          JoinHandle<?> handle = observed.get();
          TaskDump dump = runtime.dumpTasks();
          Optional<TaskDump.Task> task =
              dump.tasks().stream().filter(each -> each.id() == handle.id()).findFirst();
          if (task.isPresent() && leaf.equals(task.get().leaf()) && task.get().state() == state) {
            return Poll.ready(task.get());
          }
          if (System.nanoTime() - deadline > 0) {
            throw new AssertionError(
                "task "
                    + handle.id()
                    + " was not "
                    + state
                    + " in "
                    + leaf
                    + "; last dump:\n"
                    + dump);
          }
          cx.waker().wake(); // look again after the other tasks ran
          return Poll.pending();
        };
    try {
      return runtime.spawn(observer).join();
    } catch (JoinException failed) {
      throw new AssertionError(
          String.valueOf(failed.getCause() == null ? failed : failed.getCause().getMessage()),
          failed);
    }
  }
}
