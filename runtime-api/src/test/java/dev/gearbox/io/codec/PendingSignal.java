package dev.gearbox.io.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.io.TestExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A future that tells each time it returns Pending, so a test can send the next piece of input only
 * once the reader has taken the last one and waits again: the pieces then arrive in separate reads.
 */
final class PendingSignal<T> implements Future<T> {
  private final Future<T> future;
  private final Semaphore pendings = new Semaphore(0);

  PendingSignal(Future<T> future) {
    this.future = future;
  }

  @Override
  public Poll<T> poll(Context cx) throws Exception {
    Poll<T> poll = future.poll(cx);
    if (poll.isPending()) {
      pendings.release();
    }
    return poll;
  }

  @Override
  public void drop() {
    future.drop();
  }

  /** Waits (bounded) for the next Pending not yet awaited. */
  void awaitPending() throws InterruptedException {
    assertThat(pendings.tryAcquire(TestExecutor.BLOCK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
        .as("the reader went back to waiting")
        .isTrue();
  }
}
