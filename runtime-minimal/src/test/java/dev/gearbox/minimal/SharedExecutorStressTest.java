package dev.gearbox.minimal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.runtime.JoinHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Stress for the sleep protocol: a lost wakeup stalls these tests, and the bounded joins turn the
 * stall into a failure.
 */
@Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
class SharedExecutorStressTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static List<Thread> startRunners(SharedExecutor executor, int count, Future<?>[] mains) {
    List<Thread> runners = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Future<?> main = mains[i];
      runners.add(Thread.ofPlatform().name("stress-runner-" + i).start(() -> executor.run(main)));
    }
    return runners;
  }

  /** Every wake comes from a foreign thread, typically while all runners are parked. */
  @Test
  void foreignWakesReachParkedRunners() throws Exception {
    try (SharedExecutor executor = new SharedExecutor()) {
      int rounds = 20_000;
      SynchronousQueue<Waker> handoff = new SynchronousQueue<>();
      Thread helper =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      for (int i = 0; i < rounds; i++) {
                        handoff.take().wake();
                      }
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
      JoinHandle<Integer> handle =
          executor.spawn(
              new Future<>() {
                private int polls;

                @Override
                public Poll<Integer> poll(Context cx) throws InterruptedException {
                  if (polls == rounds) {
                    return Poll.ready(polls);
                  }
                  polls++;
                  handoff.put(cx.waker());
                  return Poll.pending();
                }
              });
      Signal done = new Signal();
      List<Thread> runners =
          startRunners(executor, 2, new Future<?>[] {done.awaitFired(), done.awaitFired()});
      assertThat(handle.join(WAIT)).isEqualTo(rounds);
      done.fire();
      for (Thread runner : runners) {
        assertThat(runner.join(WAIT)).isTrue();
      }
      helper.join(WAIT);
    }
  }

  /** A token passed around a ring of tasks by wakes between runners, 100,000 hops. */
  @Test
  void tokenRingAcrossRunners() throws Exception {
    try (SharedExecutor executor = new SharedExecutor()) {
      int hops = 100_000;
      AtomicInteger count = new AtomicInteger();
      Signal done = new Signal();
      List<RingNode> ring = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        ring.add(new RingNode(count, hops, done));
      }
      for (int i = 0; i < ring.size(); i++) {
        ring.get(i).next = ring.get((i + 1) % ring.size());
      }
      ring.get(0).hasToken = true;
      ring.forEach(executor::spawn);
      List<Thread> runners =
          startRunners(
              executor,
              3,
              new Future<?>[] {done.awaitFired(), done.awaitFired(), done.awaitFired()});
      for (Thread runner : runners) {
        assertThat(runner.join(WAIT)).as("%s finished", runner.getName()).isTrue();
      }
      assertThat(count.get()).isEqualTo(hops);
    }
  }

  private static final class RingNode implements Future<Void> {
    private final AtomicInteger count;
    private final int hops;
    private final Signal done;
    volatile boolean hasToken;
    private volatile Waker waker;
    RingNode next;

    RingNode(AtomicInteger count, int hops, Signal done) {
      this.count = count;
      this.hops = hops;
      this.done = done;
    }

    @Override
    public Poll<Void> poll(Context cx) {
      waker = cx.waker();
      if (!hasToken) {
        return Poll.pending();
      }
      hasToken = false;
      if (count.incrementAndGet() == hops) {
        done.fire();
        return Poll.ready();
      }
      next.hasToken = true;
      Waker nextWaker = next.waker;
      if (nextWaker != null) {
        nextWaker.wake();
      }
      return Poll.pending();
    }
  }
}
