package dev.gearbox.verification;

import static dev.gearbox.verification.ModelCheck.check;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.minimal.SharedExecutor;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.RuntimeClosedException;
import dev.gearbox.sync.CancellationToken;
import dev.gearbox.sync.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Whole-executor model checks on the {@code minimal} runtime's {@link SharedExecutor} (after loom's
 * pool tests in Tokio): two threads run the executor (the workers), one spawns a task from outside,
 * one wakes a pending task remotely, and in the second check one shuts the executor down. This
 * covers the executor's sleepers (a runner registers, searches again, parks; a schedule notifies
 * one runner unless one is on its way), each runner's {@code Parker}, the global queue and the task
 * state machine together, with the real classes.
 */
public class MinimalExecutorModelTest {
  private final SharedExecutor executor = new SharedExecutor();
  private final CountDownLatch bothRan = new CountDownLatch(2);
  private final CancellationToken stop = new CancellationToken();
  private final RemoteWake remote = new RemoteWake();
  private final JoinHandle<Void> pending;
  private volatile JoinHandle<Void> spawned;
  private volatile boolean spawnRefused;

  /** Spawns the task that waits for the remote wake, before the threads start. */
  public MinimalExecutorModelTest() {
    pending = executor.spawn(remote);
  }

  /**
   * A task that is pending until {@link #wake()} sets its flag, then counts down. Registers its
   * waker, then looks at the flag again, so a wake between the two is not missed.
   */
  private final class RemoteWake implements Future<Void> {
    private final AtomicReference<Waker> waker = new AtomicReference<>();
    private volatile boolean woken;

    @Override
    public Poll<Void> poll(Context cx) {
      if (!woken) {
        waker.set(cx.waker());
        if (!woken) {
          return Poll.pending();
        }
      }
      bothRan.countDown();
      return Poll.ready(null);
    }

    void wake() {
      woken = true;
      Waker registered = waker.get();
      if (registered != null) {
        registered.wake();
      }
    }
  }

  /** A worker: runs the executor until both tasks ran. */
  @Operation
  public void workUntilBothRan() {
    executor.run(bothRan.await());
  }

  /** A worker: runs the executor until the shutdown. */
  @Operation
  public void workUntilShutdown() {
    executor.run(stop.cancelled());
  }

  /** Spawns a task from a thread outside the executor. */
  @Operation
  public void spawnFromOutside() {
    try {
      spawned =
          executor.spawn(
              cx -> {
                bothRan.countDown();
                return Poll.ready(null);
              });
    } catch (RuntimeClosedException closed) {
      spawnRefused = true;
    }
  }

  /** Wakes the pending task from a thread outside the executor. */
  @Operation
  public void wakeRemotely() {
    remote.wake();
  }

  /** Shuts the executor down (cancelling what did not run), then releases the workers. */
  @Operation
  public void shutdown() {
    executor.close();
    stop.cancel();
  }

  /** After the threads: every accepted task completed or was cancelled by the shutdown. */
  @Validate
  public void everyAcceptedTaskFinished() {
    check(pending.isFinished(), "the remotely woken task did not finish");
    check(spawnRefused || spawned.isFinished(), "the task spawned from outside did not finish");
    check(executor.isClosed() || bothRan.count() == 0, "a task did not run");
  }

  /** Two workers, a spawn and a remote wake: both tasks run, no worker sleeps through one. */
  @Test
  void spawnAndRemoteWakeReachTheWorkers() {
    Scenario.of(getClass())
        .thread("workUntilBothRan")
        .thread("workUntilBothRan")
        .thread("spawnFromOutside", "wakeRemotely")
        .check(12);
  }

  /** Two workers, a spawn, a remote wake and a shutdown: every accepted task finishes. */
  @Test
  void shutdownFinishesEveryAcceptedTask() {
    Scenario.of(getClass())
        .thread("workUntilShutdown")
        .thread("workUntilShutdown")
        .thread("spawnFromOutside", "wakeRemotely")
        .thread("shutdown")
        .check(12);
  }
}
