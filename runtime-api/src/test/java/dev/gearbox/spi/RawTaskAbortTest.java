package dev.gearbox.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** The abort rules of JoinHandle.abort(), as RawTask implements them, in the cases that race. */
@Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
class RawTaskAbortTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final QueueScheduler scheduler = new QueueScheduler();

  /** Waits between polls; its drop blocks until released. */
  private static final class SlowDrop implements Future<String> {
    final CountDownLatch dropEntered = new CountDownLatch(1);
    final CountDownLatch releaseDrop = new CountDownLatch(1);
    final AtomicInteger drops = new AtomicInteger();

    @Override
    public Poll<String> poll(Context cx) {
      return Poll.pending();
    }

    @Override
    public void drop() {
      drops.incrementAndGet();
      dropEntered.countDown();
      try {
        releaseDrop.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void aSecondAbortReturnsAtOnceAndTheTaskCompletesWhenTheFirstHasDropped() throws Exception {
    SlowDrop future = new SlowDrop();
    RawTask<String> task = scheduler.spawn(future);
    scheduler.runAll(); // now waiting between polls
    Thread first = new Thread(task::abort);
    first.start();
    assertThat(future.dropEntered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

    task.abort(); // the first abort is still dropping: this one does not wait for it
    assertThat(task.isFinished()).isFalse();

    future.releaseDrop.countDown();
    first.join(WAIT.toMillis());
    assertThat(first.isAlive()).isFalse();
    assertThat(task.isFinished()).isTrue();
    assertThat(task.isCancelled()).isTrue();
    assertThat(future.drops).hasValue(1);
    assertThat(scheduler.releases).hasValue(1);
  }

  @Test
  void anAbortFromAnIdleTaskCompletesItBeforeReturning() {
    SlowDrop future = new SlowDrop();
    future.releaseDrop.countDown();
    RawTask<String> task = scheduler.spawn(future);
    scheduler.runAll();
    task.abort();
    assertThat(task.isCancelled()).isTrue();
    assertThat(future.drops).hasValue(1);
  }

  @Test
  void aPollThatReturnsReadyAfterAnAbortKeepsItsOutput() {
    AtomicReference<RawTask<String>> self = new AtomicReference<>();
    RawTask<String> task =
        scheduler.spawn(
            cx -> {
              self.get().abort();
              return Poll.ready("finished anyway");
            });
    self.set(task);
    scheduler.runAll();
    assertThat(task.isCancelled()).isFalse();
    assertThat(task.poll(Context.of(Waker.noop())).value()).isEqualTo("finished anyway");
  }
}
