package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Tasks that each hold a worker inside their poll, blocked on {@link #release} (with a deadline, so
 * a failed test never leaves a worker stuck), recording the thread that polls them.
 */
final class BusyWorkers {
  final CountDownLatch release = new CountDownLatch(1);
  final Queue<String> threads = new ConcurrentLinkedQueue<>();

  /** Spawns a blocker from the calling thread and waits until a worker is inside its poll. */
  JoinHandle<Boolean> spawnAndAwaitEntered(Runtime runtime) throws InterruptedException {
    CountDownLatch entered = new CountDownLatch(1);
    Future<Boolean> holdsItsWorker =
        cx -> {
          threads.add(Thread.currentThread().getName());
          entered.countDown();
          try {
            return Poll.ready(
                release.await(ConformanceFixture.WAIT.toMillis(), TimeUnit.MILLISECONDS));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Poll.ready(false);
          }
        };
    JoinHandle<Boolean> blocker = runtime.spawn(holdsItsWorker);
    assertThat(entered.await(ConformanceFixture.WAIT.toMillis(), TimeUnit.MILLISECONDS))
        .as("a worker polls the blocker")
        .isTrue();
    return blocker;
  }
}
