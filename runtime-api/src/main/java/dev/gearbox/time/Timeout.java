package dev.gearbox.time;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import java.time.Duration;

/**
 * {@link Time#timeout}: a future that completes as its inner future does, or fails with {@link
 * TimedOutException} once its {@link Sleep} completes first.
 *
 * <p>Implementation notes: each poll polls the inner future first, so an inner future that is ready
 * wins even when the deadline has also passed (as Tokio's {@code Timeout}), then the sleep, with
 * the same context, so either one wakes the task. The sleep is polled without spending the
 * cooperative budget, so a timeout fires even when its future spent the whole budget on every poll
 * (Tokio polls its delay unconstrained in that case). When the inner future completes or throws,
 * the sleep is dropped, which cancels its timer entry (and an inner future that threw is dropped
 * too); when the sleep completes first, the inner future is dropped and forgotten. Not thread-safe:
 * its task polls and drops it, one thread at a time.
 */
final class Timeout<T> implements Future<T> {
  private Future<T> inner;
  private final Sleep sleep;
  private final Duration duration;

  Timeout(Future<T> inner, Sleep sleep, Duration duration) {
    this.inner = inner;
    this.sleep = sleep;
    this.duration = duration;
  }

  @Override
  public Poll<T> poll(Context cx) throws Exception {
    if (inner == null) {
      throw new IllegalStateException("this timeout already finished; it must not be polled again");
    }
    Poll<T> poll;
    try {
      poll = inner.poll(cx);
    } catch (Exception failure) {
      Future<T> failed = inner;
      finish();
      dropFailed(failed, failure);
      throw failure;
    }
    if (poll.isReady()) {
      finish();
      return poll;
    }
    if (!sleep.pollElapsed(cx)) {
      return Poll.pending();
    }
    Future<T> late = inner;
    inner = null;
    late.drop();
    throw new TimedOutException(duration);
  }

  @Override
  public void drop() {
    if (inner != null) {
      inner.drop();
      finish();
    }
  }

  /** Drops the inner future that threw (given up on here); a drop failure joins the failure. */
  private static void dropFailed(Future<?> failed, Exception failure) {
    try {
      failed.drop();
    } catch (RuntimeException dropFailure) {
      if (dropFailure != failure) {
        failure.addSuppressed(dropFailure);
      }
    }
  }

  /** Releases the timer entry and forgets the inner future, which has completed or was dropped. */
  private void finish() {
    inner = null;
    sleep.drop();
  }

  @Override
  public String toString() {
    return "Timeout[" + duration + ", " + (inner == null ? "finished" : inner) + "]";
  }
}
