package dev.gearbox.embedded;

import dev.gearbox.future.Context;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.jetbrains.lincheck.datastructures.verifier.EpsilonVerifier;
import org.junit.jupiter.api.Test;

/**
 * Model check of the executor's pend/sleep pair (Lincheck, a fixed scenario): a task spawned from
 * another thread while the executor goes idle is run, because either the executor's re-check of the
 * run queue after announcing {@code sleeping} sees it, or the spawner sees {@code sleeping} and
 * signals. The idle step parks until it is signalled and never returns without a signal (unlike
 * {@link IdleStep#PARK_THREAD}, whose park may return spuriously), so a signal that is never sent
 * hangs the scenario even though Lincheck lets parks return spuriously.
 */
public class EmbeddedExecutorLincheckTest {
  private final SignalledIdle idle = new SignalledIdle();
  private final EmbeddedExecutor executor =
      new EmbeddedExecutor("model", new ManualTimeDriver(), idle, null);
  private final TaskPool<ClosesExecutor> pool =
      TaskPool.create("model", 1, () -> new ClosesExecutor(executor));
  private volatile boolean ran;

  /** Waits only for a signal: a park that returns without one parks again. */
  private static final class SignalledIdle implements IdleStep {
    private final AtomicBoolean signalled = new AtomicBoolean();

    @Override
    public void park(EmbeddedExecutor executor, long maxNanos) {
      while (!signalled.getAndSet(false)) {
        LockSupport.park(executor);
      }
    }

    @Override
    public void signal(EmbeddedExecutor executor) {
      signalled.set(true);
      Thread thread = executor.thread();
      if (thread != null) {
        LockSupport.unpark(thread);
      }
    }
  }

  /** A task that closes its executor, so that run() returns once it ran. */
  private final class ClosesExecutor implements TaskBody {
    private final EmbeddedExecutor owner;

    ClosesExecutor(EmbeddedExecutor owner) {
      this.owner = owner;
    }

    @Override
    public boolean poll(Context cx) {
      ran = true;
      owner.close();
      return true;
    }
  }

  /** The executor thread: runs until the task closed the executor. */
  @Operation
  public void run() {
    executor.run();
  }

  /** Another thread spawns the task, once the executor thread is bound. */
  @Operation
  public void spawnFromOutside() {
    while (executor.thread() == null) {
      Thread.onSpinWait();
    }
    executor.spawner().spawn(pool);
  }

  /** After the threads: the task ran. */
  @Validate
  public void taskRan() {
    if (!ran) {
      throw new IllegalStateException("the spawned task did not run");
    }
  }

  @Test
  void aSpawnFromOutsideWakesTheIdleExecutor() throws Exception {
    List<List<Actor>> threads = List.of(List.of(actor("run")), List.of(actor("spawnFromOutside")));
    new ModelCheckingOptions()
        .iterations(0)
        .addCustomScenario(new ExecutionScenario(List.of(), threads, List.of(), null))
        .invocationsPerIteration(100)
        .verifier(EpsilonVerifier.class)
        .check(EmbeddedExecutorLincheckTest.class);
  }

  private static Actor actor(String name) throws NoSuchMethodException {
    Method method = EmbeddedExecutorLincheckTest.class.getMethod(name);
    return new Actor(method, List.of(), false, false, false, false, false);
  }
}
