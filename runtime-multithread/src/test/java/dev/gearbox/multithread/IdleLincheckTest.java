package dev.gearbox.multithread;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.jetbrains.lincheck.datastructures.verifier.EpsilonVerifier;
import org.junit.jupiter.api.Test;

/**
 * Model check of {@link Idle} with the worker's park sequence (Lincheck, a fixed scenario): a task
 * pushed to the global queue while a worker spins, gives up and parks is run. Either the pusher
 * sees the worker searching (and it finds the task) or asleep (and wakes it), or the worker's
 * re-check after announcing its sleep sees the task (Dekker's pair).
 *
 * <p>{@link Idle} and its {@link Monitor} are the real ones (the monitor is never started, so it is
 * never parked). The worker is simulated through {@link Idle.Sleeper}: a real {@link WorkerThread}
 * needs a started scheduler with its driver thread, whose selector the model checker cannot
 * schedule around. {@link SimulatedWorker#runOneTask()} follows {@code WorkerThread}'s {@code
 * runLoop}, {@code spinForWork} (one spin) and {@code park()} step for step, with the global queue
 * as a counter of pushed tasks. Its park loops on {@code notified} as the worker's does: a
 * notification never sent hangs the scenario (Lincheck reports the hang with its interleaving); a
 * skipped {@code unpark} with the flag set would not be seen, since Lincheck lets a park return
 * spuriously.
 */
public class IdleLincheckTest {
  private final AtomicInteger queued = new AtomicInteger();
  private final Idle idle;
  private final SimulatedWorker first = new SimulatedWorker();
  private final SimulatedWorker second = new SimulatedWorker();

  public IdleLincheckTest() {
    Settings settings =
        new Settings(1, 1, Duration.ofSeconds(1), 1_000_000_000L, 0, false, "model-", null);
    idle = new Idle(new Monitor(null, settings));
  }

  /** The first worker runs until it has taken a task, parking when it finds none. */
  @Operation
  public void firstWorkerRunsOneTask() {
    first.runOneTask();
  }

  /** The second worker, likewise. */
  @Operation
  public void secondWorkerRunsOneTask() {
    second.runOneTask();
  }

  /** Another thread pushes a task to the global queue and notifies (pushGlobal). */
  @Operation
  public void pushThenNotify() {
    queued.incrementAndGet();
    idle.notifyOne();
  }

  /**
   * After the threads (as many pushes as worker runs): every task ran, nobody is left on the stack,
   * no notification is pending.
   */
  @Validate
  public void everyTaskRanAndNobodySleeps() {
    if (queued.get() != 0 || idle.sleeping() != 0 || first.notified || second.notified) {
      throw new IllegalStateException(
          "queued "
              + queued.get()
              + ", sleeping "
              + idle.sleeping()
              + ", notified "
              + first.notified
              + " "
              + second.notified);
    }
  }

  private boolean take() {
    int current = queued.get();
    while (current > 0) {
      if (queued.compareAndSet(current, current - 1)) {
        return true;
      }
      current = queued.get();
    }
    return false;
  }

  /** A worker as Idle sees it, running WorkerThread's loop until it takes one task. */
  private final class SimulatedWorker implements Idle.Sleeper {
    private volatile Thread thread;
    private volatile boolean notified;

    void runOneTask() {
      thread = Thread.currentThread();
      while (true) {
        if (take()) {
          return; // nextTask: findTask took it from the global queue
        }
        // spinForWork
        idle.startSearching();
        boolean took = take();
        if (idle.stopSearching() && took && queued.get() > 0) {
          idle.notifyOne(); // pushes made while this worker spun woke nobody
        }
        if (took) {
          return;
        }
        park();
      }
    }

    /** WorkerThread.park(): announce, re-check the queue, then wait for a notification. */
    private void park() {
      idle.sleep(this);
      if (queued.get() > 0) {
        if (idle.cancel(this)) {
          return;
        }
        // a waker took this worker off the stack first: its notification is on its way
      }
      while (!notified) {
        LockSupport.park(this);
      }
      notified = false;
    }

    @Override
    public void notifyWorker() {
      notified = true;
      LockSupport.unpark(thread);
    }
  }

  /** The Dekker pair: one worker parking, one push. */
  @Test
  void aPushWhileTheWorkerParksIsRun() throws Exception {
    check(50, List.of(List.of(actor("firstWorkerRunsOneTask")), List.of(actor("pushThenNotify"))));
  }

  /**
   * Two workers, two pushes from one thread: pushes made while a worker spins wake nobody, so the
   * last searcher to find work wakes one more (Tokio's rule) for the task left behind.
   */
  @Test
  void pushesWhileAWorkerSpinsReachTheParkedOne() throws Exception {
    check(
        100,
        List.of(
            List.of(actor("firstWorkerRunsOneTask")),
            List.of(actor("secondWorkerRunsOneTask")),
            List.of(actor("pushThenNotify"), actor("pushThenNotify"))));
  }

  private static void check(int invocations, List<List<Actor>> threads) {
    ExecutionScenario scenario = new ExecutionScenario(List.of(), threads, List.of(), null);
    new ModelCheckingOptions()
        .iterations(0)
        .addCustomScenario(scenario)
        .invocationsPerIteration(invocations)
        .verifier(EpsilonVerifier.class)
        .check(IdleLincheckTest.class);
  }

  private static Actor actor(String name) throws NoSuchMethodException {
    Method method = IdleLincheckTest.class.getMethod(name);
    return new Actor(method, List.of(), false, false, false, false, false);
  }
}
