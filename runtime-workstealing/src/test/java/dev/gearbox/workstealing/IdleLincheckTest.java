package dev.gearbox.workstealing;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.jetbrains.lincheck.datastructures.verifier.EpsilonVerifier;
import org.junit.jupiter.api.Test;

/**
 * Model check of {@link Idle} (Lincheck, a fixed scenario): a task pushed while the last searcher
 * gives up and parks is never left with every worker parked. Either the notifier sees the worker no
 * longer searching and wakes a parked one, or the worker, announced as parked, re-checks the queue
 * and wakes one itself (Dekker's pair).
 *
 * <p>The {@link Idle} is the real one. The workers are simulated: their queues are one counter of
 * pushed tasks, and {@link #searchThenPark()} follows {@code WorkerThread}'s way from an empty
 * local queue to parked ({@code runLoop}, {@code stealWork}, {@code runTask}, {@code
 * transitionToParked} and the scheduler's {@code notifyIfWorkPending}), without the driver, whose
 * selector the model checker cannot schedule around. A wake-up is recorded as the woken worker
 * counted unparked by {@link Idle#workerToNotify()}.
 */
public class IdleLincheckTest {
  private static final int WORKERS = 2;

  private final Idle idle = new Idle(WORKERS);
  private final AtomicInteger queued = new AtomicInteger();

  /** Worker 1 is parked from the start; worker 0 is running and about to run out of work. */
  public IdleLincheckTest() {
    idle.transitionWorkerToParked(1, false);
  }

  /** Worker 0 finds its queues empty, searches, and parks if the search finds nothing. */
  @Operation
  public void searchThenPark() {
    if (take()) {
      return; // nextTask: the global queue had a task
    }
    boolean searching = idle.transitionWorkerToSearching();
    if (searching && take()) {
      // runTask: the last searcher to find work wakes one more
      if (idle.transitionWorkerFromSearching()) {
        notifyParked();
      }
      return;
    }
    // transitionToParked: announce, then (the last searcher) re-check every queue
    boolean lastSearcher = idle.transitionWorkerToParked(0, searching);
    if (lastSearcher && queued.get() > 0) {
      notifyParked();
    }
  }

  /** Another thread pushes a task to the global queue and notifies (scheduleRemote). */
  @Operation
  public void pushThenNotify() {
    queued.incrementAndGet();
    notifyParked();
  }

  /**
   * After the threads: a queued task has a worker not parked (running, searching or woken), and the
   * counts agree with the parked workers' stack.
   */
  @Validate
  public void noTaskLeftWithEveryWorkerParked() {
    if (queued.get() > 0 && idle.unparked() == 0) {
      throw new IllegalStateException(
          queued.get() + " task(s) queued with every worker parked, searching " + idle.searching());
    }
    int parked = 0;
    for (int index = 0; index < WORKERS; index++) {
      parked += idle.isParked(index) ? 1 : 0;
    }
    if (idle.unparked() + parked != WORKERS || idle.searching() > idle.unparked()) {
      throw new IllegalStateException(
          "unparked " + idle.unparked() + ", parked " + parked + ", searching " + idle.searching());
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

  /** The scheduler's notifyParked; the unpark itself is left out (the woken worker counts). */
  private void notifyParked() {
    idle.workerToNotify();
  }

  @Test
  void aPushWhileTheLastSearcherParksIsNotLost() throws Exception {
    List<List<Actor>> threads =
        List.of(List.of(actor("searchThenPark")), List.of(actor("pushThenNotify")));
    ExecutionScenario scenario = new ExecutionScenario(List.of(), threads, List.of(), null);
    new ModelCheckingOptions()
        .iterations(0)
        .addCustomScenario(scenario)
        .invocationsPerIteration(50)
        .verifier(EpsilonVerifier.class)
        .check(IdleLincheckTest.class);
  }

  private static Actor actor(String name) throws NoSuchMethodException {
    Method method = IdleLincheckTest.class.getMethod(name);
    return new Actor(method, List.of(), false, false, false, false, false);
  }
}
