package dev.gearbox.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinedElsewhere;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A throwing poll drops the future; a failure nobody joined is reported once, others never. */
class RawTaskFailureTest {
  private final QueueScheduler scheduler = new QueueScheduler();

  /** Pending on its first poll, throws {@code failure} on the next; counts drops. */
  static final class ThrowsOnSecondPoll implements Future<String> {
    final AtomicInteger drops = new AtomicInteger();
    private final RuntimeException failure;
    private final RuntimeException dropFailure;
    private boolean polled;

    ThrowsOnSecondPoll(RuntimeException failure, RuntimeException dropFailure) {
      this.failure = failure;
      this.dropFailure = dropFailure;
    }

    @Override
    public Poll<String> poll(Context cx) {
      if (!polled) {
        polled = true;
        return Poll.pending();
      }
      throw failure;
    }

    @Override
    public void drop() {
      drops.incrementAndGet();
      if (dropFailure != null) {
        throw dropFailure;
      }
    }
  }

  @Test
  void aThrowingPollDropsTheFutureOnceThenFailsTheTask() {
    IllegalStateException boom = new IllegalStateException("boom");
    ThrowsOnSecondPoll future = new ThrowsOnSecondPoll(boom, null);
    RawTask<String> task = scheduler.spawn(future);
    scheduler.runAll();
    task.wake();
    scheduler.runAll();
    assertThat(future.drops.get()).isEqualTo(1);
    assertThat(task.isFailed()).isTrue();
    task.abort();
    assertThat(future.drops.get()).as("not dropped again by a later abort").isEqualTo(1);
    assertThat(scheduler.releases.get()).isEqualTo(1);
  }

  @Test
  void aThrowingDropGoesToTheUncaughtHandlerAndTheTaskStillFails() {
    IllegalStateException boom = new IllegalStateException("boom");
    IllegalArgumentException dropBoom = new IllegalArgumentException("drop boom");
    ThrowsOnSecondPoll future = new ThrowsOnSecondPoll(boom, dropBoom);
    RawTask<String> task = scheduler.spawn(future);
    CompletableFuture<Throwable> uncaught = new CompletableFuture<>();
    Thread.UncaughtExceptionHandler previous = Thread.currentThread().getUncaughtExceptionHandler();
    Thread.currentThread().setUncaughtExceptionHandler((thread, e) -> uncaught.complete(e));
    try {
      scheduler.runAll();
      task.wake();
      scheduler.runAll();
    } finally {
      Thread.currentThread().setUncaughtExceptionHandler(previous);
    }
    assertThat(uncaught.getNow(null)).isSameAs(dropBoom);
    assertThatThrownBy(task::join).isInstanceOf(JoinException.class).cause().isSameAs(boom);
  }

  @Test
  void anUnjoinedFailureIsReportedOnce() {
    IllegalStateException boom = new IllegalStateException("boom");
    RawTask<String> task = scheduler.spawn(new ThrowsOnSecondPoll(boom, null));
    scheduler.runAll();
    task.wake();
    scheduler.runAll();
    assertThat(scheduler.unjoined).containsExactly(boom);
    assertThatThrownBy(task::join).cause().isSameAs(boom);
    assertThat(scheduler.unjoined).as("a late join reports nothing more").hasSize(1);
  }

  @Test
  void aFailureJoinedBeforeItHappensIsNotReported() {
    IllegalStateException awaited = new IllegalStateException("awaited");
    RawTask<String> first = scheduler.spawn(new ThrowsOnSecondPoll(awaited, null));
    scheduler.runAll();
    assertThat(first.poll(first).isPending()).isTrue(); // JOIN_INTEREST, any waker will do
    first.wake();
    scheduler.runAll();

    IllegalStateException bridged = new IllegalStateException("bridged");
    RawTask<String> second = scheduler.spawn(new ThrowsOnSecondPoll(bridged, null));
    CompletableFuture<String> bridge = second.toCompletableFuture();
    scheduler.runAll();
    second.wake();
    scheduler.runAll();
    assertThat(bridge).isCompletedExceptionally();

    RawTask<String> cancelled = scheduler.spawn(new ThrowsOnSecondPoll(awaited, null));
    scheduler.runAll();
    cancelled.abort();

    assertThat(scheduler.unjoined).isEmpty();
  }

  @Test
  void aFailureOfAFutureJoinedElsewhereIsNotReported() {
    final class Collected implements Future<String>, JoinedElsewhere {
      @Override
      public Poll<String> poll(Context cx) {
        throw new IllegalStateException("collected by its spawner");
      }
    }
    RawTask<String> task = scheduler.spawn(new Collected());
    scheduler.runAll();
    assertThat(task.isFailed()).isTrue();
    assertThat(scheduler.unjoined).isEmpty();
  }
}
