package dev.gearbox.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Waker;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.runtime.TaskDump;
import dev.gearbox.sync.Channel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Task dumps of pooled tasks ({@link TaskPool}): an executor's dump lists the live ones, by the
 * slot's index and the pool's name, idle, scheduled or running; the embedded runtime's dump counts
 * those spawned on its own executor beside its tasks.
 */
class PooledTaskDumpTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void anExecutorsDumpListsItsLivePooledTasks() {
    TaskPool<LambdaBody> pool = LambdaBody.pool("sensor", 3);
    EmbeddedExecutor executor = new EmbeddedExecutor("dump-test", new ManualTimeDriver());
    try {
      assertThat(executor.dumpTasks().total()).isZero();
      AtomicReference<Waker> idleWaker = new AtomicReference<>();
      boolean[] finish = new boolean[1];
      LambdaBody.spawn(
          executor.spawner(),
          pool,
          cx -> {
            idleWaker.set(cx.waker());
            cx.waitingIn("Sensor.read");
            return finish[0];
          });
      executor.runUntilIdle();
      LambdaBody.spawn(executor.spawner(), pool, cx -> true); // queued, not yet polled

      TaskDump dump = executor.dumpTasks();
      assertThat(dump.runtime()).isEqualTo(EmbeddedRuntimeProvider.KIND);
      assertThat(dump.runtimeName()).isEqualTo("dump-test");
      assertThat(dump.total()).isEqualTo(2);
      assertThat(dump.byState())
          .containsEntry(TaskDump.State.IDLE, 1L)
          .containsEntry(TaskDump.State.SCHEDULED, 1L)
          .containsEntry(TaskDump.State.RUNNING, 0L);
      assertThat(dump.byLeaf()).containsEntry("Sensor.read", 1L).containsEntry("(none)", 1L);
      TaskDump.Task idle =
          dump.tasks().stream()
              .filter(task -> task.state() == TaskDump.State.IDLE)
              .findFirst()
              .orElseThrow();
      assertThat(idle.name()).isEqualTo("sensor");
      assertThat(idle.id()).isBetween(0L, 2L);
      assertThat(idle.leaf()).isEqualTo("Sensor.read");
      assertThat(idle.future()).isEqualTo(LambdaBody.class.getName());
      assertThat(idle.worker()).isNull();
      assertThat(idle.fiber()).isFalse();
      assertThat(dump.toString())
          .startsWith("Gearbox task dump of runtime 'dump-test' (embedded): 2 live tasks")
          .contains("task " + idle.id() + " 'sensor' idle in Sensor.read");

      TaskDump counted = executor.dumpTasks(0);
      assertThat(counted.total()).isEqualTo(2);
      assertThat(counted.tasks()).isEmpty();

      finish[0] = true;
      idleWaker.get().wake();
      executor.runUntilIdle();
      assertThat(executor.dumpTasks().total()).as("finished tasks leave the dump").isZero();
    } finally {
      executor.close();
    }
  }

  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  void aPooledTaskInsideItsPollIsRunningOnTheExecutorThread() throws InterruptedException {
    TaskPool<LambdaBody> pool = LambdaBody.pool("busy", 1);
    EmbeddedExecutor executor = new EmbeddedExecutor("dump-running", new ManualTimeDriver());
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      Thread thread = executor.start(Thread.NORM_PRIORITY);
      LambdaBody.spawn(
          executor.spawner(),
          pool,
          cx -> {
            entered.countDown();
            return release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
          });
      assertThat(entered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      TaskDump dump = executor.dumpTasks();
      assertThat(dump.tasks()).hasSize(1);
      assertThat(dump.tasks().get(0).state()).isEqualTo(TaskDump.State.RUNNING);
      assertThat(dump.tasks().get(0).worker()).isEqualTo(thread.getName());
      release.countDown();
      Await.until(() -> pool.busy() == 0, "the pooled task to finish");
      assertThat(executor.dumpTasks().total()).isZero();
    } finally {
      release.countDown();
      executor.close();
    }
  }

  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  void theRuntimesDumpCountsPooledTasksOfItsExecutor() throws Exception {
    Runtime runtime =
        Runtimes.create(RuntimeConfig.of(Map.of(RuntimeConfig.RUNTIME_KEY, "embedded")));
    try {
      TaskPool<LambdaBody> pool = LambdaBody.pool("led", 2);
      EmbeddedExecutor executor = ((EmbeddedRuntime) runtime).executor();
      LambdaBody.spawn(executor.spawner(), pool, cx -> false); // never woken: idle once polled
      Channel.Pair<String> channel = Channel.unbounded();
      JoinHandle<String> receiver = runtime.spawn(channel.receiver().receive());
      Await.until(
          () -> runtime.dumpTasks().byState().get(TaskDump.State.IDLE) == 2,
          "the pooled task and the runtime's task to be idle");
      TaskDump dump = runtime.dumpTasks();
      assertThat(dump.total()).isEqualTo(2);
      assertThat(dump.tasks())
          .anySatisfy(task -> assertThat(task.name()).isEqualTo("led"))
          .anySatisfy(task -> assertThat(task.id()).isEqualTo(receiver.id()));
      channel.sender().trySend("done");
      assertThat(receiver.join(WAIT)).isEqualTo("done");
    } finally {
      assertThat(runtime.shutdown(WAIT)).isTrue();
    }
  }
}
