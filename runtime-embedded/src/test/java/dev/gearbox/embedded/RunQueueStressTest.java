package dev.gearbox.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Waker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many threads spawning into a small pool and waking tasks of an executor on its own thread: every
 * spawn runs exactly once, no wake-up is lost (bounded in count).
 */
class RunQueueStressTest {
  private static final int THREADS = 4;
  private static final int SPAWNS_PER_THREAD = 20_000;
  private static final int WAKES_PER_THREAD = 50_000;

  @Test
  @Timeout(120)
  void concurrentSpawnsAndWakesAreNeitherLostNorDoubled() throws Exception {
    EmbeddedExecutor executor = new EmbeddedExecutor("stress", new SystemTimeDriver());
    TaskPool<LambdaBody> pool = LambdaBody.pool("stress", 16);
    AtomicLong ran = new AtomicLong();
    AtomicInteger tickets = new AtomicInteger();
    AtomicLong drained = new AtomicLong();
    AtomicReference<Waker> counterWaker = new AtomicReference<>();
    LambdaBody.spawn(
        executor.spawner(),
        LambdaBody.pool("counter", 1),
        cx -> {
          counterWaker.set(cx.waker());
          drained.addAndGet(tickets.getAndSet(0));
          return false;
        });
    executor.start(Thread.NORM_PRIORITY);
    Await.until(() -> counterWaker.get() != null, "the counter task polled");
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < SPAWNS_PER_THREAD; i++) {
                      while (!executor
                          .spawner()
                          .trySpawn(
                              pool,
                              LambdaBody::start,
                              cx -> {
                                ran.incrementAndGet();
                                return true;
                              })) {
                        Thread.onSpinWait(); // full: wait for a slot to be freed
                      }
                      if (i < WAKES_PER_THREAD) {
                        tickets.incrementAndGet();
                        counterWaker.get().wake();
                      }
                    }
                    for (int i = SPAWNS_PER_THREAD; i < WAKES_PER_THREAD; i++) {
                      tickets.incrementAndGet();
                      counterWaker.get().wake();
                    }
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long spawned = (long) THREADS * SPAWNS_PER_THREAD;
    long woken = (long) THREADS * WAKES_PER_THREAD;
    Await.until(() -> ran.get() == spawned, "every spawned task ran");
    Await.until(() -> drained.get() == woken, "every wake-up reached the counter task");
    Await.until(() -> pool.busy() == 0, "every slot freed");
    assertThat(ran.get()).isEqualTo(spawned);
    executor.close();
  }
}
